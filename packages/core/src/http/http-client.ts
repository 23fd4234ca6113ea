import { redactSecrets, RingCxError, registerSecret } from '../errors.ts';
import { errorFromResponse } from './api-error.ts';
import { encodeJsonBody, encodeQuery, type Params } from './params.ts';
import { RateLimiter, sharedRateLimiter, type RateLimitOptions } from './rate-limit.ts';
import { DEFAULT_RETRY, isRetryable, retryDelay, type RetryOptions } from './retry.ts';
import type { Sleep } from './sleep.ts';
import { TransportError, type HttpMethod, type Transport, type TransportResponse } from './transport.ts';
import { resolveBaseUrl, type ConnectionSettings } from '../settings.ts';

export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

export interface ClientOptions extends ConnectionSettings {
  /**
   * The API access token (RingCX Admin → API access tokens). Leave it out when the transport
   * authenticates by itself (n8n credentials).
   */
  accessToken?: string;
  /** How requests are sent. Default: native fetch. */
  transport?: Transport;
  /** How the client waits (retry backoff, rate limit). Default: the runtime's timers. */
  sleep?: Sleep;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  /** Retry policy, or `false` for none. */
  retry?: RetryOptions | false;
  /** The proactive request budget, shared per account in this process, or `false` for none. */
  rateLimit?: RateLimitOptions | RateLimiter | false;
  userAgent?: string;
  /** Receives one line per request and retry; never sees the token. */
  logger?: Logger;
  /**
   * Other values to blank out of errors and log lines, e.g. the token when the transport
   * authenticates by itself and the API might echo it back.
   */
  secrets?: readonly string[];
}

/**
 * What the portable client (`@ringcx-connectors/core/portable`) cannot default, because a platform
 * such as n8n forbids timers and global fetch in its plugins: the platform provides both.
 */
export interface PlatformOptions {
  transport: Transport;
  sleep: Sleep;
}

export type PortableClientOptions = ClientOptions & PlatformOptions;

export interface RequestOptions {
  /** Query-string parameters (Rails encoding: `ids[]`, `h[k]`). */
  query?: Params;
  /** A JSON body, or multipart form data for uploads. */
  body?: Params | FormData;
  /** Treat a write as safe to repeat (it is by default only for GET). */
  idempotent?: boolean;
  /** This call's retry policy: `false` for none, or fields that override the client's. */
  retry?: RetryOptions | false;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * The small core every resource goes through: URL and parameter encoding, authentication, the shared
 * rate limiter, retries, and turning failures into `RingCxError`.
 */
export class RingCxHttp {
  /** The API root, e.g. `https://acme.api.digital.ringcentral.com/1.0`. */
  readonly baseUrl: string;
  readonly #token: string | undefined;
  readonly #transport: Transport;
  readonly #sleep: Sleep;
  readonly #timeoutMs: number;
  readonly #retry: Required<RetryOptions> | false;
  readonly #limiter: RateLimiter | undefined;
  readonly #userAgent: string;
  readonly #logger: Logger | undefined;

  constructor(options: PortableClientOptions) {
    this.baseUrl = resolveBaseUrl(options);
    // JavaScript callers of the portable entry get no type error for a missing one.
    for (const name of ['transport', 'sleep'] as const) {
      if (typeof options[name] !== 'function') {
        throw new RingCxError({
          kind: 'config',
          message: `The "${name}" option is required by @ringcx-connectors/core/portable: pass your platform's, or import @ringcx-connectors/core, which defaults it.`,
        });
      }
    }
    this.#token = options.accessToken?.trim() || undefined;
    registerSecret(this.#token);
    for (const secret of options.secrets ?? []) registerSecret(secret);
    this.#transport = options.transport;
    this.#sleep = options.sleep;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#retry = options.retry === false ? false : { ...DEFAULT_RETRY, ...options.retry };
    this.#limiter =
      options.rateLimit === false
        ? undefined
        : options.rateLimit instanceof RateLimiter
          ? options.rateLimit
          : sharedRateLimiter(this.baseUrl, { ...options.rateLimit, sleep: options.sleep });
    this.#userAgent = options.userAgent ?? 'ringcx-connectors-core';
    this.#logger = options.logger;
  }

  /** Sends one API call and returns its parsed JSON. `path` is relative to the API root: `/content_threads`. */
  async request<T>(method: HttpMethod, path: string, options: RequestOptions = {}): Promise<T> {
    const query = encodeQuery(options.query);
    const pathWithQuery = query ? `${path}${path.includes('?') ? '&' : '?'}${query}` : path;
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': this.#userAgent };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    let body: string | FormData | undefined;
    if (options.body instanceof FormData) body = options.body;
    else if (options.body) {
      body = encodeJsonBody(options.body);
      headers['content-type'] = 'application/json';
    }
    const idempotent = options.idempotent ?? method === 'GET';
    const retry: Required<RetryOptions> | false =
      options.retry === undefined
        ? this.#retry
        : options.retry && { ...DEFAULT_RETRY, ...this.#retry, ...options.retry };

    for (let attempt = 0; ; attempt++) {
      let error: RingCxError;
      const release = await this.#limiter?.acquire(options.signal);
      try {
        const started = Date.now();
        const response = await this.#transport({
          method,
          url: `${this.baseUrl}${pathWithQuery}`,
          headers,
          body,
          timeoutMs: options.timeoutMs ?? this.#timeoutMs,
          signal: options.signal,
        });
        this.#log('debug', `${method} ${path} → ${response.status} in ${Date.now() - started} ms`);
        if (response.status >= 200 && response.status < 300)
          return checkJson<T>(method, pathWithQuery, response);
        error = errorFromResponse(
          method,
          pathWithQuery,
          response.status,
          response.body,
          response.headers['retry-after'],
        );
      } catch (thrown) {
        if (!(thrown instanceof TransportError)) throw thrown;
        error = networkError(method, pathWithQuery, thrown, idempotent);
      } finally {
        release?.();
      }
      if (!retry || attempt >= retry.retries || !isRetryable(error, idempotent)) throw error;
      const delay = retryDelay(attempt, retry, error);
      // A server asking for a longer pause than we may wait: hand the error (with retryAfterMs) back.
      if (delay > retry.maxDelayMs) throw error;
      this.#log(
        'warn',
        `${method} ${path}: ${error.kind} (${error.status ?? 'no response'}), retrying in ${Math.round(delay)} ms`,
      );
      await this.#sleep(delay, options.signal);
    }
  }

  #log(level: keyof Logger, line: string): void {
    this.#logger?.[level]?.(redactSecrets(line));
  }
}

function checkJson<T>(method: string, path: string, response: TransportResponse): T {
  if (response.body !== null && typeof response.body === 'object') return response.body as T;
  throw new RingCxError({
    kind: 'invalid_response',
    message: `${method} ${path.split('?')[0]} answered ${response.status} without a JSON body. Check the base URL: it should be the API root ending in /1.0.`,
    status: response.status,
    method,
    path,
  });
}

function networkError(method: string, path: string, error: TransportError, idempotent: boolean): RingCxError {
  const route = `${method} ${path.split('?')[0]}`;
  const unknownOutcome = error.phase === 'unknown' && !idempotent;
  const hint = unknownOutcome
    ? 'It may have been applied: check before sending it again.'
    : error.phase === 'connect'
      ? 'Check the account name, host or base URL, and the network.'
      : 'Try again.';
  return new RingCxError({
    kind: error.timedOut ? 'timeout' : 'network',
    message: `${route}: ${error.timedOut ? 'no answer in time' : error.message}. ${hint}`,
    method,
    path,
    hint,
    retryable: !unknownOutcome,
    cause: error,
  });
}
