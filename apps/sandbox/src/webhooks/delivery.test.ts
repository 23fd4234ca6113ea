import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_SCHEDULE } from './engine.ts';
import { correctEndpoint, startApi, startReceiver, type Receiver, type TestApi } from './test-harness.ts';

let api: TestApi;
let receiver: Receiver;

beforeEach(async () => {
  receiver = await startReceiver();
});

afterEach(async () => {
  await api.close();
  await receiver.close();
});

/** Answers the handshake, then each POST with the next status of `statuses` (200 once they run out). */
function answerPosts(...statuses: number[]): void {
  receiver.respond = (request) =>
    request.method === 'GET' ? correctEndpoint(request) : { status: statuses.shift() ?? 200 };
}

describe('deliveries', () => {
  it('POST the documented payload as JSON with the secret, only for registered events', async () => {
    api = await startApi();
    await api.createWebhook({
      url: receiver.url,
      registered_events: ['content.imported'],
      secret: 'hook-secret',
    });
    api.emit('intervention.opened', { source_id: 's1' });
    const event = api.bus.emit({
      type: 'content.imported',
      user_id: 'u9u9u9u9u9u9u9u9u9u9u9u9',
      resource: {
        type: 'message',
        id: 'c1c1c1c1c1c1c1c1c1c1c1c1',
        metadata: { source_id: 's1', first_in_thread: true },
      },
    });
    await api.engine.settle();

    const posts = receiver.requests.filter((request) => request.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers['content-type']).toBe('application/json');
    expect(posts[0]?.headers['x-dimelo-secret']).toBe('hook-secret');
    expect(JSON.parse(posts[0]!.body)).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      domain_id: 'd0d0d0d0d0d0d0d0d0d0d0d0',
      events: [
        {
          type: 'content.imported',
          id: event.id,
          user_id: 'u9u9u9u9u9u9u9u9u9u9u9u9',
          resource: {
            type: 'message',
            id: 'c1c1c1c1c1c1c1c1c1c1c1c1',
            metadata: { source_id: 's1', first_in_thread: true },
          },
          issued_at: event.issued_at,
        },
      ],
    });
    expect(api.engine.deliveries().at(-1)).toMatchObject({
      kind: 'delivery',
      deliveryId: JSON.parse(posts[0]!.body).id,
      eventIds: [event.id],
      eventTypes: ['content.imported'],
      attempt: 1,
      statusCode: 200,
      outcome: 'acknowledged',
      url: receiver.url,
    });
  });

  it('send each webhook its own copy', async () => {
    api = await startApi();
    await api.createWebhook({ url: `${receiver.url}/a`, registered_events: ['content.imported'] });
    await api.createWebhook({ url: `${receiver.url}/b`, registered_events: ['content.imported'] }, 'bob');
    api.emit('content.imported');
    await api.engine.settle();
    const paths = receiver.requests
      .filter((request) => request.method === 'POST')
      .map((request) => request.url.pathname);
    expect(paths.sort()).toEqual(['/hook/a', '/hook/b']);
  });

  it("skip events from sources the token's user cannot read", async () => {
    api = await startApi({ canRead: (_tokenId, sourceId) => sourceId !== 'hidden' });
    await api.createWebhook({
      url: receiver.url,
      registered_events: ['content.imported', 'intervention_segment.summary_generated'],
    });
    const visible = api.emit('content.imported', { source_id: 'visible' });
    api.emit('content.imported', { source_id: 'hidden' });
    api.emit('intervention_segment.summary_generated', { content_source_id: 'hidden' });
    const sourceless = api.emit('content.imported');
    await api.engine.settle();
    const delivered = receiver.deliveries().flatMap((delivery) => delivery.events.map((event) => event.id));
    expect(delivered).toEqual([visible.id, sourceless.id]);
  });

  it('batch events that arrive together, up to the batch size', async () => {
    api = await startApi({ engine: { maxBatchSize: 2 } });
    await api.createWebhook({
      url: receiver.url,
      registered_events: ['content.imported', 'content.replied'],
    });
    const events = [api.emit('content.imported'), api.emit('content.replied'), api.emit('content.imported')];
    await api.engine.settle();
    expect(receiver.deliveries().map((delivery) => delivery.events.map((event) => event.id))).toEqual([
      [events[0]!.id, events[1]!.id],
      [events[2]!.id],
    ]);
  });

  it('stop for a webhook that is switched off or deleted', async () => {
    api = await startApi();
    const off = await api.createWebhook({
      url: `${receiver.url}/off`,
      registered_events: ['content.imported'],
    });
    const gone = await api.createWebhook({
      url: `${receiver.url}/gone`,
      registered_events: ['content.imported'],
    });
    await api.call('PUT', `/webhooks/${off.id}`, { json: { active: false } });
    await api.call('DELETE', `/webhooks/${gone.id}`);
    api.emit('content.imported');
    await api.engine.settle();
    expect(receiver.deliveries()).toEqual([]);
  });
});

describe('retries', () => {
  it('resend the same payload on the scaled schedule until a 200', async () => {
    api = await startApi();
    answerPosts(500, 503);
    await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    api.emit('content.imported');
    await api.engine.settle();

    const bodies = receiver.requests
      .filter((request) => request.method === 'POST')
      .map((request) => request.body);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    const attempts = api.engine.deliveries().filter((entry) => entry.kind === 'delivery');
    expect(
      attempts.map(({ attempt, statusCode, outcome, nextAttemptInMs }) => ({
        attempt,
        statusCode,
        outcome,
        nextAttemptInMs,
      })),
    ).toEqual([
      { attempt: 1, statusCode: 500, outcome: 'retrying', nextAttemptInMs: 32_000 },
      { attempt: 2, statusCode: 503, outcome: 'retrying', nextAttemptInMs: 240_000 },
      { attempt: 3, statusCode: 200, outcome: 'acknowledged', nextAttemptInMs: null },
    ]);
  });

  it('give up after the five documented retries', async () => {
    api = await startApi({ engine: { suspendAfterFailures: 100 } });
    answerPosts(...Array<number>(10).fill(502));
    await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    api.emit('content.imported');
    await api.engine.settle();

    expect(receiver.deliveries()).toHaveLength(DEFAULT_RETRY_SCHEDULE.length + 1);
    expect(api.engine.deliveries().at(-1)).toMatchObject({
      attempt: 6,
      outcome: 'dropped',
      error: 'expected status 200, got 502; not retried: retries exhausted',
    });
  });

  it('count a slow answer as a failure', async () => {
    api = await startApi({ engine: { requestTimeoutMs: 100 } });
    let posts = 0;
    receiver.respond = (request) =>
      request.method === 'GET' ? correctEndpoint(request) : ++posts === 1 ? 'hang' : { status: 200 };
    await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    api.emit('content.imported');
    await api.engine.settle();
    const attempts = api.engine.deliveries().filter((entry) => entry.kind === 'delivery');
    expect(attempts.map(({ error, outcome }) => ({ error, outcome }))).toEqual([
      { error: 'timeout after 100 ms', outcome: 'retrying' },
      { error: null, outcome: 'acknowledged' },
    ]);
  });
});

describe('suspension', () => {
  it('follows sustained failures, shows on the webhook, and is lifted by an update', async () => {
    api = await startApi({ engine: { suspendAfterFailures: 3 } });
    answerPosts(500, 500, 500);
    const hook = await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    api.emit('content.imported');
    await api.engine.settle();

    expect((await api.call('GET', `/webhooks/${hook.id}`)).body).toMatchObject({
      active: true,
      webhook_status: 'suspended',
    });
    expect(api.engine.deliveries().at(-1)).toMatchObject({
      attempt: 3,
      outcome: 'dropped',
      error: 'expected status 200, got 500; not retried: the webhook is suspended',
    });
    api.emit('content.imported');
    await api.engine.settle();
    expect(receiver.deliveries()).toHaveLength(3);

    const repaired = await api.call('PUT', `/webhooks/${hook.id}`, { json: { active: true } });
    expect(repaired.body.webhook_status).toBe('pending_verification');
    await api.engine.settle();
    expect((await api.call('GET', `/webhooks/${hook.id}`)).body).toMatchObject({
      active: true,
      webhook_status: 'enabled',
    });
    const after = api.emit('content.imported');
    await api.engine.settle();
    expect(
      receiver
        .deliveries()
        .at(-1)
        ?.events.map((event) => event.id),
    ).toEqual([after.id]);
  });

  it('is avoided when a 200 comes before the limit', async () => {
    api = await startApi({ engine: { suspendAfterFailures: 3 } });
    answerPosts(500, 500, 200, 500, 500, 200);
    const hook = await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    api.emit('content.imported');
    await api.engine.settle();
    api.emit('content.imported');
    await api.engine.settle();
    expect(receiver.deliveries()).toHaveLength(6);
    expect((await api.call('GET', `/webhooks/${hook.id}`)).body.webhook_status).toBe('enabled');
  });
});

describe('fault injection', () => {
  it('duplicates an acknowledged delivery unchanged', async () => {
    api = await startApi({ engine: { duplicateRate: 1 } });
    await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    api.emit('content.imported');
    await api.engine.settle();
    const bodies = receiver.requests
      .filter((request) => request.method === 'POST')
      .map((request) => request.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toBe(bodies[0]);
    expect(api.engine.deliveries().at(-1)).toMatchObject({ duplicate: true, outcome: 'acknowledged' });
  });

  it('delivers events that arrive together newest first when reordering is on', async () => {
    api = await startApi({ engine: { reorder: true } });
    await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    const ids = [
      api.emit('content.imported'),
      api.emit('content.imported'),
      api.emit('content.imported'),
    ].map((event) => event.id);
    await api.engine.settle();
    expect(receiver.deliveries().map((delivery) => delivery.events.map((event) => event.id))).toEqual(
      ids.reverse().map((id) => [id]),
    );
  });

  it('refuses options out of range', async () => {
    api = await startApi();
    expect(() => api.engine.configure({ duplicateRate: 2 })).toThrow(/duplicateRate must be between 0 and 1/);
    expect(() => api.engine.configure({ suspendAfterFailures: 0 })).toThrow(/suspendAfterFailures/);
  });
});

describe('the engine', () => {
  it('reset deletes every webhook and clears the log', async () => {
    api = await startApi();
    await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    api.engine.reset();
    expect(api.engine.deliveries()).toEqual([]);
    expect((await api.call('GET', '/webhooks')).body.count).toBe(0);
  });

  it('stop abandons pending retries', async () => {
    api = await startApi();
    answerPosts(500);
    await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    api.engine.configure({ retrySchedule: [60 * 60 * 1000 * 1000] });
    api.emit('content.imported');
    await api.engine.settle();
    expect(api.engine.deliveries().at(-1)?.outcome).toBe('retrying');
    await api.engine.stop();
    api.emit('content.imported');
    await api.engine.settle();
    expect(receiver.deliveries()).toHaveLength(1);
  });
});
