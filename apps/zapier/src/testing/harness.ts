import { startSandbox, type RunningSandbox, type TokenName } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createAppTester, type Bundle, type ZObject } from 'zapier-platform-core';
import App from '../index.ts';

export { SEED_IDS as ids } from '@ringcx-connectors/sandbox';

type Perform = (z: ZObject, bundle: Bundle) => unknown;
/** A perform function, or a trigger, create or search (its `operation.perform` runs). */
type Runnable = Perform | { operation: object };

function performOf(target: Runnable): Perform {
  return typeof target === 'function' ? target : (target.operation as { perform: Perform }).perform;
}

export interface Harness {
  readonly sandbox: RunningSandbox;
  /** Runs an operation through Zapier's app tester, connected to the sandbox with a token (admin by default). */
  run<T = unknown>(target: Runnable, inputData?: Record<string, unknown>, options?: RunOptions): Promise<T>;
  /** The same with other connection fields (a wrong token, a broken base URL). */
  runAs<T = unknown>(
    authData: Record<string, string>,
    target: Runnable,
    inputData?: Record<string, unknown>,
  ): Promise<T>;
  /** The API calls the sandbox received since the last reset, as `METHOD /path?query` without `/1.0`. */
  calls(): string[];
  /** Reads from the sandbox's API directly (as the admin), to check what an operation changed. */
  get<T = Record<string, unknown>>(path: string): Promise<T>;
}

interface RunOptions {
  meta?: Record<string, unknown>;
  token?: TokenName;
}

/**
 * One sandbox per test file, reset to its seed before each test (data, logs and faults), so a
 * write in one test never leaks into another. It runs 1000 times faster than real time, so its
 * background jobs (thread close and open, exports) finish within milliseconds.
 */
export function useSandbox(): Harness {
  const appTester = createAppTester(App);
  let sandbox: RunningSandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ timeScale: 1000 });
  });
  beforeEach(async () => {
    await sandbox!.control.reset();
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  const runAs = <T>(authData: Record<string, string>, target: Runnable, inputData = {}, meta = {}) =>
    appTester(performOf(target) as (z: ZObject, bundle: Bundle) => Promise<T>, { authData, inputData, meta });
  return {
    get sandbox() {
      if (!sandbox) throw new Error('The sandbox starts before the tests.');
      return sandbox;
    },
    run: (target, inputData, options = {}) =>
      runAs(
        { base_url: sandbox!.baseUrl, access_token: sandbox!.tokens[options.token ?? 'admin'] },
        target,
        inputData,
        options.meta,
      ),
    runAs: (authData, target, inputData) => runAs(authData, target, inputData),
    calls: () =>
      sandbox!.control.requests().map((entry) => `${entry.method} ${entry.path.replace(/^\/1\.0/, '')}`),
    get: async <T>(path: string) => {
      const response = await fetch(`${sandbox!.baseUrl}${path}`, {
        headers: { authorization: `Bearer ${sandbox!.tokens.admin}` },
      });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    },
  };
}

/** What Zapier would see of a thrown error: its class and the message it shows the user. */
export async function zapierFailure(
  work: Promise<unknown>,
): Promise<{ name: string; message: string; delay?: number; code?: string }> {
  try {
    await work;
  } catch (error) {
    const { name, message } = error as Error;
    // Zapier's Error and ThrottledError carry a JSON envelope; the others a plain message.
    try {
      const parsed = JSON.parse(message) as { message: string; delay?: number; code?: string };
      return { name, ...parsed };
    } catch {
      return { name, message };
    }
  }
  throw new Error('Expected the operation to fail, but it succeeded.');
}
