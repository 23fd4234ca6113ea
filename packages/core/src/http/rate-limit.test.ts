import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { RateLimiter, RingCxHttp, sharedRateLimiter } from '../defaults.ts';
import { sendJson, startServer, type TestServer } from './test-server.ts';

describe('RateLimiter (fake clock)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Starts `count` calls that each run for `durationMs`; returns when each one started. */
  async function runCalls(limiter: RateLimiter, count: number, durationMs: number): Promise<number[]> {
    const starts: number[] = [];
    const calls = Array.from({ length: count }, async () => {
      const release = await limiter.acquire();
      starts.push(Date.now());
      setTimeout(release, durationMs);
    });
    await vi.runAllTimersAsync();
    await Promise.all(calls);
    return starts;
  }

  it('never lets more than `requests` calls start in any window', async () => {
    const starts = await runCalls(new RateLimiter({ requests: 3, perMs: 1000 }), 20, 0);
    expect(starts).toHaveLength(20);
    for (let i = 0; i + 3 < starts.length; i++)
      expect(starts[i + 3]! - starts[i]!).toBeGreaterThanOrEqual(1000);
  });

  it('does not wait longer than it must', async () => {
    const starts = await runCalls(new RateLimiter({ requests: 3, perMs: 1000 }), 9, 0);
    expect(starts).toEqual([0, 0, 0, 1000, 1000, 1000, 2000, 2000, 2000]);
  });

  it('counts the window from the end of a call, so latency cannot push the server over', async () => {
    const starts = await runCalls(new RateLimiter({ requests: 2, perMs: 1000 }), 4, 300);
    expect(starts).toEqual([0, 0, 1300, 1300]);
  });

  it('serves callers in arrival order', async () => {
    const limiter = new RateLimiter({ requests: 2, perMs: 1000 });
    const order: number[] = [];
    const calls = Array.from({ length: 7 }, (_, index) =>
      limiter.acquire().then((release) => {
        order.push(index);
        release();
      }),
    );
    await vi.runAllTimersAsync();
    await Promise.all(calls);
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('lets a waiting caller leave at once when its signal aborts, without taking a slot', async () => {
    const limiter = new RateLimiter({ requests: 1, perMs: 1000 });
    (await limiter.acquire())();
    const controller = new AbortController();
    const leaving = limiter.acquire(controller.signal);
    const next = limiter.acquire();
    controller.abort(new Error('stopped'));
    await expect(leaving).rejects.toThrow('stopped');
    expect(Date.now()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(next).resolves.toBeTypeOf('function');
    expect(Date.now()).toBe(1000);
  });

  it('refuses at once a signal that is already aborted', async () => {
    const limiter = new RateLimiter({ requests: 1, perMs: 1000 });
    await expect(limiter.acquire(AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
    await expect(limiter.acquire()).resolves.toBeTypeOf('function');
  });

  it('leaves no timer behind when the last waiter leaves', async () => {
    const limiter = new RateLimiter({ requests: 1, perMs: 60_000 });
    (await limiter.acquire())();
    const controller = new AbortController();
    const waiting = limiter.acquire(controller.signal);
    expect(vi.getTimerCount()).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('frees one slot per call however often release is called', async () => {
    const limiter = new RateLimiter({ requests: 1, perMs: 1000 });
    const release = await limiter.acquire();
    release();
    release();
    let granted = false;
    void limiter.acquire().then(() => (granted = true));
    await vi.advanceTimersByTimeAsync(999);
    expect(granted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(granted).toBe(true);
  });

  it.each([{ requests: 0 }, { perMs: 0 }, { requests: Number.NaN }])('rejects %o', (options) => {
    expect(() => new RateLimiter(options)).toThrow(/must be positive numbers/);
  });

  it('defaults to the documented 500 requests a minute', () => {
    expect(new RateLimiter()).toMatchObject({ requests: 500, perMs: 60_000 });
  });
});

describe('the limiter in the client', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((_req, res) => sendJson(res, 200, { ok: true }));
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  const budget = { requests: 2, perMs: 60_000 };
  const client = (
    account: string,
    rateLimit: ConstructorParameters<typeof RingCxHttp>[0]['rateLimit'] = budget,
  ) => new RingCxHttp({ baseUrl: `${server.origin}/${account}/1.0`, rateLimit, retry: false });
  /** Long enough for a request that is not held back to reach the local server. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

  it('is shared by every client of the same account', async () => {
    await client('shared').request('GET', '/users');
    await client('shared').request('GET', '/users');
    const controller = new AbortController();
    const held = client('shared').request('GET', '/users', { signal: controller.signal });
    await settle();
    expect(server.requests).toHaveLength(2);
    controller.abort();
    await expect(held).rejects.toMatchObject({ name: 'AbortError' });
    expect(sharedRateLimiter(`${server.origin}/shared/1.0`, budget)).toBe(
      sharedRateLimiter(`${server.origin}/shared/1.0`, budget),
    );
  });

  it('is separate for another account', async () => {
    await client('first').request('GET', '/users');
    await client('first').request('GET', '/users');
    await client('second').request('GET', '/users');
    expect(server.requests.map((r) => r.url)).toEqual([
      '/first/1.0/users',
      '/first/1.0/users',
      '/second/1.0/users',
    ]);
  });

  it('is off with `rateLimit: false`', async () => {
    await client('off').request('GET', '/users');
    await client('off').request('GET', '/users');
    await Promise.all(Array.from({ length: 5 }, () => client('off', false).request('GET', '/users')));
    expect(server.requests).toHaveLength(7);
  });

  it('can be a limiter the caller owns, and frees the slot of a failed call', async () => {
    const limiter = new RateLimiter({ requests: 1, perMs: 50 });
    const owned = new RingCxHttp({ baseUrl: 'http://127.0.0.1:1/1.0', rateLimit: limiter, retry: false });
    await expect(owned.request('GET', '/users')).rejects.toMatchObject({ kind: 'network' });
    const release = await limiter.acquire();
    release();
  });
});
