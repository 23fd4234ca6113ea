import { SEED_IDS, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  pollClosedInterventions,
  pollNewCustomerMessages,
  pollNewThreads,
  type PollCursor,
  type RingCxClient,
} from '../src/index.ts';
import { clientFor, startTestSandbox } from './harness.ts';

/**
 * Polling where webhooks cannot be used, against the sandbox's lists. The sandbox clock runs fast,
 * so its timestamps are ahead of this machine's: the pollers must cope with that skew too.
 */

let sandbox: RunningSandbox;
let bot: RingCxClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  bot = clientFor(sandbox, 'bot');
});
afterAll(() => sandbox?.stop());
beforeEach(() => sandbox.control.reset());

/** Runs one poll and reports how many API requests it cost. */
async function counted<T>(poll: () => Promise<T>): Promise<{ result: T; requests: number }> {
  sandbox.control.clearRequests();
  const result = await poll();
  return { result, requests: sandbox.control.requests().length };
}

/** A customer message on a new thread, answered by the bot in an intervention it then closes. */
async function botHandles(body: string): Promise<{ messageId: string; interventionId: string }> {
  const { content } = sandbox.control.customerMessage({ body });
  const intervention = await bot.interventions.create({ content_id: content.id });
  await bot.contents.reply(content.id, { body: `Answer to: ${body}` });
  await bot.interventions.close(intervention.id);
  return { messageId: content.id, interventionId: intervention.id };
}

describe('pollNewThreads', () => {
  it('establishes on the first poll, then reports each new thread once, an idle poll costing one request', async () => {
    const first = await pollNewThreads(bot, null);
    expect(first).toMatchObject({ items: [], established: true, hasMore: false });
    let cursor: PollCursor = first.cursor;

    const idle = await counted(() => pollNewThreads(bot, cursor));
    expect(idle.result.items).toEqual([]);
    expect(idle.requests).toBe(1);
    cursor = idle.result.cursor;

    const a = sandbox.control.customerMessage({ body: 'Thread A' }).thread;
    const b = sandbox.control.customerMessage({ body: 'Thread B', source_id: SEED_IDS.sources.email }).thread;
    // A follow-up makes an old thread recently active, but it is not a new thread.
    sandbox.control.customerMessage({ thread_id: SEED_IDS.threads.shipping, body: 'Still there?' });

    const next = await counted(() => pollNewThreads(bot, cursor));
    expect(next.result.items.map((thread) => thread.id)).toEqual([a.id, b.id]);
    expect(next.result.hasMore).toBe(false);
    // The list, then one look at each new thread's first message (did a customer start it?).
    expect(next.requests).toBe(3);
    cursor = next.result.cursor;

    const again = await counted(() => pollNewThreads(bot, cursor));
    expect(again.result.items).toEqual([]);
    expect(again.requests).toBe(1);

    // The cursor is plain JSON: a stored and reloaded one gives the same answer.
    const reloaded = JSON.parse(JSON.stringify(cursor)) as PollCursor;
    expect((await pollNewThreads(bot, reloaded)).items).toEqual([]);
  });

  it('limits a poll to maxItems and hands over the rest on the next one', async () => {
    const { cursor } = await pollNewThreads(bot, null);
    const ids = Array.from(
      { length: 5 },
      (_, n) => sandbox.control.customerMessage({ body: `Backlog ${n}` }).thread.id,
    );

    const first = await pollNewThreads(bot, cursor, { maxItems: 3 });
    expect(first.items.map((thread) => thread.id)).toEqual(ids.slice(0, 3));
    expect(first.hasMore).toBe(true);
    const second = await pollNewThreads(bot, first.cursor, { maxItems: 3 });
    expect(second.items.map((thread) => thread.id)).toEqual(ids.slice(3));
    expect(second.hasMore).toBe(false);
  });
});

describe('pollNewCustomerMessages', () => {
  it("reports customers' messages once each and never the bot's replies", async () => {
    const first = await pollNewCustomerMessages(bot, null);
    expect(first.items).toEqual([]);

    const handled = await botHandles('Where is my parcel?');
    const followUp = sandbox.control.customerMessage({
      thread_id: SEED_IDS.threads.shipping,
      body: 'Do you ship to Portugal too?',
    }).content;

    const next = await counted(() => pollNewCustomerMessages(bot, first.cursor));
    expect(next.result.items.map((content) => content.id)).toEqual([handled.messageId, followUp.id]);
    expect(next.requests).toBe(1);

    const idle = await counted(() => pollNewCustomerMessages(bot, next.result.cursor));
    expect(idle.result.items).toEqual([]);
    expect(idle.requests).toBe(1);
  });
});

describe('pollClosedInterventions', () => {
  it('reports each close once, not the interventions closed before the first poll', async () => {
    const first = await pollClosedInterventions(bot, null);
    expect(first).toMatchObject({ items: [], established: true });

    const one = await botHandles('Can I change my order?');
    const two = await botHandles('Can I cancel my order?');
    // Still open: not reported.
    const { content } = sandbox.control.customerMessage({ body: 'Hello?' });
    await bot.interventions.create({ content_id: content.id });
    // Closed long ago and edited now: it moves up the list, but it is not a new close.
    const admin = clientFor(sandbox, 'admin');
    await admin.interventions.update(SEED_IDS.interventions.orderStatus, {
      custom_field_values: { order_number: '1235' },
    });
    const latest = await admin.interventions.list({ status: 'closed', sort: 'updated_at', limit: 1 });
    expect(latest.records[0]!.id).toBe(SEED_IDS.interventions.orderStatus);

    const next = await counted(() => pollClosedInterventions(bot, first.cursor));
    expect(next.result.items.map((intervention) => intervention.id)).toEqual([
      one.interventionId,
      two.interventionId,
    ]);
    expect(next.result.items.every((intervention) => intervention.closed)).toBe(true);
    expect(next.requests).toBe(1);

    const idle = await counted(() => pollClosedInterventions(bot, next.result.cursor));
    expect(idle.result.items).toEqual([]);
    expect(idle.requests).toBe(1);
  });

  it('reports an intervention again when it is closed again after the customer reopened it', async () => {
    const { cursor } = await pollClosedInterventions(bot, null);
    const handled = await botHandles('Is the shop open on Sunday?');
    const closed = await pollClosedInterventions(bot, cursor);
    expect(closed.items.map((intervention) => intervention.id)).toEqual([handled.interventionId]);

    const message = await bot.contents.get(handled.messageId);
    const followUp = sandbox.control.customerMessage({ thread_id: message.thread_id, body: 'And Monday?' });
    expect(followUp.content.intervention_id).toBe(handled.interventionId);
    await bot.contents.reply(followUp.content.id, { body: 'Yes, from 9 am.' });
    await bot.interventions.close(handled.interventionId);

    const again = await pollClosedInterventions(bot, closed.cursor);
    expect(again.items.map((intervention) => intervention.id)).toEqual([handled.interventionId]);
    expect(again.items[0]!.closed_at).not.toBe(closed.items[0]!.closed_at);
  });
});
