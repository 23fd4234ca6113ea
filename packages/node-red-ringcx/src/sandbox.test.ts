import { readFile } from 'node:fs/promises';
import { SEED_IDS, startSandbox, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_RED_RELEASES, startRuntime, until, type FlowNode } from './test-support/runtime.ts';

/**
 * End to end: the sandbox plays RingCX, with real webhooks into a real Node-RED running the built
 * package. What the bot did is asserted on the sandbox itself.
 */
const sink: Array<Record<string, unknown>> = [];
let sandbox: RunningSandbox;
let runtime: Awaited<ReturnType<typeof startRuntime>>;

const WEB_CHAT = SEED_IDS.sources.messaging;

function connection(): FlowNode {
  return { id: 'c1', type: 'ringcx-config', baseUrl: sandbox.baseUrl, publicUrl: runtime.base };
}
const credentials = () => ({ c1: { accessToken: sandbox.tokens.bot } });

/** The bot: take the customer's message, answer it, close the intervention. */
function botFlow(trigger: Record<string, unknown>): FlowNode[] {
  return [
    { id: 'f1', type: 'tab', label: 'bot' },
    connection(),
    {
      id: 't1',
      z: 'f1',
      type: 'ringcx-trigger',
      ringcx: 'c1',
      trigger: 'new_customer_message',
      sources: WEB_CHAT,
      wires: [['i1']],
      ...trigger,
    },
    {
      id: 'i1',
      z: 'f1',
      type: 'ringcx-intervention',
      ringcx: 'c1',
      operation: 'create',
      output: 'intervention',
      contentId: 'ringcx.contentId',
      contentIdType: 'msg',
      wires: [['m1']],
    },
    {
      id: 'm1',
      z: 'f1',
      type: 'ringcx-message',
      ringcx: 'c1',
      operation: 'reply',
      contentId: 'ringcx.contentId',
      contentIdType: 'msg',
      body: '"You said: " & payload.body',
      bodyType: 'jsonata',
      wires: [['i2']],
    },
    {
      id: 'i2',
      z: 'f1',
      type: 'ringcx-intervention',
      ringcx: 'c1',
      operation: 'close',
      interventionId: 'ringcx.interventionId',
      interventionIdType: 'msg',
      wires: [['s1']],
    },
    {
      id: 's1',
      z: 'f1',
      type: 'function',
      func: "global.get('sink').push(msg); return null;",
      outputs: 0,
      wires: [],
    },
  ];
}

/** Reads the sandbox as the bot. */
async function api<T>(path: string): Promise<T> {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${sandbox.tokens.bot}` },
  });
  return (await response.json()) as T;
}

type Webhook = { id: string; url: string; active: boolean };
const webhooks = async () => (await api<{ records: Webhook[] }>('/webhooks')).records;

/** Checks in the sandbox that the bot answered `contentId` and closed the intervention it opened. */
async function expectAnsweredAndClosed(contentId: string, body: string) {
  await until(() => sink.length > 0, 'the bot flow to finish');
  const msg = sink.shift() as { ringcx: { interventionId: string; replyId: string } };
  const intervention = await api<{ closed: boolean; content_id: string }>(
    `/interventions/${msg.ringcx.interventionId}`,
  );
  expect(intervention).toMatchObject({ closed: true });
  const reply = await api<{ in_reply_to_id: string; body: string; creator_id: string }>(
    `/contents/${msg.ringcx.replyId}`,
  );
  expect(reply).toMatchObject({
    in_reply_to_id: contentId,
    body: `You said: ${body}`,
    creator_id: SEED_IDS.users.bot,
  });
}

describe.each(NODE_RED_RELEASES)('the bot flow against the sandbox, Node-RED $version', ({ module }) => {
  beforeAll(async () => {
    sandbox = await startSandbox({ timeScale: 1000 });
    sink.length = 0;
    runtime = await startRuntime({ sink }, module);
  }, 30_000);

  afterAll(async () => {
    await runtime?.stop();
    await sandbox?.stop();
  });

  it('webhook: registers itself, answers a customer and closes, once, then unregisters when removed', async () => {
    const path = '/ringcx/bot';
    await runtime.deploy(botFlow({ mode: 'webhook', path, register: true }), credentials(), async () =>
      (await webhooks()).some((webhook) => webhook.url === `${runtime.base}${path}` && webhook.active),
    );
    const { content } = sandbox.control.customerMessage({ body: 'Where is my order?', source_id: WEB_CHAT });
    await expectAnsweredAndClosed(content.id, 'Where is my order?');
    await sandbox.control.settle();
    // The bot's own reply (content.replied) and its intervention events start nothing.
    expect(sink).toEqual([]);

    await runtime.deploy([connection()], credentials(), async () => (await webhooks()).length === 0);
  }, 30_000);

  it('poll: answers a customer found by polling, and nothing from before it started', async () => {
    sandbox.control.clearRequests();
    // Ready once the first poll (which only notes where the list stands) has read the messages.
    await runtime.deploy(botFlow({ mode: 'poll', interval: 1 }), credentials(), async () =>
      sandbox.control
        .requests()
        .some((request) => request.route === '/1.0/contents' && request.status === 200),
    );
    const { content } = sandbox.control.customerMessage({
      body: 'Do you ship to Lyon?',
      source_id: WEB_CHAT,
    });
    await expectAnsweredAndClosed(content.id, 'Do you ship to Lyon?');
    expect(sink).toEqual([]);
  }, 30_000);

  it('the bot example flow, imported as shipped, answers one customer and hands another over', async () => {
    const example = JSON.parse(
      await readFile(new URL('../examples/Bot - answer, hand over or close.json', import.meta.url), 'utf8'),
    ) as FlowNode[];
    // What a user fills in after importing: the connection and the categories.
    const flow = example.map((node) => {
      if (node.type === 'ringcx-config')
        return { ...node, account: '', baseUrl: sandbox.baseUrl, publicUrl: runtime.base };
      if (node.type === 'ringcx-thread') {
        return {
          ...node,
          botCategoryIds: SEED_IDS.categories.bot,
          humanCategoryIds: SEED_IDS.categories.human,
        };
      }
      return node;
    });
    const connectionId = flow.find((node) => node.type === 'ringcx-config')?.id ?? '';
    await runtime.deploy(flow, { [connectionId]: { accessToken: sandbox.tokens.bot } }, async () =>
      (await webhooks()).some((webhook) => webhook.active),
    );

    const answered = sandbox.control.customerMessage({ body: 'Where is my order?', source_id: WEB_CHAT });
    const handedOver = sandbox.control.customerMessage({
      body: 'Can I talk to a human please?',
      source_id: WEB_CHAT,
    });
    await until(async () => {
      const thread = await api<{ thread_category_ids: string[] }>(`/content_threads/${handedOver.thread.id}`);
      return thread.thread_category_ids.includes(SEED_IDS.categories.human);
    }, 'the hand-over');
    await until(
      () =>
        sandbox.control
          .events()
          .some(
            (event) =>
              event.type === 'intervention.closed' && JSON.stringify(event).includes(answered.thread.id),
          ),
      'the answered conversation to be closed',
    );
    const replies = await api<{ records: Array<{ body: string; in_reply_to_id: string }> }>(
      `/contents?q=${encodeURIComponent(`thread:${answered.thread.id}`)}`,
    );
    expect(replies.records.find((content) => content.in_reply_to_id === answered.content.id)?.body).toBe(
      'Thanks! We received: Where is my order?',
    );
  }, 30_000);
});
