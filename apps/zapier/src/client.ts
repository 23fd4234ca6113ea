import {
  isRingCxError,
  parseBody,
  RingCxClient,
  toTransportError,
  type RingCxError,
  type Transport,
} from '@ringcx-connectors/core';
import type { Bundle, ZObject } from 'zapier-platform-core';

/** The connection fields (see authentication.ts). */
export interface AuthData {
  account?: string;
  host?: string;
  base_url?: string;
  access_token?: string;
}

/**
 * Core's transport on `z.request`, so Zapier's logging, secret scrubbing and middleware apply.
 * Every status comes back to core (which owns retries and error messages); a failure without a
 * response is classified by core so a write that may have been applied is never repeated.
 */
function zapierTransport(z: ZObject): Transport {
  return async (request) => {
    if (typeof request.body === 'object') {
      // Core only sends form data for attachment uploads, which this app does not offer.
      throw new TypeError('The Zapier transport sends JSON bodies only.');
    }
    let response;
    try {
      response = await z.request({
        url: request.url,
        method: request.method,
        headers: request.headers,
        body: request.body,
        timeout: request.timeoutMs,
        skipThrowForStatus: true,
      });
    } catch (error) {
      throw toTransportError(error, (error as { type?: unknown } | null)?.type === 'request-timeout');
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value: string, name: string) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: parseBody(response.content, headers['content-type']) };
  };
}

/**
 * A client for this run. Budgets fit Zapier's 30 s per step: one request may take 20 s, and a
 * read is retried at most twice with short pauses; a longer wait becomes a ThrottledError, which
 * lets Zapier retry the step later instead of timing out.
 */
export function ringcx(z: ZObject, bundle: Pick<Bundle, 'authData'>): RingCxClient {
  const auth = bundle.authData as AuthData;
  return new RingCxClient({
    account: auth.account,
    host: auth.host,
    baseUrl: auth.base_url,
    accessToken: auth.access_token,
    transport: zapierTransport(z),
    timeoutMs: 20_000,
    retry: { retries: 2, minDelayMs: 500, maxDelayMs: 4_000 },
    userAgent: 'ringcx-connectors-zapier',
  });
}

const DEFAULT_THROTTLE_SECONDS = 60;
const TRANSIENT_RETRY_SECONDS = 30;

/**
 * Maps a core error to Zapier's error classes, once for the whole app:
 * - `auth`: ExpiredAuthError, which marks the connection expired and tells the user to reconnect.
 *   (RefreshAuthError is for OAuth2 and session auth, which can refresh by themselves; a RingCX
 *   access token cannot.)
 * - `rate_limit` and `conflict` (a previous job still running): ThrottledError with a delay, so
 *   Zapier runs the step again later.
 * - a lost connection or timeout: ThrottledError when repeating is safe; HaltedError when a write
 *   may already have been applied, so that Zapier neither repeats it nor counts it against the Zap.
 * - anything else: a plain error with the message (it names the object and what to do).
 */
export function toZapierError(z: ZObject, error: RingCxError): Error {
  switch (error.kind) {
    case 'auth':
      return new z.errors.ExpiredAuthError(error.message);
    case 'rate_limit': {
      const seconds = error.retryAfterMs === undefined ? DEFAULT_THROTTLE_SECONDS : error.retryAfterMs / 1000;
      return new z.errors.ThrottledError(error.message, Math.max(1, Math.ceil(seconds)));
    }
    case 'conflict':
      return new z.errors.ThrottledError(error.message, 10);
    case 'timeout':
    case 'network':
      return error.retryable
        ? new z.errors.ThrottledError(error.message, TRANSIENT_RETRY_SECONDS)
        : new z.errors.HaltedError(error.message);
    default:
      return new z.errors.Error(error.message, error.kind, error.status);
  }
}

/** Runs `work` with a client and turns core's errors into Zapier's; other errors pass through. */
export async function withRingCx<T>(
  z: ZObject,
  bundle: Pick<Bundle, 'authData'>,
  work: (client: RingCxClient) => Promise<T>,
): Promise<T> {
  try {
    return await work(ringcx(z, bundle));
  } catch (error) {
    if (isRingCxError(error)) throw toZapierError(z, error);
    throw error;
  }
}
