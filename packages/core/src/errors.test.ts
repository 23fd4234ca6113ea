import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRingCxError, redactSecrets, RingCxError } from './errors.ts';
import { RingCxHttp } from './defaults.ts';
import type { ClientOptions } from './http/http-client.ts';
import type { HttpMethod } from './http/transport.ts';
import {
  refusedOrigin,
  sendApiError,
  startServer,
  type Handler,
  type TestServer,
} from './http/test-server.ts';

const TOKEN = 'bxtetcyuf8twydx2pubk77dh';

let server: TestServer;
let answer: Handler;
beforeAll(async () => {
  server = await startServer((req, res) => answer(req, res));
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function client(options: Partial<ClientOptions> = {}): RingCxHttp {
  return new RingCxHttp({
    baseUrl: server.baseUrl,
    accessToken: TOKEN,
    retry: false,
    rateLimit: false,
    ...options,
  });
}

async function failure(call: Promise<unknown>): Promise<RingCxError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(RingCxError);
  return error as RingCxError;
}

describe('error kinds', () => {
  it.each([
    [400, 'bad_request', false],
    [401, 'auth', false],
    [403, 'permission', false],
    [404, 'not_found', false],
    [409, 'conflict', true],
    [422, 'validation', false],
    [429, 'rate_limit', true],
    [500, 'server', true],
    [503, 'server', true],
  ] as const)('%i → %s', async (status, kind, retryable) => {
    answer = (_req, res) => sendApiError(res, status, 'some_error_id', 'What the API said');
    const error = await failure(client().request('GET', '/content_threads/5f3c', { query: { limit: 1 } }));
    expect(error).toMatchObject({
      name: 'RingCxError',
      kind,
      status,
      code: 'some_error_id',
      apiMessage: 'What the API said',
      method: 'GET',
      path: '/content_threads/5f3c?limit=1',
      retryable,
    });
    expect(error.message).toMatch(
      new RegExp(`^GET /content_threads/5f3c failed with ${status}: What the API said`),
    );
    expect(isRingCxError(error, kind)).toBe(true);
  });

  it('reads a 422 with a list of errors', async () => {
    answer = (_req, res) =>
      res
        .writeHead(422, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'validation_error', errors: ['body is too long', 'a is not allowed'] }));
    const error = await failure(client().request('POST', '/contents', { body: { body: 'x' } }));
    expect(error).toMatchObject({ kind: 'validation', apiMessage: 'body is too long; a is not allowed' });
  });

  it('keeps a text error page as the message', async () => {
    answer = (_req, res) => res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway');
    const error = await failure(client().request('GET', '/users'));
    expect(error).toMatchObject({ kind: 'server', status: 502, apiMessage: 'Bad Gateway', code: undefined });
  });

  it('reports no answer in time as a timeout', async () => {
    answer = () => undefined;
    const error = await failure(client({ timeoutMs: 50 }).request('GET', '/users'));
    expect(error).toMatchObject({ kind: 'timeout', status: undefined, method: 'GET', path: '/users' });
    expect(error.message).toBe('GET /users: no answer in time. Try again.');
  });

  it('reports a refused connection as a network error that names what to check', async () => {
    const error = await failure(
      new RingCxHttp({ baseUrl: `${await refusedOrigin()}/1.0`, retry: false, rateLimit: false }).request(
        'GET',
        '/users',
      ),
    );
    expect(error).toMatchObject({ kind: 'network', retryable: true, method: 'GET', path: '/users' });
    expect(error.hint).toBe('Check the account name, host or base URL, and the network.');
  });

  it('refuses a 200 that is not JSON', async () => {
    answer = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Log in</html>');
    const error = await failure(client().request('GET', '/users'));
    expect(error).toMatchObject({ kind: 'invalid_response', status: 200 });
    expect(error.message).toMatch(/Check the base URL: it should be the API root ending in \/1\.0/);
  });
});

describe('guidance for known refusals', () => {
  it.each<[string, HttpMethod, string, number, string, string, RegExp]>([
    [
      'a reply to a closed thread',
      'POST',
      '/contents',
      403,
      'cant_reply_to_closed_thread',
      "Can't reply to closed thread",
      /thread is closed.*open it again \(threads\.open\)/,
    ],
    [
      'a reply to a message without an open intervention',
      'POST',
      '/contents',
      422,
      'invalid',
      'in_reply_to content is not under an open intervention',
      /not under an open intervention: create one on it first \(interventions\.create/,
    ],
    [
      'closing an intervention nobody replied in',
      'PUT',
      '/interventions/aa11/close',
      403,
      'forbidden',
      'Forbidden',
      /only after an agent or bot reply: reply first.*or cancel it if nobody replied/,
    ],
    [
      'cancelling an intervention that has a reply',
      'DELETE',
      '/interventions/aa11/cancel',
      403,
      'forbidden',
      'Forbidden',
      /already has an agent or bot reply cannot be cancelled: close it instead/,
    ],
    [
      'a rejected token',
      'GET',
      '/users/me',
      401,
      'unauthorized',
      'Invalid token',
      /Check the access token \(RingCX Admin → API access tokens.*\) and the account name/,
    ],
    [
      'a missing thread',
      'GET',
      '/content_threads/5f3c9a',
      404,
      'not_found',
      'Not found',
      /Check the id; the thread 5f3c9a may also be in a source/,
    ],
    [
      'a missing message',
      'PUT',
      '/contents/c77/ignore',
      404,
      'not_found',
      'Not found',
      /the message c77 may/,
    ],
    [
      'a job still running',
      'PUT',
      '/content_threads/t1/ignore',
      409,
      'conflict',
      'Already being archived',
      /try again in a few seconds/,
    ],
  ])('%s', async (_what, method, path, status, code, message, hint) => {
    answer = (_req, res) => sendApiError(res, status, code, message);
    const error = await failure(client().request(method, path));
    expect(error.hint).toMatch(hint);
    // The message reads on its own: what failed, what the API said, what to do.
    expect(error.message).toContain(`${method} ${path} failed with ${status}: ${message}. ${error.hint}`);
  });
});

describe('the access token never shows', () => {
  const echo: Handler = (req, res) => {
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    res.writeHead(422, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        error: `bad_token_${token}`,
        message: `access_token=${token} and Bearer ${token} and {"access_token":"${token}"} and ${token}`,
        status: 422,
      }),
    );
  };

  function everywhere(error: RingCxError, lines: string[]): string[] {
    return [
      error.message,
      error.toString(),
      String(error.path),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      error.stack ?? '',
      ...lines,
    ];
  }

  it('in any rendering of an error, its path or the log, also when the API echoes it', async () => {
    answer = echo;
    const lines: string[] = [];
    const logger = { debug: (line: string) => lines.push(line), warn: (line: string) => lines.push(line) };
    const error = await failure(
      client({ logger, retry: { retries: 1, minDelayMs: 1, maxDelayMs: 1 } }).request(
        'GET',
        '/webhooks?access_token=' + TOKEN,
        {
          query: { access_token: TOKEN },
        },
      ),
    );
    expect(server.requests[0]!.url).toContain(TOKEN); // it was really sent
    expect(error.path).toBe('/webhooks?access_token=[REDACTED]&access_token=[REDACTED]');
    expect(lines.length).toBeGreaterThan(0);
    for (const text of everywhere(error, lines)) expect(text).not.toContain(TOKEN);
  });

  it('when a transport authenticates by itself and the token is declared in secrets', async () => {
    const other = 'ffffeeee0123456789abcdef';
    answer = echo;
    const error = await failure(
      client({
        accessToken: undefined,
        secrets: [other],
        transport: async (request) => {
          const response = await fetch(request.url, {
            method: request.method,
            headers: { ...request.headers, authorization: `Bearer ${other}` },
          });
          return { status: response.status, headers: {}, body: await response.json() };
        },
      }).request('GET', '/users/me'),
    );
    expect(error.apiMessage).toContain('[REDACTED]');
    for (const text of everywhere(error, [])) expect(text).not.toContain(other);
  });

  it('in a network failure', async () => {
    const error = await failure(
      new RingCxHttp({
        baseUrl: `${await refusedOrigin()}/1.0`,
        accessToken: TOKEN,
        retry: false,
        rateLimit: false,
      }).request('GET', '/webhooks', { query: { access_token: TOKEN } }),
    );
    for (const text of everywhere(error, [])) expect(text).not.toContain(TOKEN);
  });
});

describe('redactSecrets', () => {
  it.each([
    ['GET /webhooks?access_token=abc42&limit=1', 'GET /webhooks?access_token=[REDACTED]&limit=1'],
    ['Authorization: Bearer abc42, next', 'Authorization: Bearer [REDACTED], next'],
    ['{"access_token": "abc42"}', '{"access_token": "[REDACTED]"}'],
    ['nothing secret here', 'nothing secret here'],
  ])('%s', (text, expected) => {
    expect(redactSecrets(text)).toBe(expected);
  });
});
