import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request the double received, with its JSON body parsed. */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  authorization: string | undefined;
}

export type Reply = { status?: number; body: unknown };
type Route = ((request: RecordedRequest) => unknown) | Reply | Record<string, unknown>;

/**
 * A small stand-in for the RingCX API on 127.0.0.1: routes are `"METHOD /path"` under `/1.0`, and
 * answer `{ status, body }` or a bare body (200). Unknown routes answer the API's 404 shape.
 */
export async function startApiDouble(routes: Record<string, Route> = {}) {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname.replace(/^\/1\.0/, ''),
      query: url.searchParams,
      body: await readJson(req),
      authorization: req.headers.authorization,
    };
    requests.push(request);
    const route = routes[`${request.method} ${request.path}`];
    const answer =
      typeof route === 'function'
        ? route(request)
        : (route ?? { status: 404, body: { error: 'not_found', message: 'Not found', status: 404 } });
    const reply = isReply(answer) ? answer : { body: answer };
    res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    routes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type ApiDouble = Awaited<ReturnType<typeof startApiDouble>>;

function isReply(value: unknown): value is Reply {
  return (
    typeof value === 'object' &&
    value !== null &&
    'body' in value &&
    Object.keys(value).every((key) => key === 'body' || key === 'status')
  );
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : undefined;
}

/** A page of records in the API's list envelope. */
export function page<T>(records: T[]) {
  return { count: records.length, offset: 0, limit: 150, records };
}
