import { mkdtempSync, mkdirSync, realpathSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The helper expects every `@node-red/*` package next to `node-red`, as npm installs them; pnpm keeps
 * `@node-red/registry` elsewhere. A scratch `node_modules` of symlinks gives it that layout while the
 * modules load from their real paths, so the helper and the runtime share one instance of each.
 */
function runtimePath(): string {
  const require = createRequire(import.meta.url);
  const nodeRed = dirname(realpathSync(require.resolve('node-red/package.json')));
  const fromNodeRed = createRequire(join(nodeRed, 'package.json'));
  const runtime = dirname(realpathSync(fromNodeRed.resolve('@node-red/runtime/package.json')));
  const fromRuntime = createRequire(join(runtime, 'package.json'));
  const scratch = join(mkdtempSync(join(tmpdir(), 'node-red-ringcx-')), 'node_modules');
  mkdirSync(join(scratch, '@node-red'), { recursive: true });
  symlinkSync(nodeRed, join(scratch, 'node-red'));
  for (const name of ['editor-api', 'nodes', 'runtime', 'util', 'registry']) {
    const from = name === 'registry' ? fromRuntime : fromNodeRed;
    symlinkSync(
      dirname(realpathSync(from.resolve(`@node-red/${name}/package.json`))),
      join(scratch, '@node-red', name),
    );
  }
  return join(scratch, 'node-red', 'lib', 'red.js');
}

// Importing the helper makes it probe for Node-RED where pnpm does not put it, and print the
// failure; it is pointed at the runtime right after.
/* eslint-disable no-console -- silenced for the import only */
const print = console.log;
console.log = () => {};
const { default: helper } = await import('node-red-node-test-helper').finally(() => {
  console.log = print;
});
/* eslint-enable no-console */
helper.init(runtimePath());

export { helper };

/** A node the helper loaded, as tests drive it. */
export interface TestNode {
  receive(msg: Record<string, unknown>): void;
  once(event: 'input', listener: (msg: Record<string, unknown>) => void): void;
  on(event: string, listener: (...args: never[]) => void): void;
  context(): { get(key: string): unknown; set(key: string, value: unknown): void };
}

export function getNode(id: string): TestNode {
  const node = helper.getNode(id) as TestNode | null;
  if (!node) throw new Error(`node ${id} was not loaded; check the flow`);
  return node;
}

/** The next message a node outputs. */
export function nextMessage(id: string): Promise<Record<string, unknown>> {
  return new Promise((resolve) => getNode(id).once('input', resolve));
}

type Status = { fill?: string; shape?: string; text?: string };

/** Resolves with the first status a node shows (or showed) that passes `accept`. */
export function statusWhere(id: string, accept: (status: Status) => boolean): Promise<Status> {
  // The helper wraps each node's `status` in a spy that keeps every call.
  const node = getNode(id) as TestNode & { status: { args: Array<[Status]> } };
  const shown = node.status.args.map(([status]) => status).find(accept);
  if (shown) return Promise.resolve(shown);
  return new Promise((resolve) => {
    node.on('call:status', (call: { args: [Status] }) => {
      if (accept(call.args[0])) resolve(call.args[0]);
    });
  });
}

/**
 * Loads one action node wired to a `helper` node `out`, with a Catch node feeding `caught`, and a
 * connection `c1` to `baseUrl`.
 */
export function loadAction(
  modules: unknown[],
  node: Record<string, unknown> & { type: string },
  baseUrl: string,
  token = 'action-test-token-0123456789',
): Promise<void> {
  return helper.load(
    modules,
    [
      { id: 'f1', type: 'tab' },
      { id: 'c1', type: 'ringcx-config', baseUrl },
      { id: 'n1', z: 'f1', ringcx: 'c1', wires: [['out']], ...node },
      { id: 'out', z: 'f1', type: 'helper' },
      { id: 'catcher', z: 'f1', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', z: 'f1', type: 'helper' },
    ],
    { c1: { accessToken: token } },
  );
}

/** Sends `msg` into node `n1` and resolves with what comes out of `out`, or rejects with `msg.error`. */
export function run(msg: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    getNode('out').once('input', resolve);
    getNode('caught').once('input', (caught) =>
      reject(Object.assign(new Error('caught'), caught.error as object)),
    );
    getNode('n1').receive(msg);
  });
}
