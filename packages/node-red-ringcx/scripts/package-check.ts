// The flow library's scorecard (`node-red-dev validate`), run offline on the package as packed for
// npm, as a gate: it fails unless every check that can run offline passes.
//
// The validator reaches the network through axios for two documents only:
// - Node-RED's npm registry document (P06 `node-red.version`, P07 `engines.node`). Offline it is
//   answered from the Node-RED versions installed here, the ones the tests run on.
// - The flow library's catalogue (P08 similar names, N01 unique node types). It cannot be known
//   offline: the validator gets an empty catalogue so that it runs on, and the gate reports both
//   checks as not checked instead of trusting their pass.
// Any other request is refused, so a new online lookup fails the gate rather than pass unnoticed.
// D02 and D03 reach the registry only for runtime dependencies, and the package has none (D01).
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Manifest {
  name: string;
  version: string;
  keywords?: string[];
  engines?: Record<string, string>;
  'node-red': { nodes: Record<string, string> };
}
type Scorecard = Record<string, { test?: boolean; nodes?: string[] } | undefined>;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const CATALOGUE = 'https://catalogue.nodered.org/catalogue.json';
const NODE_RED_DOCUMENT = 'https://registry.npmjs.org/node-red';
/** What the validator writes when it runs to the end; a missing one means it stopped early. */
const EXPECTED = ['P01', 'P03', 'P04', 'P05', 'P06', 'P07', 'P08', 'N01', 'N02', 'D01', 'D02', 'D03'];
const NOT_OFFLINE: Record<string, string> = {
  P08: 'similar package names: needs the flow library catalogue (catalogue.nodered.org)',
  N01: 'node types unique across the flow library: needs the same catalogue',
};

const print = (line: string) => process.stdout.write(`${line}\n`);

function installed(name: string): Manifest {
  return require(`${name}/package.json`) as Manifest;
}

/** Node-RED's registry document as far as this repository knows it: the versions it tests on. */
function nodeRedDocument() {
  const latest = installed('node-red');
  const previous = installed('node-red-4');
  return {
    'dist-tags': { latest: latest.version, 'maintenance-v4': previous.version },
    versions: { [latest.version]: latest, [previous.version]: previous },
  };
}

/** Packs the package as `npm publish` would and unpacks it; returns the unpacked folder. */
async function pack(scratch: string): Promise<string> {
  const output = execFileSync('pnpm', ['pack', '--json', '--pack-destination', scratch], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const { filename } = JSON.parse(output) as { filename: string };
  execFileSync('tar', ['-xzf', filename, '-C', scratch]);
  return join(scratch, 'package');
}

async function validate(packed: string, output: string): Promise<string[]> {
  const devRoot = dirname(require.resolve('node-red-dev/package.json'));
  const fromDev = createRequire(join(devRoot, 'package.json'));
  const axios = fromDev('axios') as { get: (url: string) => Promise<unknown> };
  const requested: string[] = [];
  axios.get = async (url) => {
    requested.push(url);
    if (url === CATALOGUE) {
      print('   (offline: an empty catalogue answers; the next line checks nothing)');
      return { data: { modules: [] } };
    }
    if (url === NODE_RED_DOCUMENT) return { data: nodeRedDocument() };
    throw new Error(`refused offline: ${url}`);
  };
  const command = fromDev('./src/commands/validate.js') as {
    run(argv: string[], root: string): Promise<void>;
  };
  await command.run(['-p', packed, '-o', output, '-e', 'true'], devRoot);
  return requested;
}

async function main(): Promise<number> {
  const scratch = await mkdtemp(join(tmpdir(), 'node-red-ringcx-validate-'));
  try {
    const packed = await pack(scratch);
    const manifest = JSON.parse(await readFile(join(packed, 'package.json'), 'utf8')) as Manifest;
    const output = join(scratch, 'scorecard.json');
    const requested = await validate(packed, output);
    const scorecard = JSON.parse(await readFile(output, 'utf8')) as Scorecard;

    const failures: string[] = [];
    const passed: string[] = [];
    for (const id of EXPECTED) {
      if (NOT_OFFLINE[id]) continue;
      const result = scorecard[id];
      if (result?.test === true) passed.push(id);
      else
        failures.push(`${id}: ${result ? JSON.stringify(result) : 'not run (the validator stopped early)'}`);
    }
    // P05 records a pass even without the keyword, and N02 passes with nothing checked when the
    // editor files cannot be parsed: both are checked here as the scorecard means them.
    if (!manifest.keywords?.includes('node-red')) failures.push('P05: keywords lack "node-red"');
    const nodes = Object.keys(manifest['node-red'].nodes).filter((type) => type !== 'ringcx-config');
    const withExamples = scorecard.N02?.nodes ?? [];
    const missing = nodes.filter((type) => !withExamples.includes(type));
    if (missing.length > 0) failures.push(`N02: no example found or parsed for ${missing.join(', ')}`);

    print(`\nnode-red-dev validate on ${manifest.name}@${manifest.version} as packed, offline:`);
    print(`  passed: ${passed.join(' ')}`);
    const versions = Object.keys(nodeRedDocument().versions).join(' and ');
    print(`  P06 and P07 checked against the installed Node-RED ${versions}, not the live registry`);
    for (const [id, reason] of Object.entries(NOT_OFFLINE)) print(`  not checked offline: ${id}, ${reason}`);
    print(`  answered locally: ${[...new Set(requested)].join(', ')}`);
    if (failures.length > 0) {
      console.error(`  FAILED:\n    ${failures.join('\n    ')}`);
      return 1;
    }
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

// The validator opens a readline on stdin at load, which would keep the process alive.
process.exit(await main());
