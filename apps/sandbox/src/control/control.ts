import type { TokenRegistry } from '../auth.ts';
import type { SandboxEvent } from '../events.ts';
import { importCustomerMessage, type CustomerMessageInput } from '../model/conversations.ts';
import type { SandboxContext } from '../model/context.ts';
import { renderContent, renderIdentity, renderThread } from '../model/render.ts';
import { buildSeed, type SeedName } from '../seed.ts';
import type { DeliveryLogEntry, WebhookEngine, WebhookEngineOptions } from '../webhooks/index.ts';
import type { FaultRegistry } from './faults.ts';
import type { RateLimiter } from './rate-limit.ts';
import type { RequestLog, RequestLogEntry } from './request-log.ts';

export interface SandboxInfo {
  name: string;
  url: string;
  base_url: string;
  /** The seed the data was last reset to, or `persisted` when loaded from the data file. */
  seed: SeedName | 'persisted';
  time_scale: number;
  rate_limit_per_minute: number;
  strict_replies: boolean;
  data_file: string | null;
  /** Token names and the users they act as; never their values. */
  tokens: { name: string; label: string; user_id: string }[];
  counts: Record<string, number>;
}

/** An API object as rendered, with the fields callers of the control API use most typed. */
type Rendered = Record<string, unknown> & { id: string };

export interface CustomerMessageView {
  content: Rendered & {
    thread_id: string;
    author_id: string;
    intervention_id: string | null;
    status: string;
  };
  thread: Rendered;
  identity: Rendered;
  new_thread: boolean;
}

/** Drives the sandbox from a test or the CLI: reset, simulate customers, inject faults, read logs. */
export interface SandboxControl {
  info(): SandboxInfo;
  /** Back to a seeded state (default: the seed the sandbox started with); webhooks, logs and faults are cleared. */
  reset(seed?: SeedName): Promise<void>;
  /** A customer writes: a new thread or a follow-up; fires `content.imported`. */
  customerMessage(input: CustomerMessageInput): CustomerMessageView;
  readonly faults: FaultRegistry;
  requests(limit?: number): RequestLogEntry[];
  clearRequests(): void;
  deliveries(): DeliveryLogEntry[];
  /** Events emitted since the last reset, oldest first (the most recent 1000). */
  events(limit?: number): SandboxEvent[];
  configureWebhooks(options: WebhookEngineOptions): void;
  /** Waits until background jobs (exports, thread jobs) and webhook work are done. */
  settle(): Promise<void>;
}

export interface ControlDeps {
  ctx: SandboxContext;
  tokens: TokenRegistry;
  faults: FaultRegistry;
  requestLog: RequestLog;
  rateLimiter: RateLimiter;
  webhooks(): WebhookEngine;
  settings: {
    url(): string;
    seed: SeedName | 'persisted';
    rateLimit: number;
    dataFile: string | null;
  };
}

const EVENT_LIMIT = 1000;

export function createControl(deps: ControlDeps): SandboxControl {
  const { ctx, tokens, faults, requestLog, rateLimiter } = deps;
  const startSeed: SeedName = deps.settings.seed === 'persisted' ? 'default' : deps.settings.seed;
  let seed = deps.settings.seed;
  let recent: SandboxEvent[] = [];
  ctx.bus.subscribe((event) => {
    recent.push(event);
    if (recent.length > EVENT_LIMIT) recent.splice(0, recent.length - EVENT_LIMIT);
  });

  return {
    info() {
      const url = deps.settings.url();
      const { store } = ctx;
      return {
        name: 'ringcx-sandbox',
        url,
        base_url: `${url}/1.0`,
        seed,
        time_scale: ctx.clock.timeScale,
        rate_limit_per_minute: deps.settings.rateLimit,
        strict_replies: ctx.behaviour.strictReplies,
        data_file: deps.settings.dataFile,
        tokens: tokens.tokens.map((token) => ({
          name: token.name,
          label: token.label,
          user_id: token.user_id,
        })),
        counts: {
          sources: store.sources.size,
          users: store.users.size,
          threads: store.threads.size,
          contents: store.contents.size,
          interventions: store.interventions.size,
          identities: store.identities.size,
        },
      };
    },
    async reset(name) {
      const target = name ?? startSeed;
      ctx.jobs.cancelAll();
      deps.webhooks().reset();
      ctx.store.replace(buildSeed(target));
      faults.clear();
      requestLog.clear();
      rateLimiter.clear();
      recent = [];
      seed = target;
    },
    customerMessage(input) {
      const result = importCustomerMessage(ctx, input);
      return {
        content: renderContent(ctx, result.content) as CustomerMessageView['content'],
        thread: renderThread(ctx, result.thread) as Rendered,
        identity: renderIdentity(result.identity) as Rendered,
        new_thread: result.new_thread,
      };
    },
    faults,
    requests: (limit) => requestLog.list(limit),
    clearRequests: () => requestLog.clear(),
    deliveries: () => deps.webhooks().deliveries(),
    events: (limit) => (limit === undefined ? [...recent] : recent.slice(-limit)),
    configureWebhooks: (options) => deps.webhooks().configure(options),
    async settle() {
      // A job may emit events the webhooks then deliver, and a delivery never starts a job.
      await ctx.jobs.settle();
      await deps.webhooks().settle();
    },
  };
}
