import { deriveWebhookCredentials } from '@ringcx-connectors/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runRingCx } from './n8n-harness.mts';
import { botCredentials, SEED_IDS, startTestSandbox, type RunningSandbox } from './sandbox.mts';
import { startTrigger, type TriggerEnvironment } from './trigger-harness.mts';

let sandbox: RunningSandbox;
let trigger: TriggerEnvironment | undefined;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterEach(async () => {
  await trigger?.close();
  trigger = undefined;
  sandbox.control.configureWebhooks({ duplicateRate: 0 });
  for (const webhook of await botWebhooks()) {
    await fetch(`${sandbox.baseUrl}/webhooks/${webhook.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${sandbox.tokens.bot}` },
    });
  }
});
afterAll(() => sandbox.stop());

interface Webhook {
  id: string;
  url: string;
  active: boolean;
  webhook_status: string;
  registered_events: string[];
  verify_token: string;
}

async function botWebhooks(): Promise<Webhook[]> {
  const response = await fetch(`${sandbox.baseUrl}/webhooks`, {
    headers: { authorization: `Bearer ${sandbox.tokens.bot}` },
  });
  return ((await response.json()) as { records: Webhook[] }).records;
}

async function activate(parameters: Record<string, unknown> = {}) {
  trigger = await startTrigger({
    credentials: botCredentials(sandbox),
    parameters: { events: ['new_customer_message'], ...parameters },
  });
  if (!(await trigger.checkExists())) await trigger.create();
  await sandbox.control.settle();
  return trigger;
}

function customerMessage(body: string, source_id: string = SEED_IDS.sources.messaging) {
  return sandbox.control.customerMessage({ body, source_id }).content;
}

describe('RingCX Trigger lifecycle', () => {
  it('activation registers one webhook for the chosen events, which passes the handshake', async () => {
    const env = await activate({ events: ['new_thread', 'intervention_closed'] });
    const webhooks = await botWebhooks();
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]).toMatchObject({ url: env.webhookUrl, active: true, webhook_status: 'enabled' });
    expect(webhooks[0]!.registered_events.sort()).toEqual(['content.imported', 'intervention.closed']);
    expect(
      sandbox.control
        .deliveries()
        .filter((entry) => entry.kind === 'handshake')
        .at(-1),
    ).toMatchObject({
      outcome: 'verified',
    });
    expect(env.staticData().webhookId).toBe(webhooks[0]!.id);
    expect(await env.checkExists()).toBe(true);
  });

  it('a handshake with the wrong verify token is refused', async () => {
    const env = await activate();
    const response = await fetch(
      `${env.webhookUrl}?hub.mode=subscribe&hub.challenge=abc&hub.verify_token=guess`,
    );
    expect(response.status).toBe(403);
    expect(await response.text()).not.toBe('abc');
  });

  it('activation adopts the webhook RingCX already has for the URL instead of adding another', async () => {
    const env = await activate();
    const [registered] = await botWebhooks();
    delete env.staticData().webhookId;
    expect(await env.checkExists()).toBe(false);
    await env.create();
    expect((await botWebhooks()).map((webhook) => webhook.id)).toEqual([registered!.id]);
    expect(env.staticData().webhookId).toBe(registered!.id);
  });

  it('changing the events updates the registered webhook', async () => {
    const env = await activate();
    env.setParameters({ events: ['thread_closed'] });
    expect(await env.checkExists()).toBe(false);
    await env.create();
    expect((await botWebhooks()).map((webhook) => webhook.registered_events)).toEqual([
      ['content.thread_closed'],
    ]);
  });

  it('a webhook switched off in RingCX is seen as missing and re-enabled on activation', async () => {
    const env = await activate();
    const [registered] = await botWebhooks();
    await fetch(`${sandbox.baseUrl}/webhooks/${registered!.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${sandbox.tokens.bot}`, 'content-type': 'application/json' },
      body: JSON.stringify({ active: false }),
    });
    expect(await env.checkExists()).toBe(false);
    await env.create();
    await sandbox.control.settle();
    expect(await botWebhooks()).toEqual([
      expect.objectContaining({ id: registered!.id, active: true, webhook_status: 'enabled' }),
    ]);
    expect(await env.checkExists()).toBe(true);
  });

  it('deactivation removes only its own webhook', async () => {
    const env = await activate();
    await fetch(`${sandbox.baseUrl}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sandbox.tokens.bot}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        url: 'https://elsewhere.example.com/hook',
        registered_events: ['content.imported'],
        active: false,
      }),
    });
    await env.delete();
    expect((await botWebhooks()).map((webhook) => webhook.url)).toEqual([
      'https://elsewhere.example.com/hook',
    ]);
    expect(env.staticData().webhookId).toBeUndefined();
    // Already gone is fine.
    expect(await env.delete()).toBe(true);
  });

  it('a credential without a token cannot register a webhook anyone could forge deliveries to', async () => {
    trigger = await startTrigger({
      credentials: { ...botCredentials(sandbox), accessToken: ' ' },
      parameters: { events: ['new_thread'] },
    });
    await expect(trigger.create()).rejects.toThrow(/no access token/);
    expect(await botWebhooks()).toEqual([]);
  });

  it('a loopback n8n URL is refused with the reason when the API is on the internet', async () => {
    trigger = await startTrigger({
      credentials: {
        host: 'digital.ringcentral.com',
        account: 'acme',
        accessToken: 'token-of-acme-0123456789',
      },
      parameters: { events: ['new_thread'] },
    });
    await expect(trigger.create()).rejects.toThrow(
      /RingCX cannot reach its host "127\.0\.0\.1": it is a loopback address/,
    );
  });
});

describe('RingCX Trigger deliveries', () => {
  it('one item per customer message; the bot’s replies and other sources never fire it', async () => {
    const env = await activate({ options: { sourceIds: [SEED_IDS.sources.messaging] } });
    const question = customerMessage('I need help');
    customerMessage('Invoice question', SEED_IDS.sources.email);
    await runRingCx({
      credentials: botCredentials(sandbox),
      parameters: { resource: 'message', operation: 'reply', messageId: question.id, text: 'On it!' },
    });
    const followUp = customerMessage('and quickly please', undefined);
    await sandbox.control.settle();
    const items = env.runs.flat();
    expect(items.map((item) => item.json.resource)).toEqual([
      expect.objectContaining({
        id: question.id,
        metadata: expect.objectContaining({ body: 'I need help' }),
      }),
      expect.objectContaining({ id: followUp.id }),
    ]);
    expect(items.every((item) => item.json.type === 'content.imported')).toBe(true);
  });

  it('New Thread fires for the first message only', async () => {
    const env = await activate({ events: ['new_thread'] });
    const first = customerMessage('brand new conversation');
    sandbox.control.customerMessage({ body: 'follow-up', thread_id: first.thread_id });
    await sandbox.control.settle();
    expect(env.runs.flat().map((item) => (item.json.resource as { id: string }).id)).toEqual([first.id]);
  });

  it('a delivery sent twice starts one run', async () => {
    const env = await activate();
    sandbox.control.configureWebhooks({ duplicateRate: 1 });
    customerMessage('just once');
    await sandbox.control.settle();
    expect(sandbox.control.deliveries().some((entry) => entry.duplicate)).toBe(true);
    expect(env.runs).toHaveLength(1);
  });

  it.each([
    ['a wrong', { 'x-dimelo-secret': 'not-the-secret' }],
    ['a missing', {}],
  ])('%s X-Dimelo-Secret gets 401 and starts nothing', async (_label, headers: Record<string, string>) => {
    const env = await activate();
    const response = await fetch(env.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ id: 'd1', domain_id: 'x', events: [] }),
    });
    expect(response.status).toBe(401);
    expect(env.runs).toHaveLength(0);
  });

  it('a delivery gets an empty 200, and a run with one item per event', async () => {
    const env = await activate({ events: ['raw'], eventTypes: ['intervention.closed'] });
    // The secret RingCX was given: derived from the token and the URL, as the node does.
    const { secret } = deriveWebhookCredentials(`ringcx-n8n-trigger:${sandbox.tokens.bot}`, env.webhookUrl);
    const event = (id: string) => ({
      type: 'intervention.closed',
      id,
      issued_at: '2026-01-05T10:00:00.000Z',
      resource: { type: 'intervention', id: `i-${id}`, metadata: {} },
    });
    const response = await fetch(env.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dimelo-secret': secret },
      body: JSON.stringify({ id: 'd1', domain_id: 'x', events: [event('e1'), event('e2')] }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(env.runs.map((run) => run.map((item) => item.json.id))).toEqual([['e1', 'e2']]);
  });
});
