import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RingCxError } from '../errors.ts';
import { RingCxHttp } from '../defaults.ts';
import type { ClientOptions } from './http-client.ts';
import { refusedOrigin, sendApiError, sendJson, startServer, type TestServer } from './test-server.ts';
import { fetchTransport } from './fetch-transport.ts';
import {
  parseBody,
  toTransportError,
  TransportError,
  type Transport,
  type TransportRequest,
} from './transport.ts';

const TOKEN = '60576643bec4b6bd903232416ce5efad';

// ---------------------------------------------------------------------------------------------------
// Doubles of the two platform helpers the connectors plug in. Each sends for real (node:http, as
// axios and node-fetch do underneath) and reproduces the platform's response and error shapes.
// ---------------------------------------------------------------------------------------------------

interface WireRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface WireResponse {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

class WireTimeout extends Error {}

function sendWithNodeHttp(wire: WireRequest): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      wire.url,
      { method: wire.method, headers: wire.headers, timeout: wire.timeoutMs, signal: wire.signal },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('timeout', () => req.destroy(new WireTimeout('timeout')));
    req.on('error', reject);
    req.end(typeof wire.body === 'string' || wire.body === undefined ? wire.body : JSON.stringify(wire.body));
  });
}

/** n8n's `IHttpRequestOptions`, reduced to what the adapter uses. */
interface N8nRequestOptions {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  json: boolean;
  returnFullResponse: boolean;
  ignoreHttpStatusErrors: boolean;
  timeout: number;
  abortSignal?: AbortSignal;
}

interface N8nFullResponse {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

interface N8nHelpers {
  httpRequestWithAuthentication(credentialType: string, options: N8nRequestOptions): Promise<N8nFullResponse>;
}

/**
 * `this.helpers`: the credential adds the token (the client never sees it); failures are axios
 * errors, which carry the request configuration, credentials included.
 */
function fakeN8nHelpers(credentials: Record<string, { accessToken: string }>): N8nHelpers {
  return {
    async httpRequestWithAuthentication(credentialType, options) {
      const credential = credentials[credentialType];
      if (!credential) throw new Error(`Node does not have any credentials set for "${credentialType}"`);
      const config = {
        ...options,
        headers: { ...options.headers, authorization: `Bearer ${credential.accessToken}` },
      };
      const axiosError = (message: string, code: string | undefined) =>
        Object.assign(new Error(message), { name: 'AxiosError', isAxiosError: true, code, config });
      let wire: WireResponse;
      try {
        wire = await sendWithNodeHttp({ ...config, timeoutMs: options.timeout, signal: options.abortSignal });
      } catch (error) {
        if (error instanceof WireTimeout)
          throw axiosError(`timeout of ${options.timeout}ms exceeded`, 'ECONNABORTED');
        const code = (error as { code?: string }).code;
        throw axiosError((error as Error).message, code === 'ABORT_ERR' ? 'ERR_CANCELED' : code);
      }
      if (!options.ignoreHttpStatusErrors && wire.status >= 400) {
        throw axiosError(`Request failed with status code ${wire.status}`, 'ERR_BAD_REQUEST');
      }
      let body: unknown = wire.text;
      if (options.json && wire.text) {
        try {
          body = JSON.parse(wire.text);
        } catch {
          // axios keeps the text when it is not JSON
        }
      }
      return { statusCode: wire.status, headers: wire.headers, body };
    },
  };
}

/** What the n8n connector's adapter does. */
function n8nTransport(helpers: N8nHelpers, credentialType: string): Transport {
  return async (request) => {
    try {
      const response = await helpers.httpRequestWithAuthentication(credentialType, {
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        json: true,
        returnFullResponse: true,
        ignoreHttpStatusErrors: true,
        timeout: request.timeoutMs,
        abortSignal: request.signal,
      });
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(response.headers)) {
        if (value !== undefined)
          headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
      }
      const body =
        typeof response.body === 'string' ? parseBody(response.body, headers['content-type']) : response.body;
      return { status: response.statusCode, headers, body };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw toTransportError(error);
    }
  };
}

/** Zapier's `z.request` options and response (`HttpRequestOptions`, `HttpResponse`), reduced. */
interface ZapierRequestOptions {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
  timeout?: number;
  signal?: AbortSignal;
  skipThrowForStatus: boolean;
}

interface ZapierResponse {
  status: number;
  headers: {
    get(name: string): string | null;
    forEach(callback: (value: string, name: string) => void): void;
  };
  content: string;
  data: unknown;
  json: unknown;
}

interface ZObject {
  request(options: ZapierRequestOptions): Promise<ZapierResponse>;
}

/**
 * `z`: node-fetch underneath, whose failures are `FetchError`s (`type: 'system'` with the socket's
 * code, or `type: 'request-timeout'` without one). Models an app with `throwForThrottlingEarly: false`
 * so that 429s reach the caller like other statuses.
 */
function fakeZ(): ZObject {
  return {
    async request(options) {
      let wire: WireResponse;
      try {
        wire = await sendWithNodeHttp({ ...options, timeoutMs: options.timeout });
      } catch (error) {
        if (error instanceof WireTimeout) {
          throw Object.assign(new Error(`network timeout at: ${options.url}`), {
            name: 'FetchError',
            type: 'request-timeout',
          });
        }
        const code = (error as { code?: string }).code;
        throw Object.assign(
          new Error(`request to ${options.url} failed, reason: ${(error as Error).message}`),
          {
            name: 'FetchError',
            type: 'system',
            code,
            errno: code,
          },
        );
      }
      if (!options.skipThrowForStatus && wire.status >= 400) throw new Error(`Got ${wire.status}`);
      const headers = new Headers();
      for (const [name, value] of Object.entries(wire.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const parse = () => JSON.parse(wire.text) as unknown;
      return {
        status: wire.status,
        headers,
        content: wire.text,
        get data() {
          return parse();
        },
        get json() {
          return parse();
        },
      };
    },
  };
}

/** What the Zapier connector's adapter does. */
function zapierTransport(z: ZObject): Transport {
  return async (request) => {
    try {
      const response = await z.request({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body: request.body,
        timeout: request.timeoutMs,
        signal: request.signal,
        skipThrowForStatus: true,
      });
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name.toLowerCase()] = value;
      });
      return {
        status: response.status,
        headers,
        body: parseBody(response.content, response.headers.get('content-type') ?? undefined),
      };
    } catch (error) {
      if (request.signal?.aborted) throw request.signal.reason;
      throw toTransportError(error, (error as { type?: unknown }).type === 'request-timeout');
    }
  };
}

// ---------------------------------------------------------------------------------------------------

/** A small RingCX: a list, a reply, a 404, a 429 then 200, an HTML page, a stall, a reset, an echo. */
let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url.split('?')[0];
    const seenBefore = server.requests.filter((r) => r.url === req.url).length - 1;
    if (req.method === 'GET' && path === '/1.0/content_threads') {
      sendJson(res, 200, { count: 1, offset: 0, limit: 150, records: [{ id: 't1', title: 'Hello' }] });
    } else if (req.method === 'POST' && path === '/1.0/contents') {
      sendJson(res, 200, { id: 'c1', ...(JSON.parse(req.body) as object) }, { 'X-Request-Id': 'req-1' });
    } else if (path === '/1.0/content_threads/missing') {
      sendApiError(res, 404, 'not_found', 'Thread not found');
    } else if (path === '/1.0/flaky') {
      if (seenBefore === 0) sendApiError(res, 429, 'rate_limit_exceeded', 'Rate limit exceeded');
      else sendJson(res, 200, { ok: true });
    } else if (path === '/1.0/html') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Sign in</html>');
    } else if (path === '/1.0/stall') {
      // never answers
    } else if (path === '/1.0/reset') {
      // The server has read the whole body (startServer waits for it), then the connection drops.
      res.socket?.destroy();
    } else if (path === '/1.0/users/me') {
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
      sendApiError(res, 401, 'invalid_token', `Token ${token} is not valid`);
    } else {
      sendApiError(res, 500, 'unexpected', `no route ${req.method} ${path}`);
    }
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const seams: ReadonlyArray<[string, () => Partial<ClientOptions>]> = [
  ['native fetch (default)', () => ({ accessToken: TOKEN })],
  [
    "n8n's httpRequestWithAuthentication",
    () => ({
      transport: n8nTransport(fakeN8nHelpers({ ringCxApi: { accessToken: TOKEN } }), 'ringCxApi'),
      secrets: [TOKEN],
    }),
  ],
  ["Zapier's z.request", () => ({ accessToken: TOKEN, transport: zapierTransport(fakeZ()) })],
];

describe.each(seams)('the transport seam through %s', (_name, seam) => {
  const warnings: string[] = [];
  const client = (baseUrl = server.baseUrl) =>
    new RingCxHttp({
      baseUrl,
      rateLimit: false,
      retry: { retries: 2, minDelayMs: 1, maxDelayMs: 5 },
      logger: { warn: (line) => warnings.push(line) },
      ...seam(),
    });
  beforeEach(() => {
    warnings.length = 0;
  });

  async function failure(call: Promise<unknown>): Promise<RingCxError> {
    const error = await call.then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(RingCxError);
    return error as RingCxError;
  }

  it('reads a list with its query, authenticated', async () => {
    const page = await client().request('GET', '/content_threads', {
      query: { q: 'source:a b', limit: 150 },
    });
    expect(page).toEqual({ count: 1, offset: 0, limit: 150, records: [{ id: 't1', title: 'Hello' }] });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.url).toBe('/1.0/content_threads?q=source%3Aa+b&limit=150');
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(server.requests[0]!.headers.accept).toBe('application/json');
  });

  it('sends a JSON body', async () => {
    const body = { in_reply_to_id: 'c0', body: 'Thanks, we are on it', private: false };
    const created = await client().request('POST', '/contents', { body });
    expect(created).toEqual({ id: 'c1', ...body });
    expect(server.requests[0]!.headers['content-type']).toBe('application/json');
    expect(JSON.parse(server.requests[0]!.body)).toEqual(body);
  });

  it('turns an API error into a RingCxError', async () => {
    const error = await failure(client().request('GET', '/content_threads/missing'));
    expect(error).toMatchObject({
      kind: 'not_found',
      status: 404,
      code: 'not_found',
      apiMessage: 'Thread not found',
      method: 'GET',
      path: '/content_threads/missing',
    });
  });

  it('retries a read refused with 429, then answers', async () => {
    await expect(client().request('GET', '/flaky')).resolves.toEqual({ ok: true });
    expect(server.requests.map((r) => r.url)).toEqual(['/1.0/flaky', '/1.0/flaky']);
  });

  it('refuses a 200 that is not JSON', async () => {
    const error = await failure(client().request('GET', '/html'));
    expect(error.kind).toBe('invalid_response');
    expect(error.message).toMatch(/without a JSON body\. Check the base URL/);
  });

  it('retries a write whose connection was refused, since it never left', async () => {
    const error = await failure(
      client(`${await refusedOrigin()}/1.0`).request('POST', '/contents', { body: { body: 'x' } }),
    );
    expect(error.kind).toBe('network');
    expect(error.cause).toMatchObject({ phase: 'connect' });
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(warnings).toHaveLength(2);
  });

  it('reports a timed-out write as unknown outcome and does not repeat it', async () => {
    const error = await failure(client().request('POST', '/stall', { body: { body: 'x' }, timeoutMs: 100 }));
    expect(error).toMatchObject({ kind: 'timeout', retryable: false, method: 'POST' });
    expect(error.hint).toMatch(/may have been applied/);
    expect(server.requests).toHaveLength(1);
  });

  it('does not repeat a write whose connection dropped after the server read it', async () => {
    const error = await failure(
      client().request('POST', '/reset', { body: { body: 'Your refund is on its way' } }),
    );
    expect(error).toMatchObject({ kind: 'network', retryable: false, cause: { phase: 'unknown' } });
    expect(server.requests).toHaveLength(1);
  });

  it("cancels on the caller's signal", async () => {
    const controller = new AbortController();
    const call = client().request('GET', '/stall', { signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    await expect(call).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
  });

  it('never shows the token, even when the API echoes it back', async () => {
    const error = await failure(client().request('GET', '/users/me'));
    expect(error.kind).toBe('auth');
    for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(text).not.toContain(TOKEN);
    }
    expect(error.apiMessage).toBe('Token [REDACTED] is not valid');
  });

  it('never shows the token in a network failure, whatever the platform error carried', async () => {
    const error = await failure(client(`${await refusedOrigin()}/1.0`).request('GET', '/users/me'));
    expect(inspect(error, { depth: 10 })).not.toContain(TOKEN);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
  });
});

describe('fetchTransport', () => {
  const send = (request: Partial<TransportRequest>) =>
    fetchTransport()({
      method: 'GET',
      url: `${server.origin}/1.0/stall`,
      headers: {},
      timeoutMs: 5000,
      ...request,
    });

  it('gives up after the timeout with an unknown outcome', async () => {
    const error = await send({ timeoutMs: 50 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({
      phase: 'unknown',
      timedOut: true,
      message: 'no response in time (timeout)',
    });
  });

  it('reports a refused connection as never sent', async () => {
    const error = await send({ url: `${await refusedOrigin()}/1.0/x` }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ phase: 'connect', timedOut: false, cause: { code: 'ECONNREFUSED' } });
  });

  it("stops on the caller's signal with its reason, not a transport failure", async () => {
    const controller = new AbortController();
    const call = send({ signal: controller.signal });
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort(new Error('workflow stopped'));
    await expect(call).rejects.toThrow('workflow stopped');
  });

  it('sends method, headers and body, and returns the status and lower-cased headers', async () => {
    const response = await send({
      method: 'POST',
      url: `${server.origin}/1.0/contents`,
      headers: { 'content-type': 'application/json', 'X-Trace': 'abc' },
      body: '{"body":"hi"}',
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('req-1');
    expect(Object.keys(response.headers).every((name) => name === name.toLowerCase())).toBe(true);
    expect(response.body).toEqual({ id: 'c1', body: 'hi' });
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: '{"body":"hi"}' });
    expect(server.requests[0]!.headers['x-trace']).toBe('abc');
  });

  it('keeps a text body as text', async () => {
    const response = await send({ url: `${server.origin}/1.0/html` });
    expect(response.body).toBe('<html>Sign in</html>');
  });

  it('uses the fetch it is given', async () => {
    const calls: string[] = [];
    const transport = fetchTransport({
      fetch: async (input) => {
        calls.push(String(input));
        return new Response('{"ok":true}', { headers: { 'Content-Type': 'application/json' } });
      },
    });
    const response = await transport({
      method: 'GET',
      url: 'https://acme.example/1.0/x',
      headers: {},
      timeoutMs: 1000,
    });
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { ok: true },
    });
    expect(calls).toEqual(['https://acme.example/1.0/x']);
  });
});

describe('parseBody', () => {
  it.each([
    ['{"a":1}', 'application/json; charset=utf-8', { a: 1 }],
    ['[1,2]', undefined, [1, 2]],
    ['  {"a":1}', 'text/plain', { a: 1 }],
    ['{not json', 'application/json', '{not json'],
    ['Service Unavailable', 'text/plain', 'Service Unavailable'],
    ['', 'application/json', ''],
  ])('%j (%s)', (text, contentType, expected) => {
    expect(parseBody(text, contentType)).toEqual(expected);
  });
});

describe('toTransportError', () => {
  it.each([
    [{ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, 'connect', false],
    [
      { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND acme.api.digital.ringcentral.com' },
      'connect',
      false,
    ],
    [{ code: 'ECONNRESET', message: 'socket hang up' }, 'unknown', false],
    [{ code: 'ECONNABORTED', message: 'timeout of 30000ms exceeded' }, 'unknown', true],
    [{ code: 'ETIMEDOUT', message: 'connect ETIMEDOUT' }, 'unknown', true],
    [
      new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED', message: 'connect' } }),
      'connect',
      false,
    ],
    [new Error('something odd'), 'unknown', false],
  ])('%o → %s, timed out: %s', (error, phase, timedOut) => {
    expect(toTransportError(error)).toMatchObject({ phase, timedOut });
  });

  it('keeps only the code and a redacted message of the original error', () => {
    const axiosError = Object.assign(
      new Error('request to https://x/1.0/webhooks?access_token=abc123xyz failed'),
      {
        code: 'ECONNRESET',
        config: { headers: { Authorization: 'Bearer abc123xyz' } },
      },
    );
    const error = toTransportError(axiosError);
    expect(error.cause).toEqual({
      code: 'ECONNRESET',
      message: 'request to https://x/1.0/webhooks?access_token=[REDACTED] failed',
    });
    expect(inspect(error, { depth: 10 })).not.toContain('abc123xyz');
  });
});
