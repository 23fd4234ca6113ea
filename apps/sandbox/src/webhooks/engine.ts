import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { SandboxEvent } from '../events.ts';
import { newId } from '../ids.ts';
import { sendToEndpoint, type OutboundResult } from './outbound.ts';
import type { WebhookStore } from './store.ts';
import type {
  DeliveryLogEntry,
  SettleOptions,
  WebhookDeps,
  WebhookEngine,
  WebhookEngineOptions,
  WebhookRecord,
} from './types.ts';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

/** The documented schedule: retried 5 times over about 3 hours (~32 s, ~4 min, ~17 min, ~52 min, ~2 h). */
export const DEFAULT_RETRY_SCHEDULE: readonly number[] = [
  32 * SECOND,
  4 * MINUTE,
  17 * MINUTE,
  52 * MINUTE,
  120 * MINUTE,
];

const DEFAULT_OPTIONS: Required<WebhookEngineOptions> = {
  duplicateRate: 0,
  reorder: false,
  batchWindowMs: 20,
  maxBatchSize: 20,
  requestTimeoutMs: 10 * SECOND,
  retrySchedule: [...DEFAULT_RETRY_SCHEDULE],
  suspendAfterFailures: 10,
  random: Math.random,
};

const LOG_LIMIT = 1000;

interface Delivery {
  /** The payload's `id`, the same on every retry so receivers can drop repeats. */
  id: string;
  webhookId: string;
  events: SandboxEvent[];
  body: string;
  attempts: number;
  /** Real time the oldest event reached the engine. */
  receivedAt: number;
}

interface Batch {
  events: SandboxEvent[];
  receivedAt: number;
  timer: Timer;
}

interface Timer {
  /** Real time (performance.now) it fires. */
  due: number;
  cancel(): void;
}

type Hook = Readonly<WebhookRecord>;

/** Whether events are (or will be, once verified) sent to this webhook. */
function receivesEvents(hook: Hook): boolean {
  return hook.active && (hook.status === 'enabled' || hook.status === 'pending_verification');
}

function sourceOf(event: SandboxEvent): string | undefined {
  const { source_id: sourceId, content_source_id: contentSourceId } = event.resource.metadata;
  if (typeof sourceId === 'string') return sourceId;
  return typeof contentSourceId === 'string' ? contentSourceId : undefined;
}

function secretHeader(hook: Hook): Record<string, string> {
  return hook.secret ? { 'X-Dimelo-Secret': hook.secret } : {};
}

/** The event as the API sends it: `user_id` and `action` only when present. */
function toWire(event: SandboxEvent): Record<string, unknown> {
  return {
    type: event.type,
    id: event.id,
    ...(event.user_id === undefined ? {} : { user_id: event.user_id }),
    ...(event.action === undefined ? {} : { action: event.action }),
    resource: event.resource,
    issued_at: event.issued_at,
  };
}

function describeStatus(result: OutboundResult): string | null {
  if (result.error !== null) return result.error;
  return result.statusCode === 200 ? null : `expected status 200, got ${result.statusCode}`;
}

/**
 * Sends handshakes and deliveries. Created by `registerWebhookRoutes`, which tells it when a
 * webhook is created, changed or deleted.
 */
export class WebhookDispatcher implements WebhookEngine {
  private options: Required<WebhookEngineOptions> = { ...DEFAULT_OPTIONS };
  private readonly batches = new Map<string, Batch>();
  /** Deliveries waiting for their webhook's handshake to end. */
  private readonly held = new Map<string, Delivery[]>();
  /** Webhook id → the handshake whose answer counts; an older one's answer is ignored. */
  private readonly handshakes = new Map<string, number>();
  private handshakeCount = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly timers = new Set<Timer>();
  private waiters: (() => void)[] = [];
  private log: DeliveryLogEntry[] = [];
  private aborter = new AbortController();
  /** Bumped by reset and stop so that answers to requests sent before are ignored. */
  private epoch = 0;
  private stopped = false;
  private readonly unsubscribe: () => void;

  private readonly store: WebhookStore;
  private readonly deps: WebhookDeps;

  constructor(store: WebhookStore, deps: WebhookDeps) {
    this.store = store;
    this.deps = deps;
    this.unsubscribe = deps.bus.subscribe((event) => this.accept(event));
    // A handshake cut short by a restart is run again.
    for (const hook of store.all()) {
      if (hook.active && hook.status === 'pending_verification') this.verify(hook.id);
    }
  }

  deliveries(): DeliveryLogEntry[] {
    return this.log.slice();
  }

  async settle(options: SettleOptions = {}): Promise<void> {
    const horizonMs = options.horizonMs ?? 1000;
    for (;;) {
      const limit = performance.now() + horizonMs;
      const busy = this.inFlight.size > 0 || [...this.timers].some((timer) => timer.due <= limit);
      if (!busy || this.stopped) return;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.unsubscribe();
    this.forgetPendingWork();
    await Promise.all([...this.inFlight]);
  }

  configure(options: WebhookEngineOptions): void {
    const { duplicateRate, retrySchedule, suspendAfterFailures, maxBatchSize } = options;
    if (duplicateRate !== undefined && !(duplicateRate >= 0 && duplicateRate <= 1)) {
      throw new RangeError(`duplicateRate must be between 0 and 1, got ${duplicateRate}`);
    }
    if (retrySchedule?.some((ms) => !(ms >= 0))) {
      throw new RangeError('retrySchedule must list waits in milliseconds, each 0 or more');
    }
    if (suspendAfterFailures !== undefined && !(suspendAfterFailures >= 1)) {
      throw new RangeError(`suspendAfterFailures must be 1 or more, got ${suspendAfterFailures}`);
    }
    if (maxBatchSize !== undefined && !(maxBatchSize >= 1)) {
      throw new RangeError(`maxBatchSize must be 1 or more, got ${maxBatchSize}`);
    }
    const defined = Object.entries(options).filter(([, value]) => value !== undefined);
    this.options = { ...this.options, ...Object.fromEntries(defined) };
  }

  reset(): void {
    this.forgetPendingWork();
    this.aborter = new AbortController();
    this.log = [];
    this.store.clear();
  }

  /** After a create or update: verify an active webhook, or let go of what waited for it. */
  changed(webhookId: string): void {
    const hook = this.store.get(webhookId);
    if (hook?.active) {
      this.verify(webhookId);
    } else {
      this.handshakes.delete(webhookId);
      this.release(webhookId);
    }
  }

  /** After a delete: what was buffered or held for it is dropped. */
  deleted(webhookId: string): void {
    this.handshakes.delete(webhookId);
    const batch = this.batches.get(webhookId);
    if (batch) {
      this.batches.delete(webhookId);
      this.cancel(batch.timer);
    }
    this.release(webhookId);
  }

  private forgetPendingWork(): void {
    this.epoch += 1;
    this.aborter.abort();
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.batches.clear();
    this.held.clear();
    this.handshakes.clear();
    this.notify();
  }

  private accept(event: SandboxEvent): void {
    const sourceId = sourceOf(event);
    for (const hook of this.store.all()) {
      if (!receivesEvents(hook) || !hook.registeredEvents.includes(event.type)) continue;
      if (sourceId !== undefined && this.deps.canRead && !this.deps.canRead(hook.tokenId, sourceId)) continue;
      this.enqueue(hook.id, event);
    }
  }

  private enqueue(webhookId: string, event: SandboxEvent): void {
    let batch = this.batches.get(webhookId);
    if (!batch) {
      const windowMs = this.options.batchWindowMs;
      const timer = this.startTimer(
        windowMs,
        (fire) => {
          const handle = setTimeout(fire, windowMs);
          return () => clearTimeout(handle);
        },
        () => this.flush(webhookId),
      );
      batch = { events: [], receivedAt: performance.now(), timer };
      this.batches.set(webhookId, batch);
    }
    batch.events.push(event);
    if (batch.events.length >= this.options.maxBatchSize) this.flush(webhookId);
  }

  private flush(webhookId: string): void {
    const batch = this.batches.get(webhookId);
    if (!batch) return;
    this.batches.delete(webhookId);
    this.cancel(batch.timer);
    if (!this.options.reorder) {
      void this.attempt(this.newDelivery(webhookId, batch.events, batch.receivedAt));
      return;
    }
    // Newest first, each waiting for the previous one's answer, so the receiver sees them reversed.
    const deliveries = batch.events
      .slice()
      .reverse()
      .map((event) => this.newDelivery(webhookId, [event], batch.receivedAt));
    void this.track(
      (async () => {
        for (const delivery of deliveries) await this.attempt(delivery);
      })(),
    );
  }

  private newDelivery(webhookId: string, events: SandboxEvent[], receivedAt: number): Delivery {
    const id = newId(this.deps.clock.now());
    const body = JSON.stringify({ id, domain_id: this.deps.domainId, events: events.map(toWire) });
    return { id, webhookId, events, body, attempts: 0, receivedAt };
  }

  /** One try of a delivery; resolves when its answer is handled (not when it is acknowledged). */
  private attempt(delivery: Delivery): Promise<void> {
    const hook = this.store.get(delivery.webhookId);
    if (hook?.active && hook.status === 'pending_verification') {
      this.held.set(hook.id, [...(this.held.get(hook.id) ?? []), delivery]);
      return Promise.resolve();
    }
    if (!hook || !receivesEvents(hook)) {
      const reason = hook
        ? `not sent: the webhook is ${hook.active ? hook.status : 'inactive'}`
        : 'not sent: the webhook was deleted';
      this.record(delivery, hook?.url ?? '', delivery.attempts, { outcome: 'dropped', error: reason });
      return Promise.resolve();
    }
    delivery.attempts += 1;
    const attempt = delivery.attempts;
    const startedAt = this.deps.clock.now().toISOString();
    const epoch = this.epoch;
    const request = this.post(hook, delivery.body).then((result) => {
      if (epoch === this.epoch) this.handleAnswer(delivery, hook.url, attempt, startedAt, result);
    });
    return this.track(request);
  }

  private post(hook: Hook, body: string): Promise<OutboundResult> {
    return sendToEndpoint({
      method: 'POST',
      url: hook.url,
      headers: { 'Content-Type': 'application/json', ...secretHeader(hook) },
      body,
      timeoutMs: this.options.requestTimeoutMs,
      signal: this.aborter.signal,
    });
  }

  private handleAnswer(
    delivery: Delivery,
    url: string,
    attempt: number,
    startedAt: string,
    result: OutboundResult,
  ): void {
    const failure = describeStatus(result);
    const hook = this.store.get(delivery.webhookId);
    const timing = { startedAt, durationMs: result.durationMs, statusCode: result.statusCode };
    if (failure === null) {
      if (hook && hook.consecutiveFailures > 0) this.store.update(hook.id, { consecutiveFailures: 0 });
      this.record(delivery, url, attempt, { ...timing, outcome: 'acknowledged' });
      if (this.options.duplicateRate > 0 && this.options.random() < this.options.duplicateRate) {
        this.sendDuplicate(delivery);
      }
      return;
    }
    let stillReceiving = false;
    if (hook) {
      const failures = hook.consecutiveFailures + 1;
      const suspend = hook.status === 'enabled' && failures >= this.options.suspendAfterFailures;
      const updated = this.store.update(hook.id, {
        consecutiveFailures: failures,
        ...(suspend ? { status: 'suspended' as const } : {}),
      });
      stillReceiving = updated !== undefined && receivesEvents(updated);
    }
    const wait = this.options.retrySchedule[attempt - 1];
    if (wait === undefined || !stillReceiving) {
      const after = this.store.get(delivery.webhookId);
      const why = !after
        ? 'the webhook was deleted'
        : !stillReceiving
          ? `the webhook is ${after.status}`
          : 'retries exhausted';
      this.record(delivery, url, attempt, {
        ...timing,
        outcome: 'dropped',
        error: `${failure}; not retried: ${why}`,
      });
      return;
    }
    this.record(delivery, url, attempt, {
      ...timing,
      outcome: 'retrying',
      error: failure,
      nextAttemptInMs: wait,
    });
    const realWait = wait / this.deps.clock.timeScale;
    this.startTimer(
      realWait,
      (fire) => {
        const timer = this.deps.clock.setTimeout(fire, wait);
        return () => timer.cancel();
      },
      () => void this.attempt(delivery),
    );
  }

  /** At-least-once, made visible: the same payload (same `id`) once more, without retries. */
  private sendDuplicate(delivery: Delivery): void {
    const hook = this.store.get(delivery.webhookId);
    if (!hook) return;
    const startedAt = this.deps.clock.now().toISOString();
    const epoch = this.epoch;
    void this.track(
      this.post(hook, delivery.body).then((result) => {
        if (epoch !== this.epoch) return;
        const error = describeStatus(result);
        this.record(delivery, hook.url, delivery.attempts, {
          startedAt,
          durationMs: result.durationMs,
          statusCode: result.statusCode,
          duplicate: true,
          outcome: error === null ? 'acknowledged' : 'dropped',
          error,
        });
      }),
    );
  }

  private verify(webhookId: string): void {
    const hook = this.store.update(webhookId, { status: 'pending_verification' });
    if (!hook) return;
    const handshake = ++this.handshakeCount;
    this.handshakes.set(webhookId, handshake);
    const challenge = randomBytes(16).toString('hex');
    const url = new URL(hook.url);
    url.searchParams.set('hub.mode', 'subscribe');
    url.searchParams.set('hub.challenge', challenge);
    url.searchParams.set('hub.verify_token', hook.verifyToken ?? '');
    const startedAt = this.deps.clock.now().toISOString();
    const began = performance.now();
    const request = sendToEndpoint({
      method: 'GET',
      url: url.href,
      // The guide tells receivers to check for a JSON content type on this request too.
      headers: { 'Content-Type': 'application/json', ...secretHeader(hook) },
      timeoutMs: this.options.requestTimeoutMs,
      signal: this.aborter.signal,
    }).then((result) => {
      if (this.handshakes.get(webhookId) !== handshake) return;
      this.handshakes.delete(webhookId);
      const error =
        describeStatus(result) ?? (result.body === challenge ? null : describeWrongBody(result.body));
      const updated = this.store.update(
        webhookId,
        error === null
          ? { status: 'enabled', consecutiveFailures: 0 }
          : { active: false, status: 'verification_failed' },
      );
      if (!updated) return;
      this.append({
        kind: 'handshake',
        webhookId,
        url: hook.url,
        deliveryId: null,
        eventIds: [],
        eventTypes: [],
        attempt: 1,
        duplicate: false,
        statusCode: result.statusCode,
        error,
        outcome: error === null ? 'verified' : 'verification_failed',
        nextAttemptInMs: null,
        startedAt,
        durationMs: result.durationMs,
        latencyMs: performance.now() - began,
      });
      this.release(webhookId);
    });
    void this.track(request);
  }

  /** Deliveries held during a handshake go out now, or are logged as dropped. */
  private release(webhookId: string): void {
    const held = this.held.get(webhookId);
    if (!held) return;
    this.held.delete(webhookId);
    for (const delivery of held) void this.attempt(delivery);
  }

  private record(
    delivery: Delivery,
    url: string,
    attempt: number,
    details: Partial<DeliveryLogEntry> & Pick<DeliveryLogEntry, 'outcome'>,
  ): void {
    this.append({
      kind: 'delivery',
      webhookId: delivery.webhookId,
      url,
      deliveryId: delivery.id,
      eventIds: delivery.events.map((event) => event.id),
      eventTypes: delivery.events.map((event) => event.type),
      attempt,
      duplicate: false,
      statusCode: null,
      error: null,
      nextAttemptInMs: null,
      startedAt: this.deps.clock.now().toISOString(),
      durationMs: 0,
      latencyMs: performance.now() - delivery.receivedAt,
      ...details,
    });
  }

  private append(entry: DeliveryLogEntry): void {
    this.log.push(entry);
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }

  /** `arm` starts the underlying timer and returns how to cancel it. */
  private startTimer(realDelayMs: number, arm: (fire: () => void) => () => void, task: () => void): Timer {
    const fire = (): void => {
      if (!this.timers.delete(timer)) return;
      task();
      this.notify();
    };
    const timer: Timer = { due: performance.now() + realDelayMs, cancel: arm(fire) };
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: Timer): void {
    timer.cancel();
    if (this.timers.delete(timer)) this.notify();
  }

  private track(work: Promise<void>): Promise<void> {
    const done = work.catch((error: unknown) => {
      console.error('webhook engine: unexpected failure', error instanceof Error ? error.message : error);
    });
    this.inFlight.add(done);
    void done.then(() => {
      this.inFlight.delete(done);
      this.notify();
    });
    return done;
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

function describeWrongBody(body: string): string {
  const shown = body.length > 60 ? `${body.slice(0, 60)}…` : body;
  return `the body must be exactly the hub.challenge value, got ${JSON.stringify(shown)}`;
}
