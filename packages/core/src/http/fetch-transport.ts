import { parseBody, toTransportError, type Transport } from './transport.ts';

export interface FetchTransportOptions {
  /** A fetch implementation; defaults to the global one. */
  fetch?: typeof globalThis.fetch;
}

/** The default transport: native `fetch`, a per-request timeout, and the caller's `AbortSignal`. */
export function fetchTransport(options: FetchTransportOptions = {}): Transport {
  const doFetch = options.fetch ?? globalThis.fetch;
  return async (request) => {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body ?? null,
        signal,
      });
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw toTransportError(error, timeout.aborted);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw toTransportError(error, timeout.aborted);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: parseBody(text, headers['content-type']) };
  };
}
