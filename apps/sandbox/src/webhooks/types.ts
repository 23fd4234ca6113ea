import type { FastifyRequest } from 'fastify';
import type { SandboxClock } from '../clock.ts';
import type { EventBus } from '../events.ts';

/**
 * What `webhook_status` reports. `active` stays the switch the user sets; the status says why a
 * webhook does or does not receive events:
 * - `pending_verification`: the handshake is under way; events are held until it ends.
 * - `enabled`: verified, receiving events.
 * - `verification_failed`: the handshake failed; `active` was turned off.
 * - `suspended`: too many consecutive failed deliveries; `active` stays true but nothing is sent.
 * - `inactive`: the user set `active: false` (RingCX's "disabled" is a failure state).
 */
export type WebhookStatus =
  'pending_verification' | 'enabled' | 'verification_failed' | 'suspended' | 'inactive';

/** A webhook as stored (and handed to the persistence hook). Plain JSON. */
export interface WebhookRecord {
  id: string;
  tokenId: string;
  userId: string;
  name: string;
  url: string;
  active: boolean;
  stagingUse: boolean;
  verifyToken: string | null;
  /** Write-only through the API: never rendered, logged or put in an error. */
  secret: string | null;
  registeredEvents: string[];
  status: WebhookStatus;
  /** Failed delivery attempts in a row; a 200 or an update resets it. */
  consecutiveFailures: number;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookPersistence {
  load(): WebhookRecord[];
  save(records: WebhookRecord[]): void;
}

/** What the API shows of the access token a webhook belongs to. */
export interface AccessTokenInfo {
  name?: string;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeps {
  /** Returns the caller's token and user, or throws the API's 401 error. */
  authenticate(request: FastifyRequest): { tokenId: string; userId: string };
  bus: EventBus;
  clock: SandboxClock;
  domainId: string;
  persistence?: WebhookPersistence;
  /**
   * Whether the token's user may read a source. Events whose metadata names a source the user
   * cannot read are not delivered to that token's webhooks. Without it, every event is deliverable.
   */
  canRead?(tokenId: string, sourceId: string): boolean;
  /** Dates (and name, for the default webhook name) of an access token; without it only `id` is shown. */
  describeToken?(tokenId: string): AccessTokenInfo | undefined;
}

export interface WebhookEngineOptions {
  /** Probability (0..1) that an acknowledged delivery is sent once more, unchanged. Default 0. */
  duplicateRate?: number;
  /** Send each batch as one delivery per event, newest first, one after the other. Default false. */
  reorder?: boolean;
  /** How long (real ms) events for one webhook are collected into one delivery. Default 20. */
  batchWindowMs?: number;
  /** Most events in one delivery. Default 20. */
  maxBatchSize?: number;
  /** Real ms before a handshake or delivery request counts as failed. Default 10000. */
  requestTimeoutMs?: number;
  /** Waits (API-time ms) before each retry; after the last one the delivery is dropped. */
  retrySchedule?: number[];
  /** Consecutive failed attempts that suspend a webhook. Default 10. */
  suspendAfterFailures?: number;
  /** Random source for `duplicateRate`; default Math.random. */
  random?: () => number;
}

export interface DeliveryLogEntry {
  kind: 'handshake' | 'delivery';
  webhookId: string;
  url: string;
  /** The payload's `id`; null for handshakes. */
  deliveryId: string | null;
  eventIds: string[];
  eventTypes: string[];
  /** 1 for the first try of this delivery (or handshake). */
  attempt: number;
  /** True for a copy sent by the duplicate-injection option. */
  duplicate: boolean;
  statusCode: number | null;
  /** Why the attempt failed or was not made ("timeout after 10000 ms", "ECONNREFUSED", …). */
  error: string | null;
  /**
   * Deliveries: `acknowledged` (answered 200), `retrying` (failed, another attempt is scheduled),
   * `dropped` (failed for good, or not sent because the webhook is gone, off or suspended).
   * Handshakes: `verified` or `verification_failed`.
   */
  outcome: 'acknowledged' | 'retrying' | 'dropped' | 'verified' | 'verification_failed';
  /** API-time ms until the next attempt, when one is scheduled. */
  nextAttemptInMs: number | null;
  /** Sandbox-clock time the attempt started. */
  startedAt: string;
  /** Real ms the request took. */
  durationMs: number;
  /** Real ms from the oldest event reaching the sandbox to the end of this attempt. */
  latencyMs: number;
}

export interface SettleOptions {
  /** Work due later than this (real ms from now) is not waited for. Default 1000. */
  horizonMs?: number;
}

export interface WebhookEngine {
  /** Handshakes and delivery attempts, oldest first (the most recent 1000). */
  deliveries(): DeliveryLogEntry[];
  /**
   * Resolves once no handshake or delivery is in flight or buffered, and no retry is due within
   * the horizon. With a fast time scale the whole retry schedule falls inside it.
   */
  settle(options?: SettleOptions): Promise<void>;
  /** Stops listening to events, abandons pending retries and waits for requests in flight. */
  stop(): Promise<void>;
  configure(options: WebhookEngineOptions): void;
  /** Deletes every webhook, forgets pending work and clears the log. */
  reset(): void;
}
