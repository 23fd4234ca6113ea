// Building Zapier zips outside the workspace, shared by `pnpm run zip` and the benchmark.
import { execFile } from 'node:child_process';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const run = promisify(execFile);
export const appRoot = new URL('..', import.meta.url).pathname;
export const cli = join(appRoot, 'node_modules/.bin/zapier-platform');

/** The CLI offline and silent: no analytics, no update check, no account. */
export function cliEnv(scratch: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DISABLE_ZAPIER_ANALYTICS: '1',
    NO_UPDATE_NOTIFIER: '1',
    ZAPIER_AUTH_LOCATION: join(scratch, 'zapierrc'),
  };
}

/**
 * Stages this app with a package.json that lists only what runs in production: core is already
 * inlined by the bundle, so npm never meets a `workspace:` or `catalog:` range, and `overrides`
 * pins get-intrinsic for Zapier's dependency detection. Needs `pnpm run build` first.
 */
export async function stageApp(stage: string): Promise<void> {
  const pkg = JSON.parse(await readFile(join(appRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  const { name, version, type, exports, engines, dependencies, overrides } = pkg;
  await mkdir(join(stage, 'dist'), { recursive: true });
  await copyFile(join(appRoot, 'dist/index.mjs'), join(stage, 'dist/index.mjs'));
  const production = { name, version, private: true, type, exports, engines, dependencies, overrides };
  await writeFile(join(stage, 'package.json'), `${JSON.stringify(production, null, 2)}\n`);
}

export interface BuiltZip {
  buildZip: string;
  sourceZip: string;
  size: number;
  /** Where build.zip was unpacked, as Zapier's runtime sees it. */
  unzipped: string;
}

/**
 * Installs production dependencies with npm and runs `zapier-platform build` on a staged app with
 * a compiled entry (or one `afterInstall` compiles). Validation is skipped because it needs zapier.com; the same local checks run
 * in the app's tests. The CLI's own "Testing build" step still loads the zip.
 */
export async function buildZip(
  stage: string,
  scratch: string,
  afterInstall?: () => Promise<unknown>,
): Promise<BuiltZip> {
  const env = cliEnv(scratch);
  await writeFile(join(stage, '.gitignore'), 'node_modules/\nbuild/\n');
  await run('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: stage,
    env,
  });
  await afterInstall?.();
  await run(cli, ['build', '--skip-validation', '--skip-dep-install'], { cwd: stage, env });
  const buildZip = join(stage, 'build/build.zip');
  const unzipped = `${stage}-unzipped`;
  await run('unzip', ['-q', buildZip, '-d', unzipped]);
  return {
    buildZip,
    sourceZip: join(stage, 'build/source.zip'),
    size: (await stat(buildZip)).size,
    unzipped,
  };
}
