import { RingCxClient as PortableRingCxClient } from './client.ts';
import {
  RingCxHttp as PortableRingCxHttp,
  type ClientOptions,
  type PortableClientOptions,
} from './http/http-client.ts';
import {
  RateLimiter as PortableRateLimiter,
  sharedRateLimiter as portableSharedRateLimiter,
  type RateLimitOptions,
} from './http/rate-limit.ts';
import type { Sleep } from './http/sleep.ts';
import { timerSleep } from './http/timers.ts';
import { fetchTransport } from './http/fetch-transport.ts';

// The main entry's classes: the portable ones with the runtime's defaults (native fetch, timers).
// They live apart so that `@ringcx-connectors/core/portable`, whose platform always provides both,
// bundles neither.

function withDefaults(options: ClientOptions): PortableClientOptions {
  return { ...options, transport: options.transport ?? fetchTransport(), sleep: options.sleep ?? timerSleep };
}

/**
 * The RingCX Interactions API client: one property per resource, all sharing this client's
 * authentication, rate limiter and retry policy.
 *
 * ```ts
 * const ringcx = new RingCxClient({ account: 'acme', accessToken: process.env.RINGCX_TOKEN });
 * for await (const thread of ringcx.threads.iterate({ q: searchQuery({ status_in: ['new'] }) })) …
 * await ringcx.contents.reply(messageId, { body: 'Thanks, we are on it.' });
 * ```
 */
export class RingCxClient extends PortableRingCxClient {
  constructor(options: ClientOptions) {
    super(withDefaults(options));
  }
}

/** The request core without the resources, for calls they do not cover. */
export class RingCxHttp extends PortableRingCxHttp {
  constructor(options: ClientOptions) {
    super(withDefaults(options));
  }
}

/** The portable `RateLimiter`, waiting on the runtime's timers unless given a `sleep`. */
export class RateLimiter extends PortableRateLimiter {
  constructor(options: RateLimitOptions & { sleep?: Sleep } = {}) {
    super({ ...options, sleep: options.sleep ?? timerSleep });
  }
}

/** The limiter for an account (keyed by API root) in this process, created on first use. */
export function sharedRateLimiter(key: string, options: RateLimitOptions = {}): PortableRateLimiter {
  return portableSharedRateLimiter(key, { ...options, sleep: timerSleep });
}
