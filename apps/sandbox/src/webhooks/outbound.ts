import { performance } from 'node:perf_hooks';

export interface OutboundRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Aborts the request when the engine stops. */
  signal: AbortSignal;
}

export interface OutboundResult {
  statusCode: number | null;
  body: string;
  /** Set when no complete response arrived. */
  error: string | null;
  durationMs: number;
}

const USER_AGENT = 'RingCX-Sandbox-Webhooks/1.0';

/**
 * One request to a webhook endpoint. Never throws: a network error or a timeout comes back as
 * `error`. Redirects are not followed, so a 3xx is a failure like any other non-200.
 */
export async function sendToEndpoint(request: OutboundRequest): Promise<OutboundResult> {
  const started = performance.now();
  const signal = AbortSignal.any([request.signal, AbortSignal.timeout(request.timeoutMs)]);
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { 'User-Agent': USER_AGENT, ...request.headers },
      body: request.body ?? null,
      redirect: 'manual',
      signal,
    });
    // Read the whole body (also on deliveries) so the connection can be reused.
    const body = await response.text();
    return { statusCode: response.status, body, error: null, durationMs: performance.now() - started };
  } catch (error) {
    return {
      statusCode: null,
      body: '',
      error: describeFailure(error, request.timeoutMs),
      durationMs: performance.now() - started,
    };
  }
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return `timeout after ${timeoutMs} ms`;
    if (error.name === 'AbortError') return 'aborted: the sandbox is stopping';
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    if (cause && typeof cause.code === 'string') return cause.code;
    if (cause && typeof cause.message === 'string') return cause.message;
    return error.message;
  }
  return String(error);
}
