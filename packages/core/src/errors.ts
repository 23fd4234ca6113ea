/**
 * One error type for everything the client raises. `kind` says what went wrong in terms a caller can
 * branch on (and each connector maps once to its platform's error classes); `hint` says what to do.
 * Nothing in an error ever contains the access token: request details are redacted on construction.
 */
export type RingCxErrorKind =
  | 'config' // the connection settings are unusable (nothing was sent)
  | 'bad_request' // 400: a missing or malformed parameter
  | 'auth' // 401: the token is missing, wrong or disabled
  | 'permission' // 403: the token's user may not do this, or the object's state forbids it
  | 'not_found' // 404: no such object, or the token's user cannot read its source
  | 'conflict' // 409: an asynchronous job on the object is still running
  | 'validation' // 422: the API refused the values
  | 'rate_limit' // 429: more than the account's request budget
  | 'server' // 5xx
  | 'timeout' // no answer in time: the request may or may not have been applied
  | 'network' // the connection failed
  | 'invalid_response' // the API answered something that is not the documented JSON
  | 'webhook'; // a webhook delivery or handshake that must be refused

export interface RingCxErrorOptions {
  kind: RingCxErrorKind;
  message: string;
  status?: number;
  /** The API's own error identifier, e.g. `cant_reply_to_closed_thread`. */
  code?: string;
  /** The API's own message, verbatim. */
  apiMessage?: string;
  method?: string;
  /** Path and query, relative to the API root, with credentials redacted. */
  path?: string;
  /** What to do about it, in one sentence. */
  hint?: string;
  /** True when repeating the same call later can succeed. */
  retryable?: boolean;
  /** For rate limits: how long to wait before trying again, when known. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class RingCxError extends Error {
  override readonly name = 'RingCxError';
  readonly kind: RingCxErrorKind;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly apiMessage: string | undefined;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly hint: string | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;

  constructor(options: RingCxErrorOptions) {
    super(redactSecrets(options.message), options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind;
    this.status = options.status;
    // The API may echo anything back, the token included: every text field is redacted.
    this.code = redactOptional(options.code);
    this.apiMessage = redactOptional(options.apiMessage);
    this.method = options.method;
    this.path = redactOptional(options.path);
    this.hint = redactOptional(options.hint);
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** A plain object for logs and platform error payloads; safe to print. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      code: this.code,
      apiMessage: this.apiMessage,
      method: this.method,
      path: this.path,
      hint: this.hint,
      retryable: this.retryable,
    };
  }
}

export function isRingCxError(value: unknown, kind?: RingCxErrorKind): value is RingCxError {
  return value instanceof RingCxError && (kind === undefined || value.kind === kind);
}

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(access_token=)[^&\s"']+/gi, '$1[REDACTED]'],
  [/(bearer\s+)[^\s"',]+/gi, '$1[REDACTED]'],
  [/("?access_token"?\s*:\s*")[^"]+/gi, '$1[REDACTED]'],
];

const knownSecrets = new Set<string>();

/**
 * Registers a secret (an access token, a webhook secret) so that it is blanked wherever it shows up in
 * an error message, even outside the usual `access_token=` / `Bearer` shapes.
 */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 6) knownSecrets.add(secret);
}

function redactOptional(text: string | undefined): string | undefined {
  return text === undefined ? undefined : redactSecrets(text);
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  return out;
}
