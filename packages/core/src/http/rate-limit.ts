/**
 * A proactive limiter: at most `requests` calls in any sliding window of `perMs` (RingCX allows 500
 * requests a minute; REFERENCE §1.8). Every client of the same account in this process shares one
 * limiter, so a bulk job in one workflow cannot starve another into 429s.
 */
export interface RateLimitOptions {
  /** Requests allowed per window. Default 500. */
  requests?: number;
  /** The window in milliseconds. Default 60,000. */
  perMs?: number;
}

export class RateLimiter {
  readonly requests: number;
  readonly perMs: number;
  /** Start times of the most recent `requests` calls, oldest first, as a ring buffer. */
  private readonly starts: number[] = [];
  private head = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(options: RateLimitOptions = {}) {
    this.requests = options.requests ?? 500;
    this.perMs = options.perMs ?? 60_000;
    if (!(this.requests >= 1) || !(this.perMs >= 1)) {
      throw new RangeError('rateLimit.requests and rateLimit.perMs must be positive numbers');
    }
  }

  /** Resolves when one more request may start. Callers are served in arrival order. */
  acquire(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot(signal));
    // A cancelled waiter must not block the ones behind it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForSlot(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.starts.length === this.requests) {
      const oldest = this.starts[this.head]!;
      const wait = oldest + this.perMs - Date.now();
      if (wait > 0) await sleep(wait, signal);
    }
    const now = Date.now();
    if (this.starts.length < this.requests) this.starts.push(now);
    else {
      this.starts[this.head] = now;
      this.head = (this.head + 1) % this.requests;
    }
  }
}

const shared = new Map<string, RateLimiter>();

/** The limiter for an account (keyed by API root) in this process, created on first use. */
export function sharedRateLimiter(key: string, options: RateLimitOptions = {}): RateLimiter {
  const id = `${key}|${options.requests ?? 500}|${options.perMs ?? 60_000}`;
  let limiter = shared.get(id);
  if (!limiter) {
    limiter = new RateLimiter(options);
    shared.set(id, limiter);
  }
  return limiter;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
