import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startApi, startReceiver, TOKENS, type Receiver, type TestApi } from './test-harness.ts';
import type { WebhookRecord } from './types.ts';

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

describe('creating a webhook', () => {
  it('answers with the spec fields plus name, and never echoes the secret', async () => {
    const created = await api.call('POST', '/webhooks', {
      json: {
        url: receiver.url,
        registered_events: ['content.imported', 'content.thread_closed'],
        verify_token: 'vt',
        secret: 'shh-do-not-show',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: '127.0.0.1 Alice token',
      url: receiver.url,
      active: true,
      staging_use: false,
      verify_token: 'vt',
      registered_events: ['content.imported', 'content.thread_closed'],
      // The handshake runs after the answer.
      webhook_status: 'pending_verification',
      api_access_token: {
        id: TOKENS.alice.tokenId,
        created_at: '2024-01-02T03:04:05Z',
        updated_at: '2024-01-02T03:04:05Z',
      },
    });
    expect(JSON.stringify(created.body)).not.toContain('shh-do-not-show');
  });

  it('reads bracketed arrays and booleans from the query string', async () => {
    const query = new URLSearchParams([
      ['url', receiver.url],
      ['registered_events[]', 'intervention.opened'],
      ['registered_events[]', 'intervention.closed'],
      ['active', '0'],
      ['staging_use', 'yes'],
      ['name', 'Bot hook'],
    ]).toString();
    const created = await api.call('POST', '/webhooks', { query });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      name: 'Bot hook',
      active: false,
      staging_use: true,
      registered_events: ['intervention.opened', 'intervention.closed'],
      webhook_status: 'inactive',
    });
  });

  it.each([
    [{ registered_events: ['content.imported'] }, /^"url" is required/],
    [
      { url: 'ftp://example.com/hook', registered_events: ['content.imported'] },
      /^"url" must use http or https/,
    ],
    [
      { url: 'not a url', registered_events: ['content.imported'] },
      /^"url" must be an absolute http or https address/,
    ],
    [{ url: 'https://example.com/hook' }, /^"registered_events" is required/],
    [
      { url: 'https://example.com/hook', registered_events: [] },
      /^"registered_events" must list at least one/,
    ],
    [
      { url: 'https://example.com/hook', registered_events: ['content.imported', 'content.import'] },
      /^"registered_events" has unknown event types: content\.import\./,
    ],
  ])('refuses %j with a 422 naming the field', async (json, message) => {
    const refused = await api.call('POST', '/webhooks', { json });
    expect(refused).toEqual({
      status: 422,
      body: { error: 'validation_error', message: expect.stringMatching(message), status: 422 },
    });
  });

  it('refuses a boolean it cannot read with a 400', async () => {
    const refused = await api.call('POST', '/webhooks', {
      json: { url: receiver.url, registered_events: ['content.imported'], active: 'maybe' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({
      error: 'invalid_parameter',
      message: expect.stringContaining('"active"'),
    });
  });

  it('refuses a secret that is not short printable ASCII without showing it', async () => {
    const secret = `é${'x'.repeat(10)}`;
    const refused = await api.call('POST', '/webhooks', {
      json: { url: receiver.url, registered_events: ['content.imported'], secret },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.message).toMatch(/^"secret" must be printable ASCII/);
    expect(JSON.stringify(refused.body)).not.toContain(secret);
  });

  it('keeps a URL unique per access token, not across tokens', async () => {
    const first = await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    const again = await api.call('POST', '/webhooks', {
      json: { url: receiver.url, registered_events: ['content.replied'] },
    });
    expect(again.status).toBe(422);
    expect(again.body.error).toBe('validation_error');
    expect(again.body.message).toContain(`"url" is already used by webhook ${first.id}`);

    const other = await api.call('POST', '/webhooks', {
      as: 'bob',
      json: { url: receiver.url, registered_events: ['content.imported'] },
    });
    expect(other.status).toBe(200);

    // Moving another of alice's webhooks onto the same URL is refused too.
    const second = await api.createWebhook({
      url: `${receiver.url}/2`,
      registered_events: ['content.imported'],
    });
    const moved = await api.call('PUT', `/webhooks/${second.id}`, { json: { url: receiver.url } });
    expect(moved.status).toBe(422);
  });

  it('passes the authentication failure through', async () => {
    const anonymous = await api.call('GET', '/webhooks', { as: null });
    expect(anonymous).toEqual({
      status: 401,
      body: { error: 'invalid_access_token', message: 'Invalid access token', status: 401 },
    });
  });
});

describe('reading, updating and deleting', () => {
  it("hides a token's webhooks from another token", async () => {
    const hook = await api.createWebhook({ url: receiver.url, registered_events: ['content.imported'] });
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const answer = await api.call(method, `/webhooks/${hook.id}`, {
        as: 'bob',
        ...(method === 'PUT' ? { json: {} } : {}),
      });
      expect(answer.status, method).toBe(404);
      expect(answer.body.error).toBe('not_found');
    }
    expect((await api.call('GET', '/webhooks', { as: 'bob' })).body).toEqual({
      count: 0,
      offset: 0,
      limit: 30,
      records: [],
    });
    expect((await api.call('GET', `/webhooks/${hook.id}`)).body).toMatchObject({ id: hook.id, active: true });
  });

  it('answers 404 for an id that does not exist', async () => {
    const missing = await api.call('GET', '/webhooks/ffffffffffffffffffffffff');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toContain('"ffffffffffffffffffffffff"');
  });

  it('lists active first, then staging, with offset and limit', async () => {
    const off = await api.createWebhook({
      url: `${receiver.url}/off`,
      registered_events: ['content.imported'],
      active: false,
    });
    const plain = await api.createWebhook({
      url: `${receiver.url}/plain`,
      registered_events: ['content.imported'],
    });
    const staging = await api.createWebhook({
      url: `${receiver.url}/staging`,
      registered_events: ['content.imported'],
      staging_use: true,
    });
    const all = await api.call('GET', '/webhooks');
    expect(all.body.count).toBe(3);
    expect((all.body.records as { id: string }[]).map((record) => record.id)).toEqual([
      staging.id,
      plain.id,
      off.id,
    ]);

    const page = await api.call('GET', '/webhooks', { query: 'offset=1&limit=1' });
    expect(page.body).toMatchObject({ count: 3, offset: 1, limit: 1, records: [{ id: plain.id }] });
    expect((await api.call('GET', '/webhooks', { query: 'limit=500' })).body.limit).toBe(150);
    expect((await api.call('GET', '/webhooks', { query: 'offset=-1' })).status).toBe(400);
  });

  it('updates only the fields given and deletes returning the webhook', async () => {
    const hook = await api.createWebhook({
      url: receiver.url,
      registered_events: ['content.imported'],
      name: 'first',
    });
    const updated = await api.call('PUT', `/webhooks/${hook.id}`, {
      json: { registered_events: ['intervention.closed'], staging_use: true },
    });
    expect(updated.body).toMatchObject({
      name: 'first',
      url: receiver.url,
      staging_use: true,
      registered_events: ['intervention.closed'],
    });

    const deleted = await api.call('DELETE', `/webhooks/${hook.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toMatchObject({ id: hook.id, name: 'first' });
    expect((await api.call('GET', `/webhooks/${hook.id}`)).status).toBe(404);
    expect((await api.call('GET', '/webhooks')).body.count).toBe(0);
  });
});

describe('the persistence hook', () => {
  it('keeps webhooks, their state and secret across a restart', async () => {
    let saved = '[]';
    const persistence = {
      load: () => JSON.parse(saved) as WebhookRecord[],
      save: (records: WebhookRecord[]) => {
        saved = JSON.stringify(records);
      },
    };
    const first = await startApi({ persistence });
    const hook = await first.createWebhook({
      url: receiver.url,
      registered_events: ['content.imported'],
      secret: 's3',
    });
    await first.close();

    const second = await startApi({ persistence });
    try {
      expect((await second.call('GET', `/webhooks/${hook.id}`)).body).toMatchObject({
        id: hook.id,
        active: true,
        webhook_status: 'enabled',
      });
      second.emit('content.imported');
      await second.engine.settle();
      const post = receiver.requests.find((request) => request.method === 'POST');
      expect(post?.headers['x-dimelo-secret']).toBe('s3');
    } finally {
      await second.close();
    }
  });

  it('runs again a handshake that a restart cut short', async () => {
    const record: WebhookRecord = {
      id: 'abcdefabcdefabcdefabcdef',
      tokenId: TOKENS.alice.tokenId,
      userId: TOKENS.alice.userId,
      name: 'left pending',
      url: receiver.url,
      active: true,
      stagingUse: false,
      verifyToken: null,
      secret: null,
      registeredEvents: ['content.imported'],
      status: 'pending_verification',
      consecutiveFailures: 0,
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const restarted = await startApi({ persistence: { load: () => [record], save: () => {} } });
    try {
      await restarted.engine.settle();
      expect(receiver.handshakes()).toHaveLength(1);
      expect((await restarted.call('GET', `/webhooks/${record.id}`)).body.webhook_status).toBe('enabled');
    } finally {
      await restarted.close();
    }
  });
});
