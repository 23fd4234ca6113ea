import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRingCxError } from './errors.ts';
import { fetchTransport } from './http/fetch-transport.ts';
import { sendApiError, sendJson, startServer, type TestServer } from './http/test-server.ts';
import { RateLimiter, RingCxClient, type Sleep } from './portable.ts';

/** A `sleep` that records every wait and returns at once, or when the test says so. */
function recordingSleep(): { sleep: Sleep; waits: number[]; signals: (AbortSignal | undefined)[] } {
  const waits: number[] = [];
  const signals: (AbortSignal | undefined)[] = [];
  const sleep: Sleep = (ms, signal) => {
    waits.push(ms);
    signals.push(signal);
    return Promise.resolve();
  };
  return { sleep, waits, signals };
}

let server: TestServer;
let failures = 0;
beforeAll(async () => {
  server = await startServer((_req, res) => {
    if (failures > 0) {
      failures--;
      sendApiError(res, 503, 'unavailable', 'try later');
    } else sendJson(res, 200, { id: 'me' });
  });
});
afterAll(() => server.close());

describe('the portable client', () => {
  it('waits between retries only through the sleep it was given', async () => {
    const { sleep, waits } = recordingSleep();
    const client = new RingCxClient({
      baseUrl: server.baseUrl,
      transport: fetchTransport(),
      sleep,
      rateLimit: false,
      // Long delays: a timer-based wait would outlast the test.
      retry: { retries: 2, minDelayMs: 600_000, maxDelayMs: 600_000 },
    });
    failures = 2;
    await expect(client.users.me()).resolves.toMatchObject({ id: 'me' });
    expect(waits).toHaveLength(2);
    for (const ms of waits) expect(ms).toBeGreaterThanOrEqual(300_000);
  });

  it.each(['transport', 'sleep'] as const)('refuses to start without a %s, naming the option', (name) => {
    const options = { baseUrl: server.baseUrl, transport: fetchTransport(), sleep: recordingSleep().sleep };
    delete (options as Partial<typeof options>)[name];
    let error: unknown;
    try {
      new RingCxClient(options as ConstructorParameters<typeof RingCxClient>[0]);
    } catch (caught) {
      error = caught;
    }
    expect(isRingCxError(error, 'config')).toBe(true);
    expect((error as Error).message).toMatch(new RegExp(`"${name}" option is required`));
  });
});

describe('the portable rate limiter', () => {
  it('waits for the window through its sleep, and cancels that wait when nobody is left', async () => {
    let wake!: () => void;
    const { waits, signals } = recordingSleep();
    const limiter = new RateLimiter({
      requests: 1,
      perMs: 60_000,
      sleep: (ms, signal) => {
        waits.push(ms);
        signals.push(signal);
        return new Promise((resolve) => (wake = resolve));
      },
    });
    (await limiter.acquire())();

    const leaving = new AbortController();
    const gone = limiter.acquire(leaving.signal);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(59_000);
    leaving.abort(new Error('left'));
    await expect(gone).rejects.toThrow('left');
    expect(signals[0]?.aborted).toBe(true);

    const next = limiter.acquire();
    expect(waits).toHaveLength(2);
    let granted = false;
    void next.then(() => (granted = true));
    await Promise.resolve();
    expect(granted).toBe(false);
    // The window has not really moved (no time passed), so waking early grants nothing yet.
    wake();
    await new Promise((resolve) => setImmediate(resolve));
    expect(granted).toBe(false);
  });
});

describe('the portable entry', () => {
  const here = dirname(fileURLToPath(import.meta.url));

  /** Every source module the entry reaches through value imports. */
  function reachable(file: string, seen = new Set<string>()): Set<string> {
    if (seen.has(file)) return seen;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier] of source.matchAll(/^(?:import|export) (?!type )[^;]*? from '(\.[^']+)'/gms)) {
      reachable(resolve(dirname(file), specifier!), seen);
    }
    return seen;
  }

  it('reaches no timers, no global fetch and no Node module but crypto (n8n Cloud forbids them)', () => {
    const files = [...reachable(resolve(here, 'portable.ts'))];
    expect(files.map((file) => file.slice(here.length + 1))).not.toContain('http/timers.ts');
    for (const file of files) {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\b(setTimeout|clearTimeout|setInterval|setImmediate|globalThis)\b/);
      expect(code, file).not.toMatch(/\bprocess\.\w/);
      expect(code, file).not.toMatch(/^import (?!type )[^;]*from 'node:(?!crypto')/m);
    }
  });
});
