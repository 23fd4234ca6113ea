import { describe, expect, it, vi } from 'vitest';
import type { RingCxError } from '../errors.ts';
import { JsonDedupeStore, MemoryDedupeStore, type DedupeStore } from './dedupe.ts';
import { handleWebhookRequest, type WebhookHandlerOptions } from './handler.ts';
import {
  chatMessageEvent,
  delivery,
  interventionAssignedDelivery,
  interventionEvent,
} from './test-payloads.ts';
import type { WebhookDelivery, WebhookEvent } from './types.ts';

const secret = 'handler-secret-5b8e2c';
const verifyToken = 'handler-verify-token-31aa';

/** A receiver whose onEvents records what it was handed, and fails while `failing` is set. */
function receiver(overrides: Partial<WebhookHandlerOptions> = {}) {
  const handed: Array<{ events: WebhookEvent[]; delivery: WebhookDelivery }> = [];
  const errors: RingCxError[] = [];
  const control = { failing: false };
  const options: WebhookHandlerOptions = {
    verifyToken,
    secret,
    dedupe: new MemoryDedupeStore(),
    onEvents: (events, received) => {
      if (control.failing) throw new Error('queue unavailable');
      handed.push({ events, delivery: received });
    },
    onError: (error) => errors.push(error),
    ...overrides,
  };
  const post = (body: unknown, headers: Record<string, string> = { 'x-dimelo-secret': secret }) =>
    handleWebhookRequest({ method: 'POST', url: '/hook', headers, body }, options);
  return { options, handed, errors, control, post };
}

function threeEventDelivery() {
  return delivery([
    chatMessageEvent({}, { id: 'e1' }),
    interventionEvent('intervention.opened', 'e2'),
    chatMessageEvent({ body: 'second' }, { id: 'e3' }),
  ]);
}

describe('handleWebhookRequest: handshake', () => {
  it('answers GET with the challenge', async () => {
    const { options } = receiver();
    const url = `/hook?hub.mode=subscribe&hub.challenge=abc123&hub.verify_token=${verifyToken}`;
    const response = await handleWebhookRequest({ method: 'get', url }, options);
    expect(response).toMatchObject({ status: 200, body: 'abc123' });
  });

  it('refuses a wrong token with 403 and reports it', async () => {
    const { options, errors } = receiver();
    const response = await handleWebhookRequest(
      {
        method: 'GET',
        query: { 'hub.mode': 'subscribe', 'hub.challenge': 'abc', 'hub.verify_token': 'guess' },
      },
      options,
    );
    expect(response.status).toBe(403);
    expect(errors.map((error) => [error.kind, error.status])).toEqual([['webhook', 403]]);
  });
});

describe('handleWebhookRequest: deliveries', () => {
  it('hands a batched delivery over as its events, in order, then answers 200 with an empty body', async () => {
    const { post, handed } = receiver();
    const response = await post(JSON.stringify(threeEventDelivery()));
    expect(response).toMatchObject({ status: 200, body: '' });
    expect(handed).toHaveLength(1);
    expect(handed[0]!.events.map((event) => event.id)).toEqual(['e1', 'e2', 'e3']);
    expect(handed[0]!.delivery).toMatchObject({
      id: 'bda9269a261a4a489952c104',
      domain_id: '5dd2be0e103cc800092e184c',
    });
  });

  it('answers a duplicate delivery 200 without handing it over again', async () => {
    const { post, handed } = receiver();
    const body = Buffer.from(JSON.stringify(interventionAssignedDelivery()));
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    expect(handed).toHaveLength(1);
  });

  it('hands over only the events not seen before when a retry is rebatched', async () => {
    const { post, handed } = receiver();
    await post(delivery([chatMessageEvent({}, { id: 'e1' })], 'first'));
    await post(threeEventDelivery());
    expect(handed.map((entry) => entry.events.map((event) => event.id))).toEqual([['e1'], ['e2', 'e3']]);
  });

  it('answers 500 when onEvents fails, does not mark the events seen, and succeeds on the retry', async () => {
    const { post, handed, errors, control } = receiver();
    const body = threeEventDelivery();
    control.failing = true;
    const failed = await post(body);
    expect(failed.status).toBe(500);
    expect(failed.body).not.toContain('queue unavailable');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'webhook', status: 500, retryable: true });
    expect(errors[0]!.message).toMatch(
      /Handing over webhook delivery bda9269a261a4a489952c104 failed: queue unavailable/,
    );

    control.failing = false;
    expect((await post(body)).status).toBe(200);
    expect(handed[0]!.events).toHaveLength(3);
    expect((await post(body)).status).toBe(200);
    expect(handed).toHaveLength(1);
  });

  it('answers 200 without calling onEvents for a delivery with no events', async () => {
    const { post, handed } = receiver();
    expect(await post(delivery([]))).toMatchObject({ status: 200, body: '' });
    expect(handed).toHaveLength(0);
  });

  it('hands over a concurrent copy of a delivery once', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const firstStarted = new Promise<void>((resolve) => (started = resolve));
    const onEvents = vi.fn(async () => {
      started();
      await blocked;
    });
    const { post } = receiver({ onEvents });
    const first = post(interventionAssignedDelivery());
    await firstStarted;
    const second = post(interventionAssignedDelivery());
    // Let the second request run as far as it can before the first one finishes.
    for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
    release();
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    expect(onEvents).toHaveBeenCalledTimes(1);
  });

  it('hands every copy over when deduplication is off', async () => {
    const { post, handed } = receiver({ dedupe: null });
    await post(interventionAssignedDelivery());
    await post(interventionAssignedDelivery());
    expect(handed).toHaveLength(2);
  });

  it('keeps the seen ids in a caller-owned JSON state, only after a successful hand-over', async () => {
    const staticData: Record<string, unknown> = {};
    const { post, control } = receiver({ dedupe: new JsonDedupeStore(staticData) });
    control.failing = true;
    await post(interventionAssignedDelivery());
    expect(staticData).toEqual({});
    control.failing = false;
    await post(interventionAssignedDelivery());
    expect(staticData.ringcxSeenEvents).toEqual([['70d340997b8cd2c6f4dfee22', expect.any(Number)]]);
  });

  it('still answers 200 when the store fails to save after a hand-over, and says so', async () => {
    const store: DedupeStore = {
      has: async () => false,
      add: async () => {
        throw new Error('disk full');
      },
    };
    const { post, handed, errors } = receiver({ dedupe: store });
    expect((await post(interventionAssignedDelivery())).status).toBe(200);
    expect(handed).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/was handed over, but saving its event ids failed: disk full/);
  });

  it('answers 500 when the store cannot be read, so RingCX retries', async () => {
    const store: DedupeStore = {
      has: () => Promise.reject(new Error('redis down')),
      add: () => undefined,
    };
    const { post, handed, errors } = receiver({ dedupe: store });
    const response = await post(interventionAssignedDelivery());
    expect(response.status).toBe(500);
    expect(response.body).not.toContain('redis down');
    expect(handed).toHaveLength(0);
    expect(errors[0]!.message).toMatch(/redis down/);
  });
});

describe('handleWebhookRequest: refusals', () => {
  it.each([
    ['no secret header', {}, /Missing X-Dimelo-Secret/],
    ['a wrong secret', { 'x-dimelo-secret': 'handler-secret-5b8e2d' }, /Wrong X-Dimelo-Secret/],
  ])('answers 401 for %s without reading the delivery', async (_, headers, reason) => {
    const { post, handed } = receiver();
    const response = await post(interventionAssignedDelivery(), headers);
    expect(response.status).toBe(401);
    expect(response.body).toMatch(reason);
    expect(handed).toHaveLength(0);
  });

  it('accepts deliveries without a header when no secret is configured', async () => {
    const { post } = receiver({ secret: undefined });
    expect((await post(interventionAssignedDelivery(), {})).status).toBe(200);
  });

  it('answers 400 naming the problem for a malformed delivery', async () => {
    const { post, errors } = receiver();
    const response = await post('{"id":"d1","domain_id":"x","events":[{"type":"content.imported"}]}');
    expect(response.status).toBe(400);
    expect(response.body).toMatch(/^Invalid RingCX webhook delivery: events\[0\].id is missing;/);
    expect(errors[0]!.status).toBe(400);
  });

  it('answers 405 to other methods', async () => {
    const response = await handleWebhookRequest({ method: 'PUT' }, receiver().options);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, POST');
  });

  it('never puts the secret or the verify token in a response or a reported error', async () => {
    const { post, errors, options } = receiver({
      onEvents: () => {
        throw new Error(`upstream refused secret ${secret} and token ${verifyToken}`);
      },
    });
    const responses = [
      await post(interventionAssignedDelivery()),
      await post(interventionAssignedDelivery(), { 'x-dimelo-secret': `${secret}x` }),
      await post('not json'),
      await handleWebhookRequest(
        { method: 'GET', url: '/hook?hub.mode=subscribe&hub.challenge=c&hub.verify_token=x' },
        options,
      ),
    ];
    expect(errors).toHaveLength(4);
    expect(errors[0]!.message).toContain('upstream refused secret [REDACTED] and token [REDACTED]');
    const everything = JSON.stringify({
      responses,
      errors: errors.map((error) => [error.message, error.toJSON()]),
    });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(verifyToken);
  });
});
