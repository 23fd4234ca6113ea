import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  correctEndpoint,
  startApi,
  startReceiver,
  unreachableUrl,
  type Answer,
  type Receiver,
  type TestApi,
} from './test-harness.ts';

let api: TestApi;
let receiver: Receiver;

beforeEach(async () => {
  api = await startApi();
  receiver = await startReceiver();
});

afterEach(async () => {
  await api.close();
  await receiver.close();
});

async function state(id: unknown): Promise<Record<string, unknown>> {
  return (await api.call('GET', `/webhooks/${String(id)}`)).body;
}

describe('the verification handshake', () => {
  it('sends hub.* parameters and the secret, and enables the webhook on an exact echo', async () => {
    const hook = await api.createWebhook({
      url: `${receiver.url}?keep=me`,
      registered_events: ['content.imported'],
      verify_token: 'my-verify-token',
      secret: 'my-secret',
    });
    const [handshake, ...others] = receiver.handshakes();
    expect(others).toEqual([]);
    expect(handshake?.url.pathname).toBe('/hook');
    expect(Object.fromEntries(handshake!.url.searchParams)).toEqual({
      keep: 'me',
      'hub.mode': 'subscribe',
      'hub.challenge': expect.stringMatching(/^[0-9a-f]{32}$/),
      'hub.verify_token': 'my-verify-token',
    });
    expect(handshake?.headers['x-dimelo-secret']).toBe('my-secret');
    expect(handshake?.headers['content-type']).toBe('application/json');
    expect(await state(hook.id)).toMatchObject({ active: true, webhook_status: 'enabled' });
    expect(api.engine.deliveries()).toEqual([
      expect.objectContaining({
        kind: 'handshake',
        webhookId: hook.id,
        statusCode: 200,
        outcome: 'verified',
      }),
    ]);
  });

  it('sends no secret header when there is no secret, and an empty verify token', async () => {
    await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    const handshake = receiver.handshakes()[0]!;
    expect(handshake.headers).not.toHaveProperty('x-dimelo-secret');
    expect(handshake.url.searchParams.get('hub.verify_token')).toBe('');
  });

  it.each<[string, (challenge: string) => Answer, RegExp]>([
    [
      'a wrong body',
      () => ({ status: 200, body: 'hello' }),
      /body must be exactly the hub.challenge value, got "hello"/,
    ],
    [
      'the challenge plus a newline',
      (challenge) => ({ status: 200, body: `${challenge}\n` }),
      /body must be exactly/,
    ],
    [
      'a 404 with the challenge',
      (challenge) => ({ status: 404, body: challenge }),
      /expected status 200, got 404/,
    ],
    ['a 204', () => ({ status: 204 }), /expected status 200, got 204/],
  ])('deactivates the webhook on %s', async (_label, answer, error) => {
    receiver.respond = (request) => answer(request.url.searchParams.get('hub.challenge') ?? '');
    const hook = await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    expect(await state(hook.id)).toMatchObject({ active: false, webhook_status: 'verification_failed' });
    expect(api.engine.deliveries()[0]).toMatchObject({
      outcome: 'verification_failed',
      error: expect.stringMatching(error),
    });
  });

  it('deactivates the webhook when the endpoint is unreachable', async () => {
    const hook = await api.createWebhook({
      url: await unreachableUrl(),
      registered_events: ['content.imported'],
    });
    expect(await state(hook.id)).toMatchObject({ active: false, webhook_status: 'verification_failed' });
    expect(api.engine.deliveries()[0]).toMatchObject({ statusCode: null, error: 'ECONNREFUSED' });
  });

  it('deactivates the webhook when the endpoint does not answer in time', async () => {
    api.engine.configure({ requestTimeoutMs: 100 });
    receiver.respond = () => 'hang';
    const hook = await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    expect(await state(hook.id)).toMatchObject({ active: false, webhook_status: 'verification_failed' });
    expect(api.engine.deliveries()[0]?.error).toBe('timeout after 100 ms');
  });

  it('skips the handshake of an inactive webhook and runs it when the webhook is switched on', async () => {
    const hook = await api.createWebhook({
      url: receiver.url,
      registered_events: ['content.imported'],
      active: false,
    });
    expect(receiver.handshakes()).toEqual([]);
    expect(await state(hook.id)).toMatchObject({ active: false, webhook_status: 'inactive' });

    await api.call('PUT', `/webhooks/${hook.id}`, { json: { active: true } });
    await api.engine.settle();
    expect(receiver.handshakes()).toHaveLength(1);
    expect(await state(hook.id)).toMatchObject({ active: true, webhook_status: 'enabled' });
  });

  it('verifies again with the new secret when the secret changes, and without it once removed', async () => {
    const hook = await api.createWebhook({
      url: receiver.url,
      registered_events: ['content.imported'],
      secret: 'old',
    });
    await api.call('PUT', `/webhooks/${hook.id}`, { json: { secret: 'new' } });
    await api.engine.settle();
    await api.call('PUT', `/webhooks/${hook.id}`, { json: { secret: '' } });
    await api.engine.settle();
    expect(receiver.handshakes().map((request) => request.headers['x-dimelo-secret'])).toEqual([
      'old',
      'new',
      undefined,
    ]);

    api.emit('content.imported');
    await api.engine.settle();
    const post = receiver.requests.find((request) => request.method === 'POST');
    expect(post?.headers).not.toHaveProperty('x-dimelo-secret');
  });

  it('lets a failed webhook be repaired by an update that switches it back on', async () => {
    receiver.respond = () => ({ status: 500 });
    const hook = await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    // Renaming alone does not switch it back on.
    await api.call('PUT', `/webhooks/${hook.id}`, { json: { name: 'renamed' } });
    await api.engine.settle();
    expect(await state(hook.id)).toMatchObject({ active: false, webhook_status: 'verification_failed' });

    receiver.respond = correctEndpoint;
    await api.call('PUT', `/webhooks/${hook.id}`, { json: { active: true } });
    await api.engine.settle();
    expect(await state(hook.id)).toMatchObject({ active: true, webhook_status: 'enabled' });
  });
});

describe('events during the handshake', () => {
  /** Holds the handshake's answer until `release` is called. */
  function slowHandshake(answer: (challenge: string) => Answer): () => void {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    receiver.respond = async (request) => {
      if (request.method !== 'GET') return { status: 200 };
      await released;
      return answer(request.url.searchParams.get('hub.challenge') ?? '');
    };
    return release;
  }

  it('are held until the webhook is verified, then delivered', async () => {
    const release = slowHandshake((challenge) => ({ status: 200, body: challenge }));
    await api.call('POST', '/webhooks', {
      json: { url: receiver.url, registered_events: ['content.imported'] },
    });
    const event = api.emit('content.imported');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(receiver.deliveries()).toEqual([]);

    release();
    await api.engine.settle();
    expect(receiver.deliveries().map((delivery) => delivery.events.map((e) => e.id))).toEqual([[event.id]]);
  });

  it('are dropped, not sent, when the verification fails', async () => {
    const release = slowHandshake(() => ({ status: 403 }));
    await api.call('POST', '/webhooks', {
      json: { url: receiver.url, registered_events: ['content.imported'] },
    });
    api.emit('content.imported');
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    await api.engine.settle();
    expect(receiver.deliveries()).toEqual([]);
    expect(api.engine.deliveries().at(-1)).toMatchObject({
      kind: 'delivery',
      outcome: 'dropped',
      error: 'not sent: the webhook is inactive',
    });
  });
});
