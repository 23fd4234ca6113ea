import { redactSecrets } from '../errors.ts';

/**
 * The seam between the client and an HTTP stack. The default (`fetch-transport.ts`) uses native `fetch`; the connectors pass
 * their platform's helper (n8n's `httpRequestWithAuthentication`, Zapier's `z.request`) so proxies,
 * logging and credential handling stay the platform's. A transport never throws for an HTTP status:
 * it returns every response, and throws only when no response arrived (see `TransportError`).
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface TransportRequest {
  method: HttpMethod;
  /** Absolute URL, query string included. */
  url: string;
  headers: Record<string, string>;
  /** A JSON string (with `content-type: application/json` in headers) or multipart form data. */
  body?: string | FormData;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, otherwise the raw text (empty string for no body). */
  body: unknown;
}

export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

/**
 * Where a failed exchange stopped. `connect`: the request never reached the server (refused, DNS), so
 * it is safe to send again. `unknown`: it may have been received and applied (timeout, reset after
 * sending), so a write must not be repeated blindly.
 */
export type TransportFailurePhase = 'connect' | 'unknown';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  readonly phase: TransportFailurePhase;
  readonly timedOut: boolean;

  constructor(
    message: string,
    phase: TransportFailurePhase,
    timedOut: boolean,
    options?: { cause?: unknown },
  ) {
    super(redactSecrets(message), options);
    this.phase = phase;
    this.timedOut = timedOut;
  }
}

const CONNECT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ECONNABORTED',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * Classifies an error thrown by an HTTP stack (undici, axios, node's http) into a `TransportError`.
 * Adapters for other stacks call this so the retry rules stay the same everywhere; pass `timedOut`
 * when the stack reports its own timeout without a code (node-fetch's `request-timeout`).
 *
 * The original error is not kept: platform errors (axios's) carry the request configuration, headers
 * and credentials included, and would print them wherever the error is logged. Only its code and its
 * redacted message survive, as the cause.
 */
export function toTransportError(error: unknown, timedOut = false): TransportError {
  if (error instanceof TransportError) return error;
  const coded = findCodedError(error);
  const code = coded?.code;
  const detail = messageOf(coded ?? error);
  const cause = { code, message: redactSecrets(detail) };
  if (timedOut || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return new TransportError(`no response in time (${code ?? 'timeout'})`, 'unknown', true, { cause });
  }
  const phase: TransportFailurePhase = code && CONNECT_CODES.has(code) ? 'connect' : 'unknown';
  const text = code && detail ? `${code}: ${detail}` : code || detail || 'network error';
  return new TransportError(text, phase, false, { cause });
}

/** The first error along a `cause` chain that carries a string `code` (undici wraps the socket's). */
function findCodedError(error: unknown): { code: string; message?: unknown } | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return current as { code: string; message?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error;
  const message = (error as { message?: unknown } | null | undefined)?.message;
  return typeof message === 'string' ? message : '';
}

/** Parses a body as JSON when it looks like JSON; keeps text otherwise. */
export function parseBody(text: string, contentType: string | undefined): unknown {
  if (!text) return '';
  if (contentType?.includes('json') || /^\s*[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
