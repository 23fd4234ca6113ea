import type { IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { RingCxClient } from '../defaults.ts';
import type { ClientOptions } from '../http/http-client.ts';
import { sendJson, startServer, type SeenRequest, type TestServer } from '../http/test-server.ts';

/** One request as the API would see it, relative to the API root. */
export interface RecordedRequest {
  method: string;
  /** Without the `/1.0` prefix and the query string. */
  path: string;
  /** The query string, decoded: `category_ids[]=a&q=source:x status_in:new`. */
  query: string;
  searchParams: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** The parsed body when it was sent as JSON. */
  json: unknown;
}

export type Responder = (request: RecordedRequest) => { status?: number; body: unknown };

export const TEST_TOKEN = 'test-token-0001';

/**
 * A RingCX stand-in on 127.0.0.1 for the enclosing test file: it records every request and answers
 * with `respond` (by default `{}`); both are reset before each test.
 */
export class RecordingServer {
  readonly requests: RecordedRequest[] = [];
  respond: Responder = () => ({ body: {} });

  /** The only request of the test so far. */
  get last(): RecordedRequest {
    if (this.requests.length !== 1) throw new Error(`expected one request, got ${this.requests.length}`);
    return this.requests[0]!;
  }

  /** Parses a multipart body the way a server framework would. */
  formData(request: RecordedRequest): Promise<FormData> {
    return new Response(request.body, {
      headers: { 'content-type': String(request.headers['content-type']) },
    }).formData();
  }

  record(seen: SeenRequest): RecordedRequest {
    const url = new URL(seen.url, 'http://127.0.0.1');
    const recorded: RecordedRequest = {
      method: seen.method,
      path: url.pathname.replace(/^\/1\.0/, ''),
      query: [...url.searchParams].map(([key, value]) => `${key}=${value}`).join('&'),
      searchParams: url.searchParams,
      headers: seen.headers,
      body: seen.body,
      json: seen.headers['content-type']?.includes('application/json')
        ? (JSON.parse(seen.body) as unknown)
        : undefined,
    };
    this.requests.push(recorded);
    return recorded;
  }
}

/**
 * Starts a recording server for the test file and returns it with a client factory pointed at it.
 * Clients have no rate limiting or retries unless asked, so each call is exactly one request.
 */
export function useRecordingServer(): {
  server: RecordingServer;
  client: (options?: Partial<ClientOptions>) => RingCxClient;
} {
  const server = new RecordingServer();
  let http: TestServer | undefined;
  beforeAll(async () => {
    http = await startServer((seen, response) => {
      const { status = 200, body } = server.respond(server.record(seen));
      sendJson(response, status, body);
    });
  });
  afterAll(() => http?.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.respond = () => ({ body: {} });
  });
  return {
    server,
    client: (options) =>
      new RingCxClient({
        baseUrl: http!.baseUrl,
        accessToken: TEST_TOKEN,
        rateLimit: false,
        retry: false,
        ...options,
      }),
  };
}

/** A 24-hex id: `hexId(1)` → `000…001`. */
export function hexId(n: number): string {
  return n.toString(16).padStart(24, '0');
}
