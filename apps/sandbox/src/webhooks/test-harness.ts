// Shared by the webhook tests: a Fastify app with only the webhook routes, and real HTTP receivers.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import qs from 'qs';
import { createClock } from '../clock.ts';
import { formatViolations, loadSpecValidator, type Violation } from '../conformance/spec-validator.ts';
import { ApiError } from '../http/errors.ts';
import { EventBus, type SandboxEvent } from '../events.ts';
import { registerWebhookRoutes } from './index.ts';
import type { WebhookDeps, WebhookEngine, WebhookEngineOptions, WebhookPersistence } from './types.ts';

export const TOKENS = {
  alice: {
    secret: 'alice-access-token',
    tokenId: 'a1a1a1a1a1a1a1a1a1a1a1a1',
    userId: 'u1u1u1u1u1u1u1u1u1u1u1u1',
  },
  bob: {
    secret: 'bob-access-token',
    tokenId: 'b2b2b2b2b2b2b2b2b2b2b2b2',
    userId: 'u2u2u2u2u2u2u2u2u2u2u2u2',
  },
} as const;
export type TokenName = keyof typeof TOKENS;

function authenticate(request: FastifyRequest): { tokenId: string; userId: string } {
  const header = request.headers.authorization ?? '';
  const secret = header.startsWith('Bearer ')
    ? header.slice(7)
    : (request.query as { access_token?: string }).access_token;
  const token = Object.values(TOKENS).find((candidate) => candidate.secret === secret);
  if (!token) throw new ApiError(401, 'invalid_access_token', 'Invalid access token');
  return { tokenId: token.tokenId, userId: token.userId };
}

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

export interface TestApi {
  base: string;
  bus: EventBus;
  engine: WebhookEngine;
  call(
    method: string,
    path: string,
    options?: { as?: TokenName | null; query?: string; json?: unknown },
  ): Promise<ApiResponse>;
  /** Creates a webhook as `as` (default alice) and waits for its handshake. */
  createWebhook(fields: Record<string, unknown>, as?: TokenName): Promise<Record<string, unknown>>;
  emit(type: string, metadata?: Record<string, unknown>): SandboxEvent;
  close(): Promise<void>;
}

export interface TestApiOptions {
  persistence?: WebhookPersistence;
  canRead?: WebhookDeps['canRead'];
  engine?: WebhookEngineOptions;
}

/** Retries at ~0.3 ms, 2.4 ms, 10 ms, 31 ms and 72 ms. */
const TIME_SCALE = 100_000;

export async function startApi(options: TestApiOptions = {}): Promise<TestApi> {
  const clock = createClock(TIME_SCALE);
  const bus = new EventBus(clock);
  const app: FastifyInstance = Fastify({ routerOptions: { querystringParser: (query) => qs.parse(query) } });
  let engine: WebhookEngine | undefined;
  // Every answer is held to the official spec, as in the sandbox's other tests.
  const validator = await loadSpecValidator();
  const violations: Violation[] = [];
  await app.register(
    async (api) => {
      api.addHook('onSend', async (request, reply, payload) => {
        let body: unknown = payload;
        try {
          body = typeof payload === 'string' ? JSON.parse(payload) : payload;
        } catch {
          // Not JSON: checked as text.
        }
        const violation = validator?.check({
          method: request.method,
          route: request.routeOptions.url ?? null,
          status: reply.statusCode,
          body,
        });
        if (violation) violations.push(violation);
        return payload;
      });
      engine = registerWebhookRoutes(api, {
        authenticate,
        bus,
        clock,
        domainId: 'd0d0d0d0d0d0d0d0d0d0d0d0',
        ...(options.persistence ? { persistence: options.persistence } : {}),
        ...(options.canRead ? { canRead: options.canRead } : {}),
        describeToken: (tokenId) =>
          tokenId === TOKENS.alice.tokenId
            ? { name: 'Alice token', created_at: '2024-01-02T03:04:05Z', updated_at: '2024-01-02T03:04:05Z' }
            : undefined,
      });
    },
    { prefix: '/1.0' },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/1.0`;
  const webhooks = engine!;
  webhooks.configure({ batchWindowMs: 10, ...options.engine });

  const call: TestApi['call'] = async (method, path, { as = 'alice', query, json } = {}) => {
    const headers: Record<string, string> = {};
    if (as) headers.authorization = `Bearer ${TOKENS[as].secret}`;
    if (json !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}${query ? `?${query}` : ''}`, {
      method,
      headers,
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  return {
    base,
    bus,
    engine: webhooks,
    call,
    async createWebhook(fields, as = 'alice') {
      const created = await call('POST', '/webhooks', { as, json: fields });
      if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
      await webhooks.settle();
      return created.body;
    },
    emit: (type, metadata = {}) =>
      bus.emit({ type, resource: { type: 'message', id: 'c0c0c0c0c0c0c0c0c0c0c0c0', metadata } }),
    async close() {
      await app.close();
      if (violations.length > 0) {
        throw new Error(`answers that do not conform to the official spec:\n${formatViolations(violations)}`);
      }
    },
  };
}

export interface ReceivedRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What a receiver answers; `hang` never answers. */
export type Answer = { status: number; body?: string } | 'hang';
export type Responder = (request: ReceivedRequest) => Answer | Promise<Answer>;

/** Answers the handshake with the challenge and deliveries with 200, like a correct endpoint. */
export const correctEndpoint: Responder = (request) =>
  request.method === 'GET'
    ? { status: 200, body: request.url.searchParams.get('hub.challenge') ?? '' }
    : { status: 200 };

export interface Receiver {
  url: string;
  requests: ReceivedRequest[];
  respond: Responder;
  handshakes(): ReceivedRequest[];
  /** Parsed POST bodies. */
  deliveries(): { id: string; domain_id: string; events: { id: string; type: string }[] }[];
  close(): Promise<void>;
}

export async function startReceiver(respond: Responder = correctEndpoint, path = '/hook'): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const request: ReceivedRequest = {
      method: req.method ?? '',
      url: new URL(req.url ?? '/', 'http://receiver.test'),
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
    };
    requests.push(request);
    const answer = await receiver.respond(request);
    if (answer === 'hang') return;
    res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body ?? '');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    respond,
    handshakes: () => requests.filter((request) => request.method === 'GET'),
    deliveries: () =>
      requests.filter((request) => request.method === 'POST').map((request) => JSON.parse(request.body)),
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
  return receiver;
}

/** A URL nobody listens on: a port that was just freed. */
export async function unreachableUrl(): Promise<string> {
  const receiver = await startReceiver();
  await receiver.close();
  return receiver.url;
}
