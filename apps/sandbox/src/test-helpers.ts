// Shared by the sandbox's tests: a real sandbox on 127.0.0.1 and a small HTTP client for it.
import qs from 'qs';
import { afterAll, beforeAll } from 'vitest';
import {
  formatViolations,
  loadSpecValidator,
  SPEC_FILE,
  type Violation,
} from './conformance/spec-validator.ts';
import type { TokenName } from './seed.ts';
import { startSandbox, type RunningSandbox, type SandboxOptions } from './server.ts';

// Response bodies are JSON whose fields the tests check one by one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface CallResult {
  status: number;
  body: Json;
  text: string;
  headers: Headers;
}

export interface CallOptions {
  /** Token by name (default admin); null sends none. */
  as?: TokenName | null;
  /** Raw token value, instead of `as`. */
  token?: string;
  query?: Record<string, unknown> | string;
  json?: unknown;
  form?: Record<string, unknown> | string;
  headers?: Record<string, string>;
}

export interface TestSandbox extends RunningSandbox {
  call(method: string, path: string, options?: CallOptions): Promise<CallResult>;
  /** Answers that do not conform to the official spec so far; `stop()` fails when there are any. */
  violations: Violation[];
}

/** Fast defaults for tests: jobs and exports finish within milliseconds. */
export const FAST: SandboxOptions = { timeScale: 1000 };

const specValidator = loadSpecValidator().then((validator) => {
  if (!validator) console.warn(`Spec conformance checks skipped: no OpenAPI spec at ${SPEC_FILE}.`);
  return validator;
});

/**
 * Starts a sandbox whose every API answer is checked against the official spec: a 2xx body against
 * its operation's response schema, an error against the API's error format. `stop()` (run by
 * `useSandbox` after the file) throws when an answer did not conform, so the test file fails.
 */
export async function openSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const validator = await specValidator;
  const violations: Violation[] = [];
  const sandbox = await startSandbox({
    ...FAST,
    ...options,
    onApiResponse(info) {
      options.onApiResponse?.(info);
      const violation = validator?.check(info);
      if (violation) violations.push(violation);
    },
  });
  return {
    ...sandbox,
    violations,
    async stop() {
      await sandbox.stop();
      if (violations.length > 0) {
        throw new Error(
          `${violations.length} sandbox answer(s) do not conform to the official spec:\n${formatViolations(violations)}`,
        );
      }
    },
    async call(method, path, options = {}) {
      const token =
        options.token ?? (options.as === null ? undefined : sandbox.tokens[options.as ?? 'admin']);
      const query =
        typeof options.query === 'string'
          ? options.query
          : qs.stringify(options.query ?? {}, { arrayFormat: 'brackets' });
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      let body: string | undefined;
      if (options.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(options.json);
      } else if (options.form !== undefined) {
        headers['content-type'] = 'application/x-www-form-urlencoded';
        body =
          typeof options.form === 'string'
            ? options.form
            : qs.stringify(options.form, { arrayFormat: 'brackets' });
      }
      Object.assign(headers, options.headers);
      const response = await fetch(`${sandbox.baseUrl}${path}${query ? `?${query}` : ''}`, {
        method,
        headers,
        body: body ?? null,
      });
      const text = await response.text();
      let parsed: Json = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Not JSON (an HTML error page): kept as text.
      }
      return { status: response.status, body: parsed, text, headers: response.headers };
    },
  };
}

/** One sandbox for the whole test file; `get()` returns it inside tests. */
export function useSandbox(options: SandboxOptions = {}): () => TestSandbox {
  let sandbox: TestSandbox | undefined;
  beforeAll(async () => {
    sandbox = await openSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.stop();
  });
  return () => sandbox!;
}
