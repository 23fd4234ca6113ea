import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RingCxError } from '../errors.ts';
import { RingCxHttp } from '../defaults.ts';
import type { ClientOptions, RequestOptions } from './http-client.ts';
import { DEFAULT_RETRY, retryDelay } from './retry.ts';
import { refusedOrigin, sendApiError, sendJson, startServer, type TestServer } from './test-server.ts';
import type { HttpMethod } from './transport.ts';

/** What the server does on each attempt, in order; the last one repeats. */
type Step = number | 'reset' | 'stall' | { status: number; retryAfter: string };

let server: TestServer;
let script: Step[];
beforeAll(async () => {
  server = await startServer((_req, res) => {
    const step = script[Math.min(server.requests.length, script.length) - 1]!;
    if (step === 'reset') res.socket?.destroy();
    else if (step === 'stall') return;
    else if (typeof step === 'object') {
      const body = { error: 'rate_limit_exceeded', message: 'Rate limit exceeded', status: step.status };
      sendJson(res, step.status, body, { 'retry-after': step.retryAfter });
    } else if (step >= 400) sendApiError(res, step, 'error', `status ${step}`);
    else sendJson(res, step, { ok: true });
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const warnings: string[] = [];
afterEach(() => {
  warnings.length = 0;
});

function client(options: Partial<ClientOptions> = {}): RingCxHttp {
  return new RingCxHttp({
    baseUrl: server.baseUrl,
    rateLimit: false,
    retry: { retries: 3, minDelayMs: 1, maxDelayMs: 4 },
    timeoutMs: 2000,
    logger: { warn: (line) => warnings.push(line) },
    ...options,
  });
}

async function run(
  steps: Step[],
  method: HttpMethod,
  options: RequestOptions = {},
  clientOptions: Partial<ClientOptions> = {},
): Promise<{ result?: unknown; error?: RingCxError; attempts: number }> {
  script = steps;
  const body = method === 'GET' ? undefined : { body: 'Hello' };
  try {
    const result = await client(clientOptions).request(method, '/contents/c1', { body, ...options });
    return { result, attempts: server.requests.length };
  } catch (error) {
    if (!(error instanceof RingCxError)) throw error;
    return { error, attempts: server.requests.length };
  }
}

describe('reads', () => {
  it.each([429, 502, 503, 504, 'reset' as const])('are retried on %s', async (failure) => {
    const { result, attempts } = await run([failure, failure, 200], 'GET');
    expect(result).toEqual({ ok: true });
    expect(attempts).toBe(3);
  });

  it('are retried after a timeout', async () => {
    const { result, attempts } = await run(['stall', 200], 'GET', { timeoutMs: 100 });
    expect(result).toEqual({ ok: true });
    expect(attempts).toBe(2);
  });

  it.each([400, 401, 403, 404, 422, 500])('are not retried on %i', async (status) => {
    const { error, attempts } = await run([status, 200], 'GET');
    expect(error?.status).toBe(status);
    expect(attempts).toBe(1);
  });

  it('give up after `retries` extra attempts, with the last error', async () => {
    const { error, attempts } = await run([503], 'GET');
    expect(error).toMatchObject({ kind: 'server', status: 503 });
    expect(attempts).toBe(4);
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/^GET \/contents\/c1: server \(503\), retrying in \d+ ms$/);
  });
});

describe.each(['POST', 'PUT', 'DELETE'] as const)('a %s', (method) => {
  it('is retried on 429, which the API refuses before doing anything', async () => {
    const { result, attempts } = await run([429, 200], method);
    expect(result).toEqual({ ok: true });
    expect(attempts).toBe(2);
  });

  it.each([500, 502, 503, 504])('is not retried on %i', async (status) => {
    const { error, attempts } = await run([status, 200], method);
    expect(error?.status).toBe(status);
    expect(attempts).toBe(1);
  });

  it('is retried when the connection was refused', async () => {
    await expect(
      client({ baseUrl: `${await refusedOrigin()}/1.0` }).request(method, '/contents', {
        body: { body: 'x' },
      }),
    ).rejects.toMatchObject({ kind: 'network', cause: { phase: 'connect' } });
    expect(warnings).toHaveLength(3);
  });

  it('is not repeated when the connection drops after the server read it: no duplicated reply', async () => {
    const { error, attempts } = await run(['reset', 200], method);
    expect(error).toMatchObject({ kind: 'network', retryable: false });
    expect(error?.hint).toBe('It may have been applied: check before sending it again.');
    expect(attempts).toBe(1);
    expect(server.requests[0]!.body).toBe('{"body":"Hello"}');
  });

  it('is not repeated after a timeout', async () => {
    const { error, attempts } = await run(['stall', 200], method, { timeoutMs: 100 });
    expect(error).toMatchObject({ kind: 'timeout', retryable: false });
    expect(attempts).toBe(1);
  });

  it('declared idempotent is retried like a read', async () => {
    const { result, attempts } = await run([503, 'reset', 200], method, { idempotent: true });
    expect(result).toEqual({ ok: true });
    expect(attempts).toBe(3);
  });
});

describe('per-call overrides', () => {
  it('`retry: false` sends once', async () => {
    const { error, attempts } = await run([503, 200], 'GET', { retry: false });
    expect(error?.status).toBe(503);
    expect(attempts).toBe(1);
  });

  it('`retry.retries` replaces the client setting', async () => {
    const { error, attempts } = await run([503], 'GET', { retry: { retries: 1 } });
    expect(error?.status).toBe(503);
    expect(attempts).toBe(2);
  });

  it('turns retries on for one call of a client without them', async () => {
    const { result, attempts } = await run(
      [503, 200],
      'GET',
      { retry: { retries: 1, minDelayMs: 1 } },
      { retry: false },
    );
    expect(result).toEqual({ ok: true });
    expect(attempts).toBe(2);
  });

  it('a client with `retry: false` sends once', async () => {
    const { attempts } = await run([503, 200], 'GET', {}, { retry: false });
    expect(attempts).toBe(1);
  });
});

describe('Retry-After', () => {
  it('is waited for when the server sends it', async () => {
    const controller = new AbortController();
    const call = run(
      [{ status: 429, retryAfter: '2' }, 200],
      'GET',
      { signal: controller.signal },
      {
        retry: { retries: 1, minDelayMs: 1, maxDelayMs: 10_000 },
      },
    );
    while (warnings.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    // Stop during the wait rather than spend two seconds in a test.
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(warnings).toEqual(['GET /contents/c1: rate_limit (429), retrying in 2000 ms']);
    expect(server.requests).toHaveLength(1);
  });

  it('longer than maxDelayMs is handed back to the caller instead of blocking', async () => {
    const { error, attempts } = await run([{ status: 429, retryAfter: '120' }, 200], 'POST');
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfterMs: 120_000, retryable: true });
    expect(attempts).toBe(1);
  });
});

describe('retryDelay', () => {
  const error = new RingCxError({ kind: 'server', message: 'x', status: 503 });

  it.each([
    [0, 0, 250],
    [0, 0.999, 500],
    [1, 0, 500],
    [2, 0.999, 2000],
    [10, 0.999, 20_000],
  ])('attempt %i with random %d waits about %i ms', (attempt, random, expected) => {
    vi.spyOn(Math, 'random').mockReturnValue(random);
    expect(retryDelay(attempt, DEFAULT_RETRY, error)).toBeCloseTo(expected, -2);
    vi.restoreAllMocks();
  });

  it('never exceeds maxDelayMs, whatever the settings', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    expect(retryDelay(0, { retries: 3, minDelayMs: 500, maxDelayMs: 100 }, error)).toBeLessThanOrEqual(100);
    vi.restoreAllMocks();
  });

  it('takes the server-given wait when it is longer', () => {
    const limited = new RingCxError({ kind: 'rate_limit', message: 'x', status: 429, retryAfterMs: 7000 });
    expect(retryDelay(0, DEFAULT_RETRY, limited)).toBe(7000);
  });
});
