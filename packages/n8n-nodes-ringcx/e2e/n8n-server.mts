import { execFile, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { RunningSandbox } from '@ringcx-connectors/sandbox';

const run = promisify(execFile);

const packageDir = join(import.meta.dirname, '..');
const n8nHome = process.env.RINGCX_N8N_HOME ?? join(homedir(), '.cache', 'ringcx-connectors', 'n8n-2.41.1');
const n8nBin = join(n8nHome, 'node_modules', 'n8n', 'bin', 'n8n');

export interface N8nServer {
  /** `http://127.0.0.1:PORT/`, also n8n's public webhook URL. */
  url: string;
  /** What n8n printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A throwaway n8n settings folder with this package installed the way users install it: the packed
 * tarball, installed with npm into `.n8n/nodes`, where n8n looks for community packages.
 */
export async function prepareUserFolder(): Promise<{ folder: string; remove(): void }> {
  if (!existsSync(n8nBin)) {
    throw new Error(
      `n8n is not installed in ${n8nHome}: run \`bash scripts/install-n8n.sh\` at the repository root.`,
    );
  }
  if (!existsSync(join(packageDir, 'dist', 'nodes', 'RingCx', 'RingCx.node.js'))) {
    throw new Error(
      'The package is not built: run `pnpm --filter @ringcx-connectors/n8n-nodes-ringcx run build`.',
    );
  }
  const folder = mkdtempSync(join(tmpdir(), 'n8n-nodes-ringcx-e2e-'));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    const packDir = join(folder, 'pack');
    await run('pnpm', ['pack', '--pack-destination', packDir], { cwd: packageDir, timeout: 60_000 });
    const tarball = readdirSync(packDir).find((name) => name.endsWith('.tgz'));
    if (!tarball) throw new Error('`pnpm pack` wrote no tarball.');

    const nodesDir = join(folder, '.n8n', 'nodes');
    mkdirSync(nodesDir, { recursive: true });
    writeFileSync(join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
    // n8n-workflow is a peer that n8n itself provides: npm must not fetch it.
    await run(
      'npm',
      ['install', join(packDir, tarball), '--offline', '--legacy-peer-deps', '--no-audit', '--no-fund'],
      {
        cwd: nodesDir,
        env: { ...process.env, npm_config_cache: join(folder, 'npm-cache') },
        timeout: 60_000,
      },
    );
    return { folder, remove };
  } catch (error) {
    remove();
    throw error;
  }
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('No free port on 127.0.0.1.');
  return address.port;
}

/** n8n's environment: loopback only, nothing sent home, the settings folder given. */
function n8nEnv(folder: string, port: number): NodeJS.ProcessEnv {
  const url = `http://127.0.0.1:${port}/`;
  return {
    PATH: process.env.PATH,
    HOME: folder,
    NODE_ENV: 'production',
    N8N_USER_FOLDER: folder,
    N8N_ENCRYPTION_KEY: 'ringcx-e2e-encryption-key',
    N8N_LISTEN_ADDRESS: '127.0.0.1',
    N8N_HOST: '127.0.0.1',
    N8N_PORT: String(port),
    N8N_PROTOCOL: 'http',
    N8N_WEBHOOK_URL: url,
    N8N_DIAGNOSTICS_ENABLED: 'false',
    N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
    N8N_TEMPLATES_ENABLED: 'false',
    N8N_PERSONALIZATION_ENABLED: 'false',
    N8N_LOG_LEVEL: 'warn',
  };
}

/** Runs one n8n CLI command (import, publish…) against the settings folder. */
export async function n8nCommand(folder: string, args: string[]): Promise<void> {
  await run(process.execPath, [n8nBin, ...args], { env: n8nEnv(folder, 0), timeout: 60_000 });
}

/** The shipped example, with its credential slots pointing at the credential `ids.credential`. */
function exampleWorkflow(ids: { workflow: string; credential: string }): Record<string, unknown> {
  const workflow = JSON.parse(readFileSync(join(packageDir, 'examples', 'bot-workflow.json'), 'utf8')) as {
    nodes: Array<{ credentials?: Record<string, { id: string; name: string }> }>;
  };
  for (const node of workflow.nodes) {
    if (node.credentials?.ringCxApi) node.credentials.ringCxApi.id = ids.credential;
  }
  return { ...workflow, id: ids.workflow, active: false };
}

/** Imports a RingCX API credential for the sandbox's bot and the shipped bot example (left inactive). */
export async function importBotExample(
  folder: string,
  sandbox: RunningSandbox,
  ids: { workflow: string; credential: string },
): Promise<void> {
  const credentialsFile = join(folder, 'credentials.json');
  writeFileSync(
    credentialsFile,
    JSON.stringify([
      {
        id: ids.credential,
        name: 'RingCX account',
        type: 'ringCxApi',
        data: { host: 'custom', baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.bot },
      },
    ]),
  );
  const workflowFile = join(folder, 'workflow.json');
  writeFileSync(workflowFile, JSON.stringify(exampleWorkflow(ids)));
  await n8nCommand(folder, ['import:credentials', `--input=${credentialsFile}`]);
  await n8nCommand(folder, ['import:workflow', `--input=${workflowFile}`]);
}

/** Starts `n8n start` on a free loopback port and waits until it answers its health check. */
export async function startN8n(folder: string, timeoutMs: number): Promise<N8nServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // Its own process group, so that stopping it also stops the task runner it starts.
  const child = spawn(process.execPath, [n8nBin, 'start'], {
    env: n8nEnv(folder, port),
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', append);
  child.stderr.on('data', append);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: N8nServer = { url, output: () => output, stop: () => stopGroup(child, exited) };
  try {
    await waitFor(
      async () => (await fetch(`${url}healthz/readiness`).catch(() => undefined))?.ok === true,
      timeoutMs,
      'n8n to answer its health check',
      server,
      () => child.exitCode !== null,
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

async function stopGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Polls `check` until it holds; fails with n8n's output when it does not within `timeoutMs`. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  server?: N8nServer,
  gaveUp: () => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline || gaveUp()) {
      const log = server ? `\nn8n output:\n${server.output().slice(-4000)}` : '';
      const why = gaveUp() ? 'n8n exited' : `nothing after ${Math.round(timeoutMs / 1000)} s`;
      throw new Error(`Gave up waiting for ${what}: ${why}.${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
