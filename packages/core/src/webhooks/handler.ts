import { isRingCxError, registerSecret, RingCxError } from '../errors.ts';
import type { DedupeStore } from './dedupe.ts';
import { verifyHandshake, type HandshakeOptions } from './handshake.ts';
import { parseDelivery } from './parse.ts';
import { readHeader, type WebhookRequest } from './request.ts';
import { refusalResponse, textResponse, webhookRefusal, type WebhookResponse } from './response.ts';
import { assertSecret, SECRET_HEADER } from './secret.ts';
import type { WebhookDelivery, WebhookEvent } from './types.ts';

export interface WebhookHandlerOptions extends HandshakeOptions {
  /**
   * Hands the events over, e.g. emits them into the workflow. Receives only the events not handed over
   * before, in delivery order, and the whole delivery. The delivery is acknowledged (200) only once
   * this resolves; when it throws, the answer is 500 and RingCX sends the delivery again later.
   * RingCX counts slow answers as failures: do little here and queue long work.
   */
  onEvents: (events: WebhookEvent[], delivery: WebhookDelivery) => void | Promise<void>;
  /** Where handed-over event ids are remembered. `null` turns deduplication off. */
  dedupe: DedupeStore | null;
  /**
   * Told about every request not answered 200 (and a dedupe store that failed to save), as a
   * `RingCxError` of kind `webhook` whose `status` is the answer sent. Safe to log: no credentials.
   */
  onError?: (error: RingCxError) => void;
}

/** The body of every 500: RingCX only reads the status, and internals stay private. */
const FAILED_BODY = 'The receiver could not process the events; RingCX will send them again.';

/**
 * Answers one request to a webhook URL, whatever framework received it:
 *
 * - **GET**: the handshake (see `verifyHandshake`): 200 with the challenge, or 400/401/403.
 * - **POST**: a delivery. In order: the `X-Dimelo-Secret` header when a secret is configured (401 if
 *   missing or wrong; no secret configured means no check) → parsing (400 naming what is wrong) →
 *   deduplication by event id → `onEvents` with the new events → **200 with an empty body** once it
 *   resolved, and only then are the events remembered as seen. A delivery whose events were all seen
 *   answers 200 without calling `onEvents`. If `onEvents` throws, the answer is 500 so RingCX retries.
 *   A request carrying an event that another request is still handing over waits for it to finish,
 *   then checks again, so two concurrent copies of a delivery run `onEvents` once (within a process,
 *   for requests given the same store object).
 * - Any other method: 405.
 *
 * Never throws: every failure becomes a response (and a call to `onError`). Every 500 has the same
 * generic body, so nothing of the caller's errors leaves the process.
 */
export async function handleWebhookRequest(
  request: WebhookRequest,
  options: WebhookHandlerOptions,
): Promise<WebhookResponse> {
  registerSecret(options.secret);
  registerSecret(options.verifyToken);
  try {
    const method = request.method.toUpperCase();
    if (method === 'GET') return textResponse(200, verifyHandshake(request, options));
    if (method === 'POST') return await receiveDelivery(request, options);
    throw webhookRefusal(
      405,
      `Method ${method.slice(0, 10)} not allowed: RingCX sends GET (handshake) and POST (deliveries).`,
    );
  } catch (error) {
    if (!isRingCxError(error, 'webhook')) {
      options.onError?.(failure(500, 'Receiving a webhook request failed', error));
      return textResponse(500, FAILED_BODY);
    }
    options.onError?.(error);
    const response = refusalResponse(error);
    if (error.status === 405) response.headers.allow = 'GET, POST';
    return response;
  }
}

async function receiveDelivery(
  request: WebhookRequest,
  options: WebhookHandlerOptions,
): Promise<WebhookResponse> {
  if (options.secret) assertSecret(readHeader(request.headers, SECRET_HEADER), options.secret);
  const delivery = parseDelivery(request.body);
  const store = options.dedupe;
  const ids = delivery.events.map((event) => event.id);
  const release = store ? await claim(store, ids) : undefined;
  try {
    const seen = store ? await Promise.all(ids.map((id) => store.has(id))) : [];
    const fresh = delivery.events.filter((_, index) => !seen[index]);
    if (fresh.length === 0) return textResponse(200, '');
    try {
      await options.onEvents(fresh, delivery);
    } catch (error) {
      options.onError?.(
        failure(
          500,
          `Handing over webhook delivery ${delivery.id} failed`,
          error,
          'RingCX sends the delivery again later; the events are not marked as seen.',
        ),
      );
      return textResponse(500, FAILED_BODY);
    }
    await remember(store, fresh, delivery, options);
    return textResponse(200, '');
  } finally {
    release?.();
  }
}

/** A store that fails after a successful hand-over must not turn it into a retry (a second run). */
async function remember(
  store: DedupeStore | null,
  events: readonly WebhookEvent[],
  delivery: WebhookDelivery,
  options: WebhookHandlerOptions,
): Promise<void> {
  try {
    await store?.add(events.map((event) => event.id));
  } catch (error) {
    options.onError?.(
      failure(
        200,
        `Webhook delivery ${delivery.id} was handed over, but saving its event ids failed`,
        error,
        'A copy of this delivery sent again would be handed over again; check the dedupe store.',
      ),
    );
  }
}

/** Event ids being handed over right now, per store. Only coordinates requests within this process. */
const inFlight = new WeakMap<DedupeStore, Map<string, Promise<void>>>();

/**
 * Waits until no other request holds any of these ids, then holds them all until released. Holding
 * happens synchronously after the last check, and a holder never waits, so requests cannot deadlock.
 */
async function claim(store: DedupeStore, ids: readonly string[]): Promise<() => void> {
  let running = inFlight.get(store);
  if (!running) inFlight.set(store, (running = new Map()));
  for (;;) {
    const held = ids.map((id) => running.get(id)).filter((promise) => promise !== undefined);
    if (held.length === 0) break;
    await Promise.all(held);
  }
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  for (const id of ids) running.set(id, done);
  return () => {
    for (const id of ids) if (running.get(id) === done) running.delete(id);
    release();
  };
}

/** A failure of the receiver or of the caller's code, reported with `status` as the answer sent. */
function failure(status: number, what: string, cause: unknown, hint?: string): RingCxError {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new RingCxError({
    kind: 'webhook',
    status,
    message: `${what}: ${reason}`,
    hint,
    retryable: status >= 500,
    cause,
  });
}
