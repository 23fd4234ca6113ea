import { describe, expect, it } from 'vitest';
import { isRingCxError, RingCxError } from '../errors.ts';
import type { PageParams } from '../pagination.ts';
import { checkWebhook, ensureWebhook, findWebhook, removeWebhook } from './lifecycle.ts';
import type { WebhookSubscription, WebhookSubscriptionParams } from './ports.ts';
import { describeWebhookState } from './state.ts';

const URL_ = 'https://automation.example.com/webhook/5b1f/ringcx';
const SECRET = 'derived-webhook-secret-0123456789';

/**
 * The webhooks API of one token, in memory: one webhook per URL (a second create for the same URL is
 * refused with a 422, like RingCX), pages of at most `pageLimit`, 404 for unknown ids, and every
 * write recorded. Like the API, it does not return the secret.
 */
class FakeWebhooks {
  records: WebhookSubscription[] = [];
  writes: string[] = [];
  pageLimit = 150;
  beforeCreate: (() => void) | undefined;
  failNext: RingCxError | undefined;
  private next = 0;
  private readonly secrets = new Map<string, string>();

  add(fields: Partial<WebhookSubscription> & { url: string }): WebhookSubscription {
    this.next += 1;
    const webhook: WebhookSubscription = {
      id: `w${this.next}`,
      active: true,
      staging_use: false,
      verify_token: null,
      registered_events: ['content.imported'],
      webhook_status: 'ok',
      ...fields,
    };
    this.records.push(webhook);
    return webhook;
  }

  secretOf(id: string): string | undefined {
    return this.secrets.get(id);
  }

  async list(params: PageParams = {}) {
    this.throwIfFailing();
    const offset = params.offset ?? 0;
    const limit = Math.min(params.limit ?? 30, this.pageLimit);
    return {
      count: this.records.length,
      offset,
      limit,
      records: this.records.slice(offset, offset + limit).map(copy),
    };
  }

  async get(id: string) {
    this.throwIfFailing();
    return copy(this.find(id));
  }

  async create(params: WebhookSubscriptionParams) {
    this.throwIfFailing();
    this.beforeCreate?.();
    this.writes.push(`create ${JSON.stringify(redacted(params))}`);
    if (this.records.some((webhook) => webhook.url === params.url)) {
      throw new RingCxError({ kind: 'validation', status: 422, message: 'Url has already been taken' });
    }
    const { secret, name: _name, ...fields } = params;
    const webhook = this.add({
      ...fields,
      registered_events: [...params.registered_events],
      active: params.active ?? true,
    });
    if (secret) this.secrets.set(webhook.id, secret);
    return copy(webhook);
  }

  async update(id: string, params: Partial<WebhookSubscriptionParams>) {
    this.throwIfFailing();
    const webhook = this.find(id);
    this.writes.push(`update ${id} ${JSON.stringify(redacted(params))}`);
    const { secret, name: _name, ...fields } = params;
    Object.assign(webhook, fields);
    if (secret) this.secrets.set(id, secret);
    if (params.active) webhook.webhook_status = 'ok';
    return copy(webhook);
  }

  async delete(id: string) {
    this.throwIfFailing();
    const webhook = this.find(id);
    this.writes.push(`delete ${id}`);
    this.records = this.records.filter((record) => record !== webhook);
    return copy(webhook);
  }

  private find(id: string): WebhookSubscription {
    const webhook = this.records.find((record) => record.id === id);
    if (!webhook)
      throw new RingCxError({ kind: 'not_found', status: 404, message: `webhook ${id} not found` });
    return webhook;
  }

  private throwIfFailing(): void {
    const error = this.failNext;
    this.failNext = undefined;
    if (error) throw error;
  }
}

const copy = (webhook: WebhookSubscription) => structuredClone(webhook);
const redacted = (params: Partial<WebhookSubscriptionParams>) =>
  params.secret === undefined ? params : { ...params, secret: '(secret)' };

function setup() {
  const webhooks = new FakeWebhooks();
  return { webhooks, api: { webhooks } };
}

describe('ensureWebhook', () => {
  it('creates an active webhook when none has the URL', async () => {
    const { webhooks, api } = setup();
    webhooks.add({ url: 'https://automation.example.com/webhook/other' });
    const result = await ensureWebhook(api, {
      url: URL_,
      events: ['content.imported', 'intervention.closed', 'content.imported'],
      verifyToken: 'verify-1',
      secret: SECRET,
      name: 'n8n: New Customer Message',
    });
    expect(result.action).toBe('created');
    expect(result.state.state).toBe('active');
    expect(webhooks.writes).toEqual([
      `create ${JSON.stringify({
        url: URL_,
        registered_events: ['content.imported', 'intervention.closed'],
        active: true,
        name: 'n8n: New Customer Message',
        verify_token: 'verify-1',
        secret: '(secret)',
      })}`,
    ]);
    expect(webhooks.secretOf(result.webhook.id)).toBe(SECRET);
  });

  it('adopts a webhook that already matches, without writing anything', async () => {
    const { webhooks, api } = setup();
    const existing = webhooks.add({
      url: URL_,
      registered_events: ['intervention.closed', 'content.imported'],
      verify_token: 'verify-1',
    });
    const result = await ensureWebhook(api, {
      url: URL_,
      events: ['content.imported', 'intervention.closed'],
      verifyToken: 'verify-1',
    });
    expect([result.action, result.webhook.id, result.duplicates]).toEqual(['adopted', existing.id, []]);
    expect(result.state.message).toBe('RingCX delivers events to this webhook.');
    expect(webhooks.writes).toEqual([]);
    expect(webhooks.records).toHaveLength(1);
  });

  it('updates the events and verify token of the existing webhook instead of creating another', async () => {
    const { webhooks, api } = setup();
    const existing = webhooks.add({
      url: URL_,
      registered_events: ['content.imported'],
      verify_token: 'old',
    });
    const result = await ensureWebhook(api, {
      url: URL_,
      events: ['content.imported', 'content.replied'],
      verifyToken: 'new',
    });
    expect(result.action).toBe('updated');
    expect(webhooks.writes).toEqual([
      `update ${existing.id} ${JSON.stringify({ registered_events: ['content.imported', 'content.replied'], verify_token: 'new' })}`,
    ]);
    expect(webhooks.records).toHaveLength(1);
  });

  it('sends the secret to an adopted webhook, as the API cannot show whether it differs', async () => {
    const { webhooks, api } = setup();
    const existing = webhooks.add({ url: URL_ });
    const result = await ensureWebhook(api, { url: URL_, events: ['content.imported'], secret: SECRET });
    expect(result.action).toBe('updated');
    expect(webhooks.writes).toEqual([`update ${existing.id} ${JSON.stringify({ secret: '(secret)' })}`]);
    expect(webhooks.secretOf(existing.id)).toBe(SECRET);
  });

  it.each([
    [
      'suspended',
      { webhook_status: 'suspended' },
      'RingCX suspended this webhook after too many failed deliveries; it was re-enabled.',
    ],
    [
      'disabled',
      { webhook_status: 'disabled', active: false },
      'RingCX disabled this webhook after failed deliveries or a failed verification request; it was re-enabled.',
    ],
    [
      'inactive',
      { active: false },
      'This webhook is switched off in RingCX (someone turned it off, or the verification request failed); it was re-enabled.',
    ],
  ])('re-enables a %s webhook and says what had happened', async (_state, fields, message) => {
    const { webhooks, api } = setup();
    const existing = webhooks.add({ url: URL_, ...fields });
    const result = await ensureWebhook(api, { url: URL_, events: ['content.imported'] });
    expect(result.action).toBe('reenabled');
    expect(result.state).toEqual({ state: 'active', message });
    expect(webhooks.writes).toEqual([`update ${existing.id} ${JSON.stringify({ active: true })}`]);
  });

  it('reports a webhook that stays suspended after re-enabling as suspended', async () => {
    const { webhooks, api } = setup();
    webhooks.add({ url: URL_, webhook_status: 'suspended' });
    webhooks.update = async (id) => copy(webhooks.records.find((webhook) => webhook.id === id)!);
    const result = await ensureWebhook(api, { url: URL_, events: ['content.imported'] });
    expect(result.action).toBe('reenabled');
    expect(result.state.state).toBe('suspended');
    expect(result.state.message).toMatch(/no events arrive until it is re-enabled/);
  });

  it('adopts the same URL spelt with another host case or a trailing slash, and fixes the spelling', async () => {
    const { webhooks, api } = setup();
    const existing = webhooks.add({ url: 'https://Automation.Example.com:443/webhook/5b1f/ringcx/' });
    const result = await ensureWebhook(api, { url: URL_, events: ['content.imported'] });
    expect(result.action).toBe('updated');
    expect(webhooks.writes).toEqual([`update ${existing.id} ${JSON.stringify({ url: URL_ })}`]);
  });

  it('does not adopt a webhook whose path or query differs', async () => {
    const { webhooks, api } = setup();
    webhooks.add({ url: 'https://automation.example.com/webhook/5b1f/RINGCX' });
    webhooks.add({ url: `${URL_}?workflow=2` });
    expect((await ensureWebhook(api, { url: URL_, events: ['content.imported'] })).action).toBe('created');
  });

  it('finds the webhook on a later page of the list', async () => {
    const { webhooks, api } = setup();
    webhooks.pageLimit = 2;
    for (let i = 0; i < 5; i++) webhooks.add({ url: `https://automation.example.com/webhook/${i}` });
    const existing = webhooks.add({ url: URL_ });
    expect((await findWebhook(api, URL_))?.id).toBe(existing.id);
    expect((await ensureWebhook(api, { url: URL_, events: ['content.imported'] })).action).toBe('adopted');
  });

  it('adopts the webhook that another activation created in the meantime when the create is refused', async () => {
    const { webhooks, api } = setup();
    webhooks.beforeCreate = () => {
      webhooks.add({ url: URL_, registered_events: ['content.imported'] });
    };
    const result = await ensureWebhook(api, { url: URL_, events: ['content.imported', 'content.replied'] });
    expect(result.action).toBe('updated');
    expect(webhooks.records).toHaveLength(1);
    expect(result.webhook.registered_events).toEqual(['content.imported', 'content.replied']);
  });

  it('passes on a refused create when no webhook for the URL turned up', async () => {
    const { webhooks, api } = setup();
    webhooks.create = async () => {
      throw new RingCxError({ kind: 'validation', status: 422, message: 'Registered events is invalid' });
    };
    const error = await ensureWebhook(api, { url: URL_, events: ['content.imported'] }).catch(
      (e: unknown) => e,
    );
    expect(isRingCxError(error, 'validation') && error.message).toBe('Registered events is invalid');
  });

  it('never adopts after an authentication failure', async () => {
    const { webhooks, api } = setup();
    webhooks.beforeCreate = () => {
      webhooks.add({ url: URL_ });
      throw new RingCxError({ kind: 'auth', status: 401, message: 'Invalid access token' });
    };
    await expect(ensureWebhook(api, { url: URL_, events: ['content.imported'] })).rejects.toThrow(
      'Invalid access token',
    );
  });

  it('prefers the exact, active webhook and reports the other ones for the URL without touching them', async () => {
    const { webhooks, api } = setup();
    const slash = webhooks.add({ url: `${URL_}/` });
    const off = webhooks.add({ url: URL_, active: false });
    const exact = webhooks.add({ url: URL_ });
    const result = await ensureWebhook(api, { url: URL_, events: ['content.imported'] });
    expect([result.action, result.webhook.id]).toEqual(['adopted', exact.id]);
    expect(result.duplicates.map((webhook) => webhook.id)).toEqual([off.id, slash.id]);
    expect(webhooks.writes).toEqual([]);
  });

  it('refuses unusable options before calling the API, never echoing the secret', async () => {
    const { webhooks, api } = setup();
    await expect(
      ensureWebhook(api, { url: 'automation.example.com/hook', events: ['content.imported'] }),
    ).rejects.toThrow(/Invalid url: the webhook URL must be an absolute http\(s\) URL/);
    await expect(ensureWebhook(api, { url: URL_, events: [] })).rejects.toThrow(
      /Invalid events: list at least one/,
    );
    const secret = 'sécret-with-accent-123';
    const error = await ensureWebhook(api, { url: URL_, events: ['content.imported'], secret }).catch(
      (e: unknown) => e,
    );
    expect(isRingCxError(error, 'config')).toBe(true);
    expect(String((error as Error).message)).toMatch(
      /Invalid secret: RingCX accepts 1 to 255 printable ASCII/,
    );
    expect(JSON.stringify(error) + String(error)).not.toContain(secret);
    expect(webhooks.writes).toEqual([]);
  });
});

describe('removeWebhook', () => {
  it('deletes only the given id, even when other webhooks share its URL', async () => {
    const { webhooks, api } = setup();
    const mine = webhooks.add({ url: URL_ });
    const other = webhooks.add({ url: `${URL_}/` });
    const unrelated = webhooks.add({ url: 'https://automation.example.com/webhook/other' });
    expect(await removeWebhook(api, mine.id)).toBe(true);
    expect(webhooks.writes).toEqual([`delete ${mine.id}`]);
    expect(webhooks.records.map((webhook) => webhook.id)).toEqual([other.id, unrelated.id]);
  });

  it('treats a webhook that is already gone as removed', async () => {
    const { api } = setup();
    expect(await removeWebhook(api, 'w404')).toBe(false);
  });

  it('passes on other failures and refuses an empty id', async () => {
    const { webhooks, api } = setup();
    const mine = webhooks.add({ url: URL_ });
    webhooks.failNext = new RingCxError({ kind: 'auth', status: 401, message: 'Invalid access token' });
    await expect(removeWebhook(api, mine.id)).rejects.toThrow('Invalid access token');
    await expect(removeWebhook(api, ' ')).rejects.toThrow(/Invalid webhookId: it is empty/);
    expect(webhooks.records).toHaveLength(1);
  });
});

describe('checkWebhook', () => {
  it('is true only for an existing, active webhook pointing at the URL (with the events, when given)', async () => {
    const { webhooks, api } = setup();
    const webhook = webhooks.add({ url: URL_, registered_events: ['content.imported'] });
    expect(await checkWebhook(api, webhook.id, `${URL_}/`)).toBe(true);
    expect(await checkWebhook(api, webhook.id, URL_, { events: ['content.imported'] })).toBe(true);
    expect(await checkWebhook(api, webhook.id, URL_, { events: ['content.replied'] })).toBe(false);
    expect(await checkWebhook(api, webhook.id, 'https://automation.example.com/webhook/moved')).toBe(false);
    webhook.webhook_status = 'suspended';
    expect(await checkWebhook(api, webhook.id, URL_)).toBe(false);
    expect(await checkWebhook(api, 'w404', URL_)).toBe(false);
    expect(await checkWebhook(api, undefined, URL_)).toBe(false);
    expect(webhooks.writes).toEqual([]);
  });

  it('passes on failures other than "not found" instead of reporting the webhook gone', async () => {
    const { webhooks, api } = setup();
    const webhook = webhooks.add({ url: URL_ });
    webhooks.failNext = new RingCxError({ kind: 'network', message: 'connect ECONNREFUSED' });
    await expect(checkWebhook(api, webhook.id, URL_)).rejects.toThrow('ECONNREFUSED');
  });
});

describe('describeWebhookState', () => {
  it.each([
    [{ active: true, webhook_status: 'ok' }, 'active'],
    [{ active: true, webhook_status: null }, 'active'],
    [{ active: true, webhook_status: 'restored' }, 'active'],
    [{ active: true, webhook_status: 'Suspended' }, 'suspended'],
    [{ active: false, webhook_status: 'auto_disabled' }, 'disabled'],
    [{ active: false }, 'inactive'],
    [{}, 'unknown'],
  ])('reads %j as %s', (fields, state) => {
    const info = describeWebhookState({ id: 'w1', url: URL_, ...fields });
    expect(info.state).toBe(state);
    expect(info.message).toMatch(/^[A-Z].*\.$/);
  });
});
