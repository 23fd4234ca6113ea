import type { RingCxError } from '../errors.ts';

/**
 * When to try a request again. Reads are retried on 429, 502-504 and network failures. A write is
 * retried only when it certainly was not applied: a 429 (refused before processing) or a connection
 * that never opened. A write that timed out or lost its connection after sending is never repeated,
 * because a reply must not reach a customer twice.
 */
export interface RetryOptions {
  /** Extra attempts after the first. Default 3; 0 disables retries. */
  retries?: number;
  /** First backoff delay; doubles each attempt, with jitter. Default 500 ms. */
  minDelayMs?: number;
  /**
   * Upper bound of one delay. Default 20 s. A `Retry-After` longer than this is not waited for: the
   * error is thrown with `retryAfterMs` so the caller (or its platform) can schedule the retry.
   */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { retries: 3, minDelayMs: 500, maxDelayMs: 20_000 };

const RETRYABLE_READ_STATUSES = new Set([429, 502, 503, 504]);

/**
 * @param idempotent true for reads (GET) and writes the caller declared safe to repeat.
 * @param sent false when the transport knows the request never left (connection refused).
 */
export function isRetryable(error: RingCxError, idempotent: boolean): boolean {
  if (error.kind === 'rate_limit') return true;
  if (error.kind === 'network' && error.cause && (error.cause as { phase?: string }).phase === 'connect') {
    return true;
  }
  if (!idempotent) return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.status !== undefined && RETRYABLE_READ_STATUSES.has(error.status);
}

/**
 * Exponential backoff, jittered between half and all of the step so that clients which failed
 * together do not retry together, never above `maxDelayMs`; a server-given wait wins when larger.
 */
export function retryDelay(attempt: number, options: Required<RetryOptions>, error: RingCxError): number {
  const ceiling = Math.min(options.maxDelayMs, options.minDelayMs * 2 ** attempt);
  const jittered = ceiling / 2 + (Math.random() * ceiling) / 2;
  return Math.max(jittered, error.retryAfterMs ?? 0);
}
