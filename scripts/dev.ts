// `pnpm dev`: the sandbox, a Node-RED editor and (when installed) an n8n editor with the packages loaded, on
// loopback, for building flows by hand against seeded data. Runs on the workspace's builds (the root script
// builds first).
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { styleText } from 'node:util';
import { startSandbox, type RunningSandbox } from '../apps/sandbox/dist/index.mjs';
// The e2e helpers install the packed tarball the way users do; this script is not shipped.
import {
  importBotExample,
  prepareUserFolder,
  startN8n,
  type N8nServer,
} from '../packages/n8n-nodes-ringcx/e2e/n8n-server.mts';

const NODE_RED_PACKAGE = '@ringcx-connectors/node-red-ringcx';
const NODE_RED_DIR = new URL('../packages/node-red-ringcx/', import.meta.url);
// The ports `npm run sandbox` and Node-RED use by default, so bookmarks keep working.
const SANDBOX_PORT = 4010;
const NODE_RED_PORT = 1880;
const CONNECTION_ID = 'ringcx-sandbox-connection';
// Where `scripts/install-n8n.sh` puts n8n; dev only uses it, installing takes minutes.
const N8N_HOME = process.env.RINGCX_N8N_HOME ?? join(homedir(), '.cache', 'ringcx-connectors', 'n8n-2.41.1');
const N8N_OWNER = {
  email: 'dev@example.com',
  firstName: 'Dev',
  lastName: 'Owner',
  password: 'RingCX-dev-2026',
};

interface Red {
  init(server: Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  httpAdmin: RequestListener & ((req: unknown, res: unknown, next: () => void) => void);
  httpNode: RequestListener & ((req: unknown, res: unknown, next: () => void) => void);
}

const isPortTaken = (error: unknown) =>
  error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';

/** The sandbox on its usual port, or on any free one when that is taken. */
async function sandboxOnLoopback(): Promise<RunningSandbox> {
  try {
    return await startSandbox({ port: SANDBOX_PORT });
  } catch (error) {
    if (!isPortTaken(error)) throw error;
    return await startSandbox({ port: 0 });
  }
}

async function listen(server: Server): Promise<string> {
  const attempt = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await attempt(NODE_RED_PORT).catch((error: unknown) => {
    if (!isPortTaken(error)) throw error;
    return attempt(0);
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A throwaway user directory with the package where `npm install` in `~/.node-red` puts it (linked to
 * the workspace's build), and one connection to the sandbox already set up, token included.
 */
function userDirectory(sandbox: RunningSandbox, nodeRedUrl: string): string {
  const userDir = mkdtempSync(join(tmpdir(), 'ringcx-dev-node-red-'));
  process.once('exit', () => rmSync(userDir, { recursive: true, force: true }));
  const installed = join(userDir, 'node_modules', NODE_RED_PACKAGE);
  mkdirSync(dirname(installed), { recursive: true });
  symlinkSync(realpathSync(NODE_RED_DIR), installed, 'dir');
  const flows = [
    { id: 'ringcx-dev-tab', type: 'tab', label: 'RingCX sandbox' },
    {
      id: CONNECTION_ID,
      type: 'ringcx-config',
      name: 'Sandbox (bot)',
      account: '',
      host: 'digital.ringcentral.com',
      baseUrl: sandbox.baseUrl,
      publicUrl: nodeRedUrl,
    },
  ];
  writeFileSync(join(userDir, 'flows.json'), JSON.stringify(flows, null, 2));
  // Plain text is fine here: the directory lives as long as this process, and the tokens are the sandbox's.
  writeFileSync(
    join(userDir, 'flows_cred.json'),
    JSON.stringify({ [CONNECTION_ID]: { accessToken: sandbox.tokens.bot } }),
  );
  return userDir;
}

/**
 * n8n with the package installed from its tarball, the bot example and a credential for the sandbox
 * imported (unpublished), and an owner account to log in with.
 */
async function startN8nEditor(sandbox: RunningSandbox): Promise<N8nServer> {
  const { folder, remove } = await prepareUserFolder();
  // Removed once n8n has stopped: `stop()` ends with process.exit.
  process.once('exit', remove);
  await importBotExample(folder, sandbox, {
    workflow: 'ringcxDevBotFlow',
    credential: 'ringcxDevCredential',
  });
  const server = await startN8n(folder, 120_000);
  const setup = await fetch(`${server.url}rest/owner/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(N8N_OWNER),
  });
  if (!setup.ok) {
    await server.stop();
    throw new Error(`n8n refused the owner setup: ${setup.status} ${await setup.text()}`);
  }
  return server;
}

const sandbox = await sandboxOnLoopback();
const RED = createRequire(NODE_RED_DIR)('node-red') as Red;
const server = createServer((req, res) =>
  RED.httpAdmin(req, res, () => RED.httpNode(req, res, () => res.writeHead(404).end())),
);
const nodeRedUrl = await listen(server);
const userDir = userDirectory(sandbox, nodeRedUrl);
RED.init(server, {
  userDir,
  flowFile: 'flows.json',
  credentialSecret: false,
  httpAdminRoot: '/',
  httpNodeRoot: '/',
  // Errors only: its start-up notices (projects off, plain-text credentials) are expected here.
  logging: { console: { level: 'error' } },
  telemetry: { enabled: false, updateNotification: false },
  diagnostics: { enabled: false },
  externalModules: { autoInstall: false, palette: { allowInstall: false } },
});
await RED.start();
const bold = (text: string) => styleText('bold', text);
const n8nInstalled = existsSync(join(N8N_HOME, 'node_modules', 'n8n', 'bin', 'n8n'));
const n8n = n8nInstalled ? await startN8nEditor(sandbox) : undefined;
const n8nLines = n8n
  ? [
      `${bold('n8n editor')}       ${n8n.url}`,
      `  log in as ${N8N_OWNER.email} / ${N8N_OWNER.password}; the bot example and a “RingCX account” credential`,
      '  for the sandbox are imported (unpublished).',
    ]
  : [
      `${bold('n8n editor')}       not started: n8n is not installed; run \`bash scripts/install-n8n.sh\` once.`,
    ];

const tokens = Object.entries(sandbox.tokens).map(([name, value]) => `    ${name.padEnd(10)} ${value}`);
console.log(
  [
    '',
    `${bold('RingCX sandbox')}   ${sandbox.baseUrl}  (seeded data, webhooks delivered)`,
    '  tokens:',
    ...tokens,
    `${bold('Node-RED editor')}  ${nodeRedUrl}/`,
    `  ${NODE_RED_PACKAGE} loaded; the “Sandbox (bot)” connection points at the sandbox.`,
    `  Examples: Menu › Import › Examples › ${NODE_RED_PACKAGE}`,
    ...n8nLines,
    '',
    `Make a customer write: node apps/sandbox/dist/cli.mjs --url ${sandbox.url} customer-message "Hello, where is my order?"`,
    'Ctrl-C stops everything.',
  ].join('\n'),
);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await n8n?.stop();
    await RED.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await sandbox.stop();
  } finally {
    process.exit(0);
  }
}
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
