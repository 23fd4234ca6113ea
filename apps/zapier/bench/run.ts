// `pnpm bench`: the deployable zip's size and the cold start of the built app (importing Zapier's
// entry wrapper in a fresh Node process, as a new Lambda does), against Zapier's own TypeScript
// template (`zapier-platform init --template custom-auth --language typescript`) built the same way
// in the same run. Needs the npm registry, not zapier.com.
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRoot, buildZip, cli, cliEnv, run, stageApp, type BuiltZip } from '../scripts/packaging.ts';

const RUNS = 15;

async function buildTemplate(scratch: string): Promise<BuiltZip> {
  await run(cli, ['init', 'template', '--template', 'custom-auth', '--language', 'typescript'], {
    cwd: scratch,
    env: cliEnv(scratch),
  });
  const stage = join(scratch, 'template');
  const file = join(stage, 'package.json');
  const pkg = JSON.parse(await readFile(file, 'utf8')) as {
    scripts: Record<string, string>;
    overrides?: object;
  };
  // Compiled below with the workspace's TypeScript, so the template's build script is not needed; the
  // same get-intrinsic pin as this app, without which the template's zip fails Zapier's build test.
  delete pkg.scripts['_zapier-build'];
  pkg.overrides = { 'get-intrinsic': '1.3.0' };
  await writeFile(file, JSON.stringify(pkg, null, 2));
  return buildZip(stage, scratch, () => run(join(appRoot, 'node_modules/.bin/tsc'), ['-p', stage]));
}

/** Milliseconds to import the wrapper (Zapier core + the app) in a fresh process, `RUNS` times. */
function coldStarts(unzipped: string): number[] {
  const wrapper = pathToFileURL(join(unzipped, 'zapierwrapper.js')).href;
  const script = `const t = performance.now(); await import(${JSON.stringify(wrapper)}); process.stdout.write(String(performance.now() - t));`;
  return Array.from({ length: RUNS }, () => {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`Loading ${wrapper} failed:\n${child.stderr}`);
    return Number(child.stdout);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'ringcx-zapier-bench-'));
  try {
    const stage = join(scratch, 'ringcx');
    await stageApp(stage);
    const results = [
      { name: 'RingCX app', built: await buildZip(stage, scratch) },
      { name: 'Zapier TS template', built: await buildTemplate(scratch) },
    ];
    console.log(`Zapier build and cold start (median of ${RUNS} fresh processes, Node ${process.version})`);
    console.log('| app | build.zip | cold start, median | min | max |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const { name, built } of results) {
      const times = coldStarts(built.unzipped);
      const kb = (built.size / 1024).toFixed(0);
      const ms = (value: number) => `${value.toFixed(1)} ms`;
      console.log(
        `| ${name} | ${kb} KB | ${ms(median(times))} | ${ms(Math.min(...times))} | ${ms(Math.max(...times))} |`,
      );
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

await main();
