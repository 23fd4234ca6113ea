import { SEED_IDS, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handOverToHuman, isRingCxError, type RingCxClient, type RingCxError } from '../src/index.ts';
import { clientFor, rejectionOf, startTestSandbox } from './harness.ts';

/** The bot flow of REFERENCE §5, through the resources, against a sandbox that insists on interventions. */

let sandbox: RunningSandbox;
let bot: RingCxClient;

beforeAll(async () => {
  sandbox = await startTestSandbox({ strictReplies: true });
  bot = clientFor(sandbox, 'bot');
});
afterAll(() => sandbox?.stop());
beforeEach(() => sandbox.control.reset());

async function permissionRefusal(call: Promise<unknown>, code: string): Promise<RingCxError> {
  const error = (await rejectionOf(call)) as RingCxError;
  expect(isRingCxError(error, 'permission')).toBe(true);
  expect(error).toMatchObject({ status: 403, code, retryable: false });
  expect(error.message).toContain(error.hint);
  return error;
}

describe('a bot answering a customer', () => {
  it('reads the message, opens an intervention, replies and closes it, with guidance on every refusal', async () => {
    const { content: incoming, thread } = sandbox.control.customerMessage({
      body: 'Where is my order #2048?',
      author: { name: 'Inès Roy' },
    });

    const message = await bot.contents.get(incoming.id);
    expect(message).toMatchObject({
      body: 'Where is my order #2048?',
      thread_id: thread.id,
      source_id: SEED_IDS.sources.messaging,
      creator_id: null,
      intervention_id: null,
      first_in_thread: true,
    });

    const early = await permissionRefusal(
      bot.contents.reply(message.id, { body: 'Let me check.' }),
      'in_reply_to_not_under_open_intervention',
    );
    expect(early.hint).toMatch(/create one on it first \(interventions\.create/);

    const intervention = await bot.interventions.create({ content_id: message.id });
    expect(intervention).toMatchObject({ thread_id: thread.id, user_id: SEED_IDS.users.bot, closed: false });

    const closedTooSoon = await permissionRefusal(
      bot.interventions.close(intervention.id),
      'intervention_has_no_agent_reply',
    );
    expect(closedTooSoon.hint).toMatch(/reply first/);

    const reply = await bot.contents.reply(message.id, { body: 'It left the warehouse this morning.' });
    expect(reply).toMatchObject({
      in_reply_to_id: message.id,
      thread_id: thread.id,
      intervention_id: intervention.id,
      creator_id: SEED_IDS.users.bot,
      status: 'user_reply',
    });

    const cancelledTooLate = await permissionRefusal(
      bot.interventions.cancel(intervention.id),
      'intervention_has_agent_replies',
    );
    expect(cancelledTooLate.hint).toMatch(/close it instead/);

    await bot.interventions.close(intervention.id);
    expect(await bot.interventions.get(intervention.id)).toMatchObject({ closed: true });
  });

  it('refuses a reply to a closed thread with the way out, which works', async () => {
    const { content: incoming, thread } = sandbox.control.customerMessage({ body: 'Thanks, bye!' });
    await bot.interventions.create({ content_id: incoming.id });

    // Closing is a background job: the answer may still show the thread open.
    await bot.threads.close(thread.id);
    await sandbox.control.settle();
    expect(await bot.threads.get(thread.id)).toMatchObject({ closed: true });

    const refusal = await permissionRefusal(
      bot.contents.reply(incoming.id, { body: 'One more thing…' }),
      'cant_reply_to_closed_thread',
    );
    expect(refusal.hint).toMatch(/open it again \(threads\.open\) first/);

    await bot.threads.open(thread.id);
    await sandbox.control.settle();
    const reply = await bot.contents.reply(incoming.id, { body: 'One more thing…' });
    expect(reply.thread_id).toBe(thread.id);
  });
});

describe('handOverToHuman', () => {
  const bots = [SEED_IDS.categories.bot];
  const humans = [SEED_IDS.categories.human];

  function newChat(): string {
    const { thread } = sandbox.control.customerMessage({ body: 'Can I talk to a person?' });
    expect(thread.thread_category_ids).toEqual(bots);
    return thread.id;
  }

  it('swaps the bot category for the human one', async () => {
    const threadId = newChat();
    const result = await handOverToHuman(bot, {
      threadId,
      botCategoryIds: bots,
      humanCategoryIds: humans,
    });
    expect(result).toEqual({ handedOver: true, threadCategoryIds: humans, availableAgents: undefined });

    await sandbox.control.settle();
    expect((await bot.threads.get(threadId)).thread_category_ids).toEqual(humans);
  });

  it('with requireAvailableAgent, counts only agents available on the channel of the source', async () => {
    // Alice is available on Realtime (web chat); Bruno is away there.
    const threadId = newChat();
    const result = await handOverToHuman(bot, {
      threadId,
      botCategoryIds: bots,
      humanCategoryIds: humans,
      requireAvailableAgent: true,
    });
    expect(result).toMatchObject({ handedOver: true, threadCategoryIds: humans, availableAgents: 1 });
    await sandbox.control.settle();
    expect((await bot.threads.get(threadId)).thread_category_ids).toEqual(humans);
  });

  it('with requireAvailableAgent and nobody available on that channel, leaves the thread with the bot', async () => {
    // Alice steps away from web chat only; she stays available for email (Async).
    const alice = clientFor(sandbox, 'agent');
    await alice.request('PUT', `/status/${SEED_IDS.users.alice}`, {
      body: {
        status: { [SEED_IDS.channels.async]: 'available', [SEED_IDS.channels.realtime]: 'away' },
      },
    });

    const threadId = newChat();
    const result = await handOverToHuman(bot, {
      threadId,
      botCategoryIds: bots,
      humanCategoryIds: humans,
      requireAvailableAgent: true,
    });
    expect(result).toMatchObject({ handedOver: false, threadCategoryIds: bots, availableAgents: 0 });
    expect(result.reason).toMatch(/no human agent is available/i);

    await sandbox.control.settle();
    expect((await bot.threads.get(threadId)).thread_category_ids).toEqual(bots);
    const writes = sandbox.control.requests().filter((entry) => entry.method !== 'GET');
    expect(writes.map((entry) => entry.route)).toEqual(['/1.0/status/:agentId']);
  });
});
