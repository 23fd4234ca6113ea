import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MODULE = '@ringcx-connectors/node-red-ringcx';
const PACKAGE_ROOT = fileURLToPath(new URL('../..', import.meta.url));

type ExpressApp = RequestListener & ((req: unknown, res: unknown, next: () => void) => void);

interface Red {
  init(server: Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  httpAdmin: ExpressApp;
  httpNode: ExpressApp & { _router: { stack: Array<{ route?: { path: string } }> } };
}

export type FlowNode = Record<string, unknown> & { id: string; type: string };

/** The Node-RED releases the package supports, each installed under its own name. */
export const NODE_RED_RELEASES = ['node-red', 'node-red-4'].map((module) => ({
  module,
  version: (createRequire(import.meta.url)(`${module}/package.json`) as { version: string }).version,
}));

/**
 * The built package in a real Node-RED (`module`, one of NODE_RED_RELEASES), started in-process the
 * way `node-red` starts it: the admin app (with its JSON body parser) and the node app share the root
 * path. One at a time per release: each runtime is a module-level singleton.
 */
export async function startRuntime(globals: Record<string, unknown> = {}, module = 'node-red') {
  const RED = createRequire(import.meta.url)(module) as Red;
  const userDir = await mkdtemp(join(tmpdir(), 'node-red-ringcx-runtime-'));
  await writeFile(join(userDir, 'flows.json'), '[]');
  const server = createServer((req, res) =>
    RED.httpAdmin(req, res, () => RED.httpNode(req, res, () => res.writeHead(404).end())),
  );
  RED.init(server, {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
    nodesDir: [PACKAGE_ROOT],
    httpAdminRoot: '/',
    httpNodeRoot: '/',
    functionGlobalContext: globals,
    logging: { console: { level: 'off' } },
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false },
    editorTheme: { tours: false },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  await RED.start();

  return {
    RED,
    base,
    /**
     * A full deploy through the admin API, credentials inline as the editor sends them. The runtime
     * starts the flows after answering, so this waits until `ready` (when given) says they run.
     */
    async deploy(
      flow: FlowNode[],
      credentials: Record<string, Record<string, string>> = {},
      ready?: () => Promise<boolean>,
    ) {
      const response = await fetch(`${base}/flows`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'node-red-deployment-type': 'full' },
        body: JSON.stringify(
          flow.map((node) => (credentials[node.id] ? { ...node, credentials: credentials[node.id] } : node)),
        ),
      });
      if (response.status !== 204)
        throw new Error(`deploy answered ${response.status}: ${await response.text()}`);
      if (ready) await until(ready, 'the deployed flows to start');
    },
    async stop() {
      await RED.stop();
      await new Promise((resolve) => server.close(resolve));
      await rm(userDir, { recursive: true, force: true });
    },
  };
}

/** Waits for `check` to pass, with a generous bound for a busy machine. */
export async function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
