// Builds the deployable zip without a Zapier account (`pnpm run zip`, after `pnpm run build`), then
// runs the unzipped build the way Zapier's runtime does (its `zapierwrapper.js` handler) against the
// RingCX sandbox: the connection test and a trigger. Needs the npm registry, not zapier.com.
import { startSandbox } from '@ringcx-connectors/sandbox';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { appRoot, buildZip, stageApp } from './packaging.ts';

type Handler = (event: object) => Promise<{ results: unknown }>;

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'ringcx-zapier-zip-'));
  try {
    const stage = join(scratch, 'app');
    await stageApp(stage);
    const built = await buildZip(stage, scratch);
    const out = join(appRoot, 'build');
    await mkdir(out, { recursive: true });
    await copyFile(built.buildZip, join(out, 'build.zip'));
    await copyFile(built.sourceZip, join(out, 'source.zip'));
    await smokeTest(built.unzipped);
    const mb = (built.size / 1024 / 1024).toFixed(2);
    process.stdout.write(`build/build.zip: ${built.size} bytes (${mb} MB); the unzipped build passed.\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function smokeTest(unzipped: string): Promise<void> {
  const wrapper = pathToFileURL(join(unzipped, 'zapierwrapper.js')).href;
  const { handler } = (await import(wrapper)) as { handler: Handler };
  const sandbox = await startSandbox();
  try {
    const authData = { base_url: sandbox.baseUrl, access_token: sandbox.tokens.agent };
    const execute = (method: string) =>
      handler({ command: 'execute', method, bundle: { authData, inputData: {} } });
    const me = (await execute('authentication.test')).results as { connection_label?: string };
    if (!me.connection_label) throw new Error(`The connection test returned no label: ${JSON.stringify(me)}`);
    const threads = (await execute('triggers.new_thread.operation.perform')).results;
    if (!Array.isArray(threads) || threads.length === 0) {
      throw new Error(`New Thread returned nothing: ${JSON.stringify(threads)}`);
    }
    process.stdout.write(`connection test: ${me.connection_label}; New Thread: ${threads.length} threads\n`);
  } finally {
    await sandbox.stop();
  }
}

await main();
