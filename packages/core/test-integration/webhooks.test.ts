import { SEED_IDS, type RunningSandbox, type WebhookEngineOptions } from '@ringcx-connectors/sandbox';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkWebhook,
  createNodeWebhookHandler,
  describeWebhookState,
  ensureWebhook,
  registeredEventsFor,
  removeWebhook,
  selectEvents,
  type RingCxClient,
  type WebhookEvent,
  type WebhookTriggerName,
} from '../src/index.ts';
import { clientFor, listen, startTestSandbox, type Receiver } from './harness.ts';

/** Webhooks end to end: subscription upkeep through the API, deliveries to a real receiver. */

const VERIFY_TOKEN = 'integration-verify-token';
const SECRET = 'integration-webhook-secret';

/** Retries a few sandbox seconds apart (milliseconds here), and the engine's other defaults. */
const ENGINE: WebhookEngineOptions = {
  duplicateRate: 0,
  reorder: false,
  suspendAfterFailures: 10,
  retrySchedule: [1000, 2000],
};

let sandbox: RunningSandbox;
let bot: RingCxClient;
let receivers: Receiver[] = [];

beforeAll(async () => {
  sandbox = await startTestSandbox({ webhooks: ENGINE });
  bot = clientFor(sandbox, 'bot');
});
afterAll(() => sandbox?.stop());
beforeEach(async () => {
  await sandbox.control.reset();
  sandbox.control.configureWebhooks(ENGINE);
});
afterEach(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  receivers = [];
});

interface Endpoint {
  url: string;
  /** Events handed to `onEvents`, in order. */
  received: WebhookEvent[];
  /** While true, `onEvents` throws, so the receiver answers 500. */
  failing: boolean;
}

async function endpoint(path?: string): Promise<Endpoint> {
  const state: Omit<Endpoint, 'url'> = { received: [], failing: false };
  const receiver = await listen(
    createNodeWebhookHandler({
      verifyToken: VERIFY_TOKEN,
      secret: SECRET,
      onEvents: (events) => {
        if (state.failing) throw new Error('the workflow is down');
        state.received.push(...events);
      },
    }),
    path,
  );
  receivers.push(receiver);
  return Object.assign(state, { url: receiver.url });
}

function subscribe(url: string, events = registeredEventsFor(['new_customer_message'])) {
  return ensureWebhook(bot, { url, events, verifyToken: VERIFY_TOKEN, secret: SECRET });
}

describe('ensureWebhook', () => {
  it('creates a webhook whose handshake the receiver passes, then receives events', async () => {
    const hook = await endpoint();
    const result = await subscribe(hook.url);
    expect(result.action).toBe('created');
    expect(result.webhook).toMatchObject({ url: hook.url, registered_events: ['content.imported'] });

    await sandbox.control.settle();
    const handshakes = sandbox.control.deliveries().filter((entry) => entry.kind === 'handshake');
    expect(handshakes.map((entry) => [entry.statusCode, entry.outcome])).toEqual([[200, 'verified']]);
    expect(await checkWebhook(bot, result.webhook.id, hook.url)).toBe(true);

    const { content } = sandbox.control.customerMessage({ body: 'Anyone there?' });
    await sandbox.control.settle();
    expect(hook.received.map((event) => [event.type, event.resource.id])).toEqual([
      ['content.imported', content.id],
    ]);
  });

  it('is switched off when the receiver refuses the handshake, and repaired by the next ensureWebhook', async () => {
    const hook = await endpoint();
    const wrong = await ensureWebhook(bot, {
      url: hook.url,
      events: ['content.imported'],
      verifyToken: 'not-the-receivers-token',
      secret: SECRET,
    });
    await sandbox.control.settle();
    const handshakes = sandbox.control.deliveries().filter((entry) => entry.kind === 'handshake');
    expect(handshakes.map((entry) => [entry.statusCode, entry.outcome])).toEqual([
      [403, 'verification_failed'],
    ]);
    expect(describeWebhookState(await bot.webhooks.get(wrong.webhook.id)).state).toBe('disabled');
    expect(await checkWebhook(bot, wrong.webhook.id, hook.url)).toBe(false);

    const repaired = await subscribe(hook.url, ['content.imported']);
    expect(repaired).toMatchObject({ action: 'reenabled', webhook: { id: wrong.webhook.id } });
    await sandbox.control.settle();
    expect(await checkWebhook(bot, wrong.webhook.id, hook.url)).toBe(true);
  });

  it('adopts the subscription already registered for the URL instead of adding one', async () => {
    const hook = await endpoint();
    const existing = await bot.webhooks.create({
      url: hook.url,
      registered_events: ['content.imported'],
      verify_token: VERIFY_TOKEN,
      secret: SECRET,
    });

    const events = registeredEventsFor(['new_customer_message', 'message_replied']);
    const updated = await subscribe(hook.url, events);
    expect(updated.action).toBe('updated');
    expect(updated.webhook.id).toBe(existing.id);
    expect([...updated.webhook.registered_events].sort()).toEqual([...events].sort());

    // Nothing left to change (no secret given, as it cannot be compared): no write at all.
    sandbox.control.clearRequests();
    const adopted = await ensureWebhook(bot, { url: hook.url, events, verifyToken: VERIFY_TOKEN });
    expect(adopted).toMatchObject({ action: 'adopted', duplicates: [] });
    expect(adopted.webhook.id).toBe(existing.id);
    expect(sandbox.control.requests().map((entry) => entry.method)).toEqual(['GET']);

    const all = await bot.webhooks.list();
    expect(all.records.map((webhook) => webhook.id)).toEqual([existing.id]);
  });

  it('ends with one webhook when two activations race for the same URL', async () => {
    const hook = await endpoint();
    const results = await Promise.all([subscribe(hook.url), subscribe(hook.url)]);

    // The sandbox refuses the second create (one webhook per URL and token): that one adopts the first.
    expect(results.map((result) => result.action).sort()).toEqual(['created', 'updated']);
    expect(results[0].webhook.id).toBe(results[1].webhook.id);
    expect((await bot.webhooks.list()).count).toBe(1);
  });

  it('re-enables a webhook the sandbox suspended after failed deliveries', async () => {
    sandbox.control.configureWebhooks({ suspendAfterFailures: 3 });
    const hook = await endpoint();
    const { webhook } = await subscribe(hook.url);
    await sandbox.control.settle();

    hook.failing = true;
    sandbox.control.customerMessage({ body: 'Hello?' });
    await sandbox.control.settle();
    const suspended = await bot.webhooks.get(webhook.id);
    expect(describeWebhookState(suspended).state).toBe('suspended');
    expect(await checkWebhook(bot, webhook.id, hook.url)).toBe(false);
    expect(hook.received).toEqual([]);

    hook.failing = false;
    const result = await subscribe(hook.url);
    expect(result.action).toBe('reenabled');
    expect(result.webhook.id).toBe(webhook.id);
    expect(result.state).toMatchObject({ state: 'active', message: expect.stringMatching(/re-enabled/) });

    await sandbox.control.settle();
    expect(await checkWebhook(bot, webhook.id, hook.url)).toBe(true);
    const { content } = sandbox.control.customerMessage({ body: 'Hello again?' });
    await sandbox.control.settle();
    expect(hook.received.map((event) => event.resource.id)).toEqual([content.id]);
  });
});

describe('deliveries', () => {
  it('hands each event over once although the sandbox delivers everything twice', async () => {
    sandbox.control.configureWebhooks({ duplicateRate: 1, reorder: true });
    const hook = await endpoint();
    await subscribe(hook.url);
    await sandbox.control.settle();

    const ids = ['First', 'Second', 'Third'].map(
      (body) => sandbox.control.customerMessage({ body }).content.id,
    );
    await sandbox.control.settle();

    const deliveries = sandbox.control.deliveries().filter((entry) => entry.kind === 'delivery');
    expect(deliveries.filter((entry) => entry.duplicate)).toHaveLength(3);
    expect(deliveries.every((entry) => entry.outcome === 'acknowledged')).toBe(true);
    expect(hook.received.map((event) => event.resource.id).sort()).toEqual([...ids].sort());
  });

  it("selects the customer's messages and leaves out the bot's own reply", async () => {
    const hook = await endpoint();
    await subscribe(hook.url, registeredEventsFor(['new_customer_message', 'message_replied']));
    await sandbox.control.settle();

    const { content, thread } = sandbox.control.customerMessage({ body: 'Do you ship to Belgium?' });
    await sandbox.control.settle();
    const reply = await bot.contents.reply(content.id, { body: 'Yes, in 2 days.' });
    await sandbox.control.settle();
    const followUp = sandbox.control.customerMessage({ thread_id: thread.id, body: 'Great, thanks!' });
    await sandbox.control.settle();
    expect(hook.received.map((event) => event.type)).toEqual([
      'content.imported',
      'content.replied',
      'content.imported',
    ]);

    const ids = async (trigger: WebhookTriggerName) =>
      (await selectEvents(trigger, hook.received, { ownUserIds: [SEED_IDS.users.bot] })).map(
        (event) => event.resource.id,
      );
    expect(await ids('new_customer_message')).toEqual([content.id, followUp.content.id]);
    expect(await ids('new_thread')).toEqual([content.id]);
    // Told which user is its own, the bot is not triggered by its reply; anyone else sees it.
    expect(await ids('message_replied')).toEqual([]);
    expect((await selectEvents('message_replied', hook.received)).map((event) => event.resource.id)).toEqual([
      reply.id,
    ]);
  });
});

describe('removeWebhook', () => {
  it("deletes only the given webhook: not the token's others, not another token's for the same URL", async () => {
    const hook = await endpoint();
    const other = await endpoint('/hooks/other');
    const agent = clientFor(sandbox, 'agent');
    const mine = await subscribe(hook.url);
    const myOther = await subscribe(other.url);
    const agents = await ensureWebhook(agent, {
      url: hook.url,
      events: ['content.imported'],
      verifyToken: VERIFY_TOKEN,
      secret: SECRET,
    });
    expect(agents.action).toBe('created');

    expect(await removeWebhook(bot, mine.webhook.id)).toBe(true);
    expect(await removeWebhook(bot, mine.webhook.id)).toBe(false);
    // Another token's webhook is invisible to this one: reported gone, and left alone.
    expect(await removeWebhook(bot, agents.webhook.id)).toBe(false);

    expect((await bot.webhooks.list()).records.map((webhook) => webhook.id)).toEqual([myOther.webhook.id]);
    expect((await agent.webhooks.get(agents.webhook.id)).url).toBe(hook.url);
  });
});
