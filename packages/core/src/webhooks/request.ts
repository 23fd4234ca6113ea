/**
 * What the receiver needs from an HTTP request, independent of the framework that received it.
 * Adapters (`node.ts`, `web.ts`) fill it from their platform's request object; connectors whose platform
 * already parsed the request (n8n, Node-RED's `http in`) fill it themselves.
 */
export interface WebhookRequest {
  /** `GET` for the handshake, `POST` for deliveries; any case. */
  method: string;
  /** The query string, already parsed. When absent, it is read from `url`. */
  query?: QueryBag;
  /** The request URL, absolute or path-and-query (`/hooks/ringcx?hub.mode=…`). */
  url?: string;
  headers?: HeaderBag;
  /** The delivery: the raw bytes (Buffer, Uint8Array), the text, or an object a body parser produced. */
  body?: unknown;
}

/** Web `Headers`, or a plain object such as Node's `req.headers` (names in any case). */
export type HeaderBag = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** `URLSearchParams`, or a plain object such as Express's `req.query`. */
export type QueryBag = URLSearchParams | Readonly<Record<string, unknown>>;

/** One header's value, or undefined. A repeated header yields its first value. */
export function readHeader(headers: HeaderBag | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === wanted) return firstString(value);
  }
  return undefined;
}

/** One query parameter's value, from `query` when given, else from `url`. A repeated one yields its first. */
export function readQueryParam(
  request: Pick<WebhookRequest, 'query' | 'url'>,
  name: string,
): string | undefined {
  const { query } = request;
  if (query instanceof URLSearchParams) return query.get(name) ?? undefined;
  if (query) return firstString(query[name]);
  if (!request.url) return undefined;
  // The base only serves to parse path-only URLs; it never leaves this function.
  return new URL(request.url, 'http://localhost').searchParams.get(name) ?? undefined;
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}
