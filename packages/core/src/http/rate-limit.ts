import type { Sleep } from './sleep.ts';

/**
 * A proactive limiter: at most `requests` calls in any sliding window of `perMs` (RingCX allows 500
 * requests a minute; REFERENCE §1.8). Every client of the same account in this process shares one
 * limiter, so a bulk job in one workflow cannot starve another into 429s.
 *
 * A call holds its slot while it runs and for `perMs` after it ends. Counting from the end rather than
 * the start keeps the server's count (taken when a request arrives, which is between the two) under
 * the budget whatever the network latency, at the cost of one round trip per window.
 */
export interface RateLimitOptions {
  /** Requests allowed per window. Default 500. */
  requests?: number;
  /** The window in milliseconds. Default 60,000. */
  perMs?: number;
}

/** What the limiter needs from its platform: how to wait until the window moves on. */
export interface RateLimiterOptions extends RateLimitOptions {
  sleep: Sleep;
}

interface Waiter {
  grant: (release: () => void) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class RateLimiter {
  readonly requests: number;
  readonly perMs: number;
  #running = 0;
  /** End times (`performance.now()`) of finished calls still inside the window, oldest first. */
  readonly #ended: number[] = [];
  /** Callers waiting for a slot, served in arrival order. */
  readonly #waiting: Waiter[] = [];
  readonly #sleep: Sleep;
  /** Cancels the pending wake-up, when there is one. */
  #wake: AbortController | undefined;

  constructor(options: RateLimiterOptions) {
    this.#sleep = options.sleep;
    this.requests = options.requests ?? 500;
    this.perMs = options.perMs ?? 60_000;
    if (!(this.requests >= 1) || !(this.perMs >= 1)) {
      throw new RangeError('rateLimit.requests and rateLimit.perMs must be positive numbers');
    }
  }

  /**
   * Resolves when one more request may start, with the function to call once it has ended (answered
   * or failed). Callers are served in arrival order; an aborted caller leaves the queue at once.
   */
  acquire(signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason as Error);
      const waiter: Waiter = {
        grant: resolve,
        signal,
        onAbort: () => {
          this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
          // Nobody left to wake: do not keep the process alive for it.
          if (this.#waiting.length === 0) {
            this.#wake?.abort();
            this.#wake = undefined;
          }
          reject(signal!.reason as Error);
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiting.push(waiter);
      this.#serve();
    });
  }

  #serve(): void {
    // Monotonic and sub-millisecond: whole milliseconds could free a slot up to 1 ms early.
    const now = performance.now();
    while (this.#ended.length > 0 && this.#ended[0]! + this.perMs <= now) this.#ended.shift();
    while (this.#waiting.length > 0 && this.#running + this.#ended.length < this.requests) {
      const waiter = this.#waiting.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.#running++;
      waiter.grant(this.#releaser());
    }
    // With every slot running, the next release calls #serve; otherwise wake when the oldest expires.
    // Timers may fire a little early, so #serve re-checks the clock rather than trusting them.
    if (this.#waiting.length > 0 && this.#ended.length > 0 && this.#wake === undefined) {
      const wake = new AbortController();
      this.#wake = wake;
      this.#sleep(this.#ended[0]! + this.perMs - now, wake.signal).then(
        () => {
          if (this.#wake !== wake) return;
          this.#wake = undefined;
          this.#serve();
        },
        // Aborted: nobody is waiting any more.
        () => undefined,
      );
    }
  }

  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running--;
      this.#ended.push(performance.now());
      this.#serve();
    };
  }
}

const shared = new Map<string, RateLimiter>();

/**
 * The limiter for an account (keyed by API root) in this process, created on first use; the first
 * caller's `sleep` serves every later one.
 */
export function sharedRateLimiter(key: string, options: RateLimiterOptions): RateLimiter {
  const id = `${key}|${options.requests ?? 500}|${options.perMs ?? 60_000}`;
  let limiter = shared.get(id);
  if (!limiter) {
    limiter = new RateLimiter(options);
    shared.set(id, limiter);
  }
  return limiter;
}
