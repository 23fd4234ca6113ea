import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createNodeWebhookHandler,
  describeWebhookState,
  ensureWebhook,
  handOverToHuman,
  registeredEventsFor,
  RingCxClient,
  selectEvents,
  type WebhookEvent,
} from '@ringcx-connectors/core';
import { SEED_IDS } from '@ringcx-connectors/sandbox';
import { assertWebhookActive, botAnswer, checkOnRingCx, CUSTOMERS, waitFor, type Story } from '../story.ts';
import type { Transcript } from '../transcript.ts';

/**
 * The bot written directly against `@ringcx-connectors/core`, as a TypeScript user would: a webhook
 * receiver on loopback, the subscription kept by `ensureWebhook`, and the bot flow (fetch the message,
 * open an intervention, reply, then close it or hand the thread over to a human).
 */
export const coreStory: Story = {
  platform: 'TypeScript (core client)',
  async run(sandbox, transcript) {
    const ringcx = new RingCxClient({ baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.bot });
    const me = await transcript.step(
      'the bot reads its own user',
      () => ringcx.users.me(),
      (user) => `${user.firstname ?? ''} ${user.id}`,
    );

    const handled = new Map<string, string>(); // thread id → what the bot did
    const receiver = await listen(
      createNodeWebhookHandler({
        verifyToken: 'demo-verify-token',
        secret: 'demo-webhook-secret',
        onEvents: async (events) => {
          for (const event of await selectEvents('new_thread', events, { ownUserIds: [me.id] })) {
            handled.set(threadOf(event), await runBot(ringcx, event, transcript));
          }
        },
      }),
    );
    try {
      const subscription = await transcript.step(
        'the bot subscribes to New Thread',
        () =>
          ensureWebhook(ringcx, {
            url: receiver.url,
            events: registeredEventsFor(['new_thread']),
            verifyToken: 'demo-verify-token',
            secret: 'demo-webhook-secret',
          }),
        (result) => `${result.action}, ${describeWebhookState(result.webhook).message}`,
      );
      await transcript.step('RingCX verifies the URL (hub.challenge handshake)', () =>
        assertWebhookActive(ringcx, sandbox, subscription.webhook.id),
      );
      // Every delivery arrives twice from now on: the bot must still answer each customer once.
      sandbox.control.configureWebhooks({ duplicateRate: 1 });
      transcript.note('RingCX is set to deliver every event twice (at-least-once delivery)');

      for (const customer of CUSTOMERS) {
        const { thread } = sandbox.control.customerMessage({
          body: customer.message,
          author: { name: customer.name },
        });
        transcript.note(`${customer.name} opens a thread: “${customer.message}”`);
        const outcome = await waitFor(`the bot to handle ${customer.name}'s thread`, () =>
          handled.get(thread.id),
        );
        await transcript.step(`checked on RingCX: ${outcome}`, () =>
          checkOnRingCx(ringcx, sandbox, {
            threadId: thread.id,
            botUserId: me.id,
            handedOver: customer.wantsHuman,
          }),
        );
      }
      await ringcx.webhooks.delete(subscription.webhook.id);
    } finally {
      await receiver.close();
    }
  },
};

/** The bot flow for one new thread. Returns what it did, for the check that follows. */
async function runBot(ringcx: RingCxClient, event: WebhookEvent, transcript: Transcript): Promise<string> {
  transcript.note(`webhook: ${event.type} for message ${event.resource.id}`);
  const message = await transcript.step(
    'the bot fetches the message',
    () => ringcx.contents.get(event.resource.id),
    (m) => `“${m.body}”`,
  );
  const intervention = await transcript.step(
    'the bot opens an intervention',
    () => ringcx.interventions.create({ content_id: message.id }),
    (i) => i.id,
  );
  const answer = botAnswer(message.body ?? '');
  await transcript.step(
    'the bot replies',
    () => ringcx.contents.reply(message.id, { body: answer.text }),
    () => `“${answer.text}”`,
  );
  if (answer.handOver) {
    await transcript.step(
      'the bot hands the thread over to a human',
      () =>
        handOverToHuman(ringcx, {
          threadId: message.thread_id,
          botCategoryIds: [SEED_IDS.categories.bot],
          humanCategoryIds: [SEED_IDS.categories.human],
        }),
      (result) => `categories now ${result.threadCategoryIds.join(', ')}`,
    );
  }
  await transcript.step('the bot closes its intervention', () => ringcx.interventions.close(intervention.id));
  return answer.handOver
    ? 'one reply, intervention closed, thread with the human team'
    : 'one reply, intervention closed';
}

function threadOf(event: WebhookEvent): string {
  return String((event.resource.metadata as { thread_id?: unknown }).thread_id);
}

async function listen(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/ringcx/webhook`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
