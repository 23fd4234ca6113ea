/**
 * Waits `ms` milliseconds, or rejects with the signal's reason as soon as it aborts. The client waits
 * only through this function (retry backoff, the rate limiter's window), so a platform that forbids
 * timers in its plugins can hand over its own (n8n's `sleep`).
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
