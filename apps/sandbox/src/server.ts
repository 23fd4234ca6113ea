import type { AddressInfo } from 'node:net';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import qs from 'qs';
import { authenticate, TokenRegistry } from './auth.ts';
import { createClock } from './clock.ts';
import { createControl, type SandboxControl } from './control/control.ts';
import { FaultRegistry, type Fault } from './control/faults.ts';
import { RateLimiter } from './control/rate-limit.ts';
import { redactUrl, RequestLog } from './control/request-log.ts';
import { controlRoutes } from './control/routes.ts';
import { DOMAIN_ID, EventBus, type SandboxEvent } from './events.ts';
import { ApiError } from './http/errors.ts';
import { apiDate } from './ids.ts';
import type { SandboxContext } from './model/context.ts';
import { JobQueue } from './model/jobs.ts';
import { canRead } from './model/permissions.ts';
import { agentRoutes } from './routes/agents.ts';
import { attachmentRoutes, MAX_ATTACHMENT_BYTES } from './routes/attachments.ts';
import { botRoutes } from './routes/bots.ts';
import { contentRoutes } from './routes/contents.ts';
import { identityRoutes } from './routes/identities.ts';
import { interventionRoutes } from './routes/interventions.ts';
import { journalRoutes } from './routes/journal.ts';
import { sourceRoutes } from './routes/sources.ts';
import { taxonomyRoutes } from './routes/taxonomy.ts';
import { threadRoutes } from './routes/threads.ts';
import { userRoutes } from './routes/users.ts';
import { buildSeed, seedTokens, TOKEN_NAMES, type SeedName, type TokenName } from './seed.ts';
import { openSqlitePersistence } from './store/sqlite.ts';
import { createStore, type Persistence } from './store/store.ts';
import {
  registerWebhookRoutes,
  type WebhookEngine,
  type WebhookEngineOptions,
  type WebhookRecord,
} from './webhooks/index.ts';

/** What `onApiResponse` receives for every `/1.0` answer. */
export interface ApiResponseInfo {
  method: string;
  /** The route pattern, e.g. `/1.0/content_threads/:threadId` (null when no route matched). */
  route: string | null;
  status: number;
  /** The parsed JSON body (or the raw text when it is not JSON). */
  body: unknown;
}

export interface SandboxOptions {
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seed the data (default true = `default`); false = `empty` (the domain setup, no conversations). */
  seed?: boolean | SeedName;
  /** Token values by name, instead of the defaults (`sandbox-admin-token`, …). */
  tokens?: Partial<Record<TokenName, string>>;
  /** Requests per minute per token (default 500); 0 turns the limit off. */
  rateLimit?: number;
  /** The rate-limit window in real ms (default 60000), shorter for tests. */
  rateLimitWindowMs?: number;
  /** How many times faster than real time the sandbox runs (default 1). */
  timeScale?: number;
  /** An SQLite file to keep the data in across restarts; in memory when absent. */
  dataFile?: string;
  /** Refuse replies to messages not under an open intervention (default false). */
  strictReplies?: boolean;
  /** API-time ms of a thread job (default 2000). */
  threadJobMs?: number;
  /** API-time ms before a reply is exported (default 1000). */
  exportMs?: number;
  /** Options of the webhook engine (duplicates, reordering, retry schedule…). */
  webhooks?: WebhookEngineOptions;
  /** Called with every `/1.0` response, e.g. to validate bodies against the specification. */
  onApiResponse?(info: ApiResponseInfo): void;
}

export interface RunningSandbox {
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** `url` + `/1.0`: what a client's base URL is. */
  baseUrl: string;
  /** Token values by name. */
  tokens: Record<TokenName, string>;
  control: SandboxControl;
  webhooks: WebhookEngine;
  stop(): Promise<void>;
}

declare module 'fastify' {
  interface FastifyRequest {
    startedAt?: number;
    fault?: Fault;
  }
}

const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

function seedName(seed: SandboxOptions['seed']): SeedName {
  if (seed === undefined || seed === true) return 'default';
  if (seed === false) return 'empty';
  return seed;
}

/** Fastify's own errors (bad JSON, unknown media type, body too large) in the API's format. */
function frameworkError(error: FastifyError): ApiError {
  const status = error.statusCode ?? 500;
  const ids: Record<string, string> = {
    FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
    FST_ERR_CTP_BODY_TOO_LARGE: 'request_too_large',
    FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
    FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  };
  const id =
    ids[error.code] ??
    (error instanceof SyntaxError || /JSON/.test(error.message) ? 'invalid_json' : 'bad_request');
  const hint =
    id === 'unsupported_media_type'
      ? ' Send parameters in the query string, as application/x-www-form-urlencoded, as application/json, or (uploads) as multipart/form-data.'
      : id === 'invalid_json'
        ? ' Fix the JSON body, or send no Content-Type: application/json header without a body.'
        : '';
  return new ApiError(status, id, `${error.message}.${hint}`.replace(/\.\./g, '.'));
}

function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  if (error instanceof ApiError) return reply.code(error.status).type(JSON_CONTENT_TYPE).send(error.toBody());
  const fastifyError = error as FastifyError;
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode < 500) {
    return sendError(reply, frameworkError(fastifyError));
  }
  console.error('sandbox: internal error:', error);
  return reply.code(500).type(JSON_CONTENT_TYPE).send({
    error: 'internal_server_error',
    message: 'The sandbox failed on this request (see its console).',
    status: 500,
  });
}

const GATEWAY_TEXT: Record<number, string> = {
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** The answer of a `status` fault: what a client would really get for that status. */
function faultResponse(reply: FastifyReply, status: number): FastifyReply {
  if (status === 429) {
    return reply
      .code(429)
      .type(JSON_CONTENT_TYPE)
      .send({ error: 'rate_limit_exceeded', message: 'Rate limit exceeded', status: 429 });
  }
  const gateway = GATEWAY_TEXT[status];
  if (gateway) {
    // A proxy in front of the API answers these, with a page rather than JSON.
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        `<html><head><title>${status} ${gateway}</title></head><body><h1>${status} ${gateway}</h1></body></html>`,
      );
  }
  return reply
    .code(status)
    .type(JSON_CONTENT_TYPE)
    .send({
      error: status === 500 ? 'internal_server_error' : 'injected_fault',
      message: `Fault injected by the sandbox (status ${status}).`,
      status,
    });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const clock = createClock(options.timeScale ?? 1);
  const persistence: Persistence | undefined = options.dataFile
    ? openSqlitePersistence(options.dataFile)
    : undefined;
  const store = createStore(clock, persistence);
  const stored = persistence?.load();
  const initialSeed = seedName(options.seed);
  if (stored) store.replace(stored, { persist: false });
  else store.replace(buildSeed(initialSeed));

  const tokens = new TokenRegistry(seedTokens(options.tokens));
  const bus = new EventBus(clock);
  const jobs = new JobQueue(clock);
  let url = '';
  const ctx: SandboxContext = {
    store,
    clock,
    bus,
    jobs,
    behaviour: {
      strictReplies: options.strictReplies ?? false,
      threadJobMs: options.threadJobMs ?? 2000,
      exportMs: options.exportMs ?? 1000,
    },
    publicUrl: () => url,
  };
  bus.subscribe((event) => store.journal.insert(journalEntry(event)));

  const rateLimit = options.rateLimit ?? 500;
  const rateLimiter = new RateLimiter(rateLimit, options.rateLimitWindowMs ?? 60_000);
  const faults = new FaultRegistry();
  const requestLog = new RequestLog();
  let webhooks: WebhookEngine | undefined;
  const control = createControl({
    ctx,
    tokens,
    faults,
    requestLog,
    rateLimiter,
    webhooks: () => webhooks!,
    settings: {
      url: () => url,
      seed: stored ? 'persisted' : initialSeed,
      rateLimit,
      dataFile: options.dataFile ?? null,
    },
  });

  const app = Fastify({
    logger: false,
    // Stop must not wait for a client holding a connection open (or a timeout fault).
    forceCloseConnections: true,
    bodyLimit: MAX_ATTACHMENT_BYTES + 1024 * 1024,
    routerOptions: {
      querystringParser: (query) => qs.parse(query, { arrayLimit: 1000, parameterLimit: 10_000, depth: 10 }),
    },
  });
  app.decorate('sandboxAuth', { tokens, store });
  await app.register(formbody, {
    parser: (body) => qs.parse(body, { arrayLimit: 1000, parameterLimit: 10_000, depth: 10 }),
  });
  await app.register(multipart);
  app.setErrorHandler((error, _request, reply) => sendError(reply, error));

  await app.register(
    async (api) => {
      apiHooks(api, { faults, rateLimiter, requestLog, clock, onApiResponse: options.onApiResponse });
      sourceRoutes(api, ctx);
      threadRoutes(api, ctx);
      contentRoutes(api, ctx);
      interventionRoutes(api, ctx);
      botRoutes(api, ctx);
      identityRoutes(api, ctx);
      userRoutes(api, ctx);
      taxonomyRoutes(api, ctx);
      attachmentRoutes(api, ctx);
      agentRoutes(api, ctx);
      journalRoutes(api, ctx);
      webhooks = registerWebhookRoutes(api, {
        authenticate,
        bus,
        clock,
        domainId: DOMAIN_ID,
        ...(persistence
          ? {
              persistence: {
                load: () => persistence.loadWebhooks() as WebhookRecord[],
                save: (records) => persistence.saveWebhooks(records),
              },
            }
          : {}),
        canRead: (tokenId, sourceId) => {
          const user = store.users.get(tokens.byId(tokenId)?.user_id ?? '');
          return user !== undefined && canRead(user, sourceId);
        },
        describeToken: (tokenId) => {
          const token = tokens.byId(tokenId);
          return token && { name: token.label, created_at: token.created_at, updated_at: token.updated_at };
        },
      });
      if (options.webhooks) webhooks.configure(options.webhooks);
      api.setNotFoundHandler((request, reply) =>
        sendError(
          reply,
          new ApiError(
            404,
            'not_found',
            `No API route ${request.method} ${redactUrl(request.url).split('?')[0]}; the sandbox serves the RingCX Interactions API under /1.0 (see its README for the list).`,
          ),
        ),
      );
    },
    { prefix: '/1.0' },
  );

  controlRoutes(app, control);
  downloadRoute(app, ctx);
  app.get('/', async () => ({ ...control.info(), docs: 'API under /1.0, control API under /_sandbox' }));

  try {
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  } catch (error) {
    await app.close();
    persistence?.close();
    throw error;
  }
  const address = app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;

  let stopped: Promise<void> | undefined;
  return {
    url,
    baseUrl: `${url}/1.0`,
    tokens: Object.fromEntries(
      TOKEN_NAMES.map((name) => [name, tokens.tokens.find((t) => t.name === name)!.value]),
    ) as Record<TokenName, string>,
    control,
    webhooks: webhooks!,
    stop() {
      stopped ??= (async () => {
        jobs.cancelAll();
        await app.close();
        persistence?.close();
      })();
      return stopped;
    },
  };
}

/** A journal entry (`GET /1.0/events`) for an emitted event. */
function journalEntry(event: SandboxEvent) {
  const { metadata } = event.resource;
  const pick = (...keys: string[]) =>
    keys.map((key) => metadata[key]).find((value) => typeof value === 'string');
  const isContent = event.type.startsWith('content.') && event.resource.type !== 'content_thread';
  const extra: Record<string, unknown> = {
    content_id: isContent ? event.resource.id : undefined,
    content_source_id: pick('source_id', 'content_source_id'),
    content_thread_id:
      event.resource.type === 'content_thread' ? event.resource.id : pick('thread_id', 'content_thread_id'),
    intervention_id: event.resource.type === 'intervention' ? event.resource.id : pick('intervention_id'),
    user_id: pick('user_id') ?? event.user_id,
    category_ids: Array.isArray(metadata.category_ids) ? metadata.category_ids : undefined,
  };
  const createdAt = apiDate(new Date(event.issued_at));
  return {
    id: event.id,
    name: event.type,
    user_id: event.user_id ?? null,
    extra_infos: Object.fromEntries(Object.entries(extra).filter(([, value]) => value !== undefined)),
    created_at: createdAt,
    updated_at: createdAt,
  };
}

interface HookDeps {
  faults: FaultRegistry;
  rateLimiter: RateLimiter;
  requestLog: RequestLog;
  clock: ReturnType<typeof createClock>;
  onApiResponse: SandboxOptions['onApiResponse'];
}

/** Faults, authentication, rate limit, response callback and request log for every `/1.0` route. */
function apiHooks(api: FastifyInstance, deps: HookDeps): void {
  const log = (request: FastifyRequest, status: number | null) => {
    const auth = request.authenticated;
    deps.requestLog.add({
      at: deps.clock.now().toISOString(),
      method: request.method,
      path: redactUrl(request.url),
      route: request.routeOptions.url ?? null,
      status,
      duration_ms: Math.round(performance.now() - (request.startedAt ?? performance.now())),
      token: auth?.tokenName ?? null,
      user_id: auth?.userId ?? null,
      fault: request.fault
        ? request.fault.kind === 'status'
          ? String(request.fault.status)
          : request.fault.kind
        : null,
    });
  };

  api.addHook('onRequest', async (request, reply) => {
    request.startedAt = performance.now();
    const fault = deps.faults.pick(
      request.method,
      request.routeOptions.url ?? '',
      request.url.split('?')[0] ?? '',
    );
    if (!fault) return;
    request.fault = fault;
    if (fault.kind === 'status') return faultResponse(reply, fault.status!);
    if (fault.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.delay_ms!));
    if (fault.kind === 'timeout') {
      // Never answer; drop the connection after a while (or when the sandbox stops).
      reply.hijack();
      log(request, null);
      const timer = setTimeout(() => request.raw.socket?.destroy(), fault.delay_ms ?? 30_000);
      timer.unref();
      request.raw.socket?.once('close', () => clearTimeout(timer));
    }
  });

  api.addHook('preValidation', async (request) => {
    const auth = authenticate(request);
    if (!deps.rateLimiter.allow(auth.tokenId)) {
      throw new ApiError(429, 'rate_limit_exceeded', 'Rate limit exceeded');
    }
  });

  api.addHook('onSend', async (request, reply, payload) => {
    if (deps.onApiResponse) {
      let body: unknown = payload;
      if (typeof payload === 'string') {
        try {
          body = JSON.parse(payload);
        } catch {
          body = payload;
        }
      }
      deps.onApiResponse({
        method: request.method,
        route: request.routeOptions.url ?? null,
        status: reply.statusCode,
        body,
      });
    }
    if (request.fault?.kind === 'reset') {
      // The request ran (its write is applied); the client sees the connection drop instead of an answer.
      log(request, null);
      request.raw.socket?.destroy();
    }
    return payload;
  });

  api.addHook('onResponse', async (request, reply) => {
    if (request.fault?.kind !== 'reset') log(request, reply.statusCode);
  });
}

/** Attachment files, served like the web app serves them: `/attachments/:id?access_token=…`. */
function downloadRoute(app: FastifyInstance, ctx: SandboxContext): void {
  app.get('/attachments/:attachmentId', async (request, reply) => {
    authenticate(request);
    const { attachmentId } = request.params as { attachmentId: string };
    const attachment = ctx.store.attachments.get(attachmentId);
    if (!attachment) throw new ApiError(404, 'not_found', `No attachment with id "${attachmentId}".`);
    return reply
      .type(attachment.content_type)
      .header('content-disposition', `attachment; filename="${attachment.filename.replace(/"/g, '')}"`)
      .send(Buffer.from(attachment.data, 'base64'));
  });
}
