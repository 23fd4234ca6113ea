import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const PACKAGE = '@ringcx-connectors/node-red-ringcx';

/** A node of a flow as Node-RED exports it. */
export type FlowNode = Record<string, unknown> & { id: string; type: string };

/** A message as it passes between nodes. */
export type Msg = Record<string, unknown> & { _msgid: string };

/** A node a message passed through: its type, its settings as deployed, and a label. */
export interface SeenNode {
  type: string;
  config: FlowNode | undefined;
  /** Its type, then its name, or its operation when unnamed. */
  label: string;
}

/**
 * A message passing through a node. `fired`: a node without input (a trigger) sent it. `passed`: a
 * node sent it on through `ports`, `durationMs` after receiving it. `done`: a node finished with it
 * without sending it on (the end of the flow), or failed with `error`.
 */
export type NodeEvent =
  | { kind: 'fired'; node: SeenNode; msg: Msg }
  | { kind: 'passed'; node: SeenNode; msg: Msg; durationMs: number; ports: number[] }
  | { kind: 'done'; node: SeenNode; msg: Msg; durationMs: number; error?: unknown };

/**
 * Node-RED in process, started as the `node-red` command starts it: the editor's admin API and the
 * flows' HTTP endpoints served on one loopback port, the package installed in a throwaway user
 * directory, flows deployed through the admin API as the editor deploys them.
 */
export interface NodeRedRuntime {
  /** The runtime's HTTP server, where flows serve their webhooks. */
  readonly url: string;
  /** The node types Node-RED loaded from the package. */
  readonly nodeTypes: readonly string[];
  /** An example flow of the package, as Import › Examples gives it. */
  example(name: string): Promise<FlowNode[]>;
  /** Deploys `flow` in full, with `credentials` by node id as the editor sends them. */
  deploy(flow: FlowNode[], credentials: Record<string, Record<string, string>>): Promise<void>;
  /** Called for every message passing through a node of the deployed flows. */
  onNode(listener: (event: NodeEvent) => void): void;
  close(): Promise<void>;
}

interface Red {
  init(server: Server, settings: Record<string, unknown>): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  httpAdmin: RequestListener & ((req: unknown, res: unknown, next: () => void) => void);
  httpNode: RequestListener & ((req: unknown, res: unknown, next: () => void) => void);
  hooks: { add(name: string, hook: (event: never) => void): void };
}

interface HookNode {
  id: string;
  type: string;
}

export async function startNodeRed(): Promise<NodeRedRuntime> {
  const userDir = installPackage();
  // Node-RED is one runtime per process: `require` gives the same instance to every caller.
  const RED = require('node-red') as Red;
  const server = createServer((req, res) =>
    RED.httpAdmin(req, res, () => RED.httpNode(req, res, () => res.writeHead(404).end())),
  );
  RED.init(server, {
    userDir,
    flowFile: 'flows.json',
    credentialSecret: false,
    httpAdminRoot: '/',
    httpNodeRoot: '/',
    // The demo prints its own transcript.
    logging: { console: { level: 'off' } },
    telemetry: { enabled: false, updateNotification: false },
    diagnostics: { enabled: false },
    externalModules: { autoInstall: false, palette: { allowInstall: false } },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const listeners: ((event: NodeEvent) => void)[] = [];
  let deployed = new Map<string, FlowNode>();
  const seen = (node: HookNode): SeenNode => {
    const config = deployed.get(node.id);
    const name = typeof config?.name === 'string' && config.name ? ` “${config.name}”` : undefined;
    const operation = typeof config?.operation === 'string' ? ` ${config.operation}` : '';
    return { type: node.type, config, label: `${node.type}${name ?? operation}` };
  };
  const emit = (event: NodeEvent) => listeners.forEach((listener) => listener(event));
  // When each node received a message, and whether it sent it on, by node and message id.
  const received = new Map<string, { at: number; sent: boolean }>();
  const key = (nodeId: string, msg: Msg) => `${nodeId} ${msg._msgid}`;
  RED.hooks.add('onReceive.demo', (event: { msg: Msg; destination: { id: string } }) => {
    received.set(key(event.destination.id, event.msg), { at: performance.now(), sent: false });
  });
  RED.hooks.add(
    'onSend.demo',
    (events: { msg: Msg; source: { id: string; port: number; node: HookNode } }[]) => {
      // One send, possibly on several ports; the first destination gets the message itself.
      const [first] = events;
      if (!first) return;
      const receiving = received.get(key(first.source.id, first.msg));
      const node = seen(first.source.node);
      if (!receiving) {
        emit({ kind: 'fired', node, msg: first.msg });
        return;
      }
      receiving.sent = true;
      const ports = [...new Set(events.map((event) => event.source.port))];
      emit({ kind: 'passed', node, msg: first.msg, durationMs: performance.now() - receiving.at, ports });
    },
  );
  // Only nodes that call `done()` complete (core nodes such as Switch do not): the others are
  // followed by what they send.
  RED.hooks.add(
    'onComplete.demo',
    (event: { msg: Msg; node: { id: string; node: HookNode }; error?: unknown }) => {
      const receiving = received.get(key(event.node.id, event.msg));
      received.delete(key(event.node.id, event.msg));
      if (receiving?.sent && event.error === undefined) return;
      emit({
        kind: 'done',
        node: seen(event.node.node),
        msg: event.msg,
        durationMs: receiving ? performance.now() - receiving.at : 0,
        ...(event.error === undefined ? {} : { error: event.error }),
      });
    },
  );

  await RED.start();
  const admin = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        'node-red-deployment-type': 'full',
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(
        `Node-RED answered ${method} ${path} with ${response.status}: ${await response.text()}`,
      );
    return response;
  };
  const nodeSets = (await (await admin('GET', '/nodes')).json()) as { module: string; types: string[] }[];
  const nodeTypes = nodeSets.filter((set) => set.module === PACKAGE).flatMap((set) => set.types);
  if (nodeTypes.length === 0) throw new Error(`Node-RED did not load ${PACKAGE} from its user directory`);

  return {
    url,
    nodeTypes,
    async example(name) {
      const path = `/library/examples/flows/${PACKAGE}/${encodeURIComponent(name)}`;
      return (await (await admin('GET', path)).json()) as FlowNode[];
    },
    async deploy(flow, credentials) {
      deployed = new Map(flow.map((node) => [node.id, node]));
      await admin(
        'POST',
        '/flows',
        flow.map((node) => (credentials[node.id] ? { ...node, credentials: credentials[node.id] } : node)),
      );
    },
    onNode(listener) {
      listeners.push(listener);
    },
    async close() {
      await RED.stop();
      await new Promise((resolve) => server.close(resolve));
      rmSync(userDir, { recursive: true, force: true });
    },
  };
}

/**
 * A user directory with the package in its `node_modules`, where `npm install` in `~/.node-red` puts
 * it (linked to the workspace's build), and no flows yet. Removed when the process exits, in case
 * the runtime is never closed.
 */
function installPackage(): string {
  const userDir = mkdtempSync(join(tmpdir(), 'ringcx-demo-node-red-'));
  process.once('exit', () => rmSync(userDir, { recursive: true, force: true }));
  const installed = join(userDir, 'node_modules', PACKAGE);
  mkdirSync(dirname(installed), { recursive: true });
  symlinkSync(dirname(realpathSync(require.resolve(`${PACKAGE}/package.json`))), installed, 'dir');
  writeFileSync(join(userDir, 'flows.json'), '[]');
  return userDir;
}
