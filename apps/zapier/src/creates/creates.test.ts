import { describe, expect, it } from 'vitest';
import { ids, useSandbox, zapierFailure } from '../testing/harness.ts';
import handOver from './hand-over.ts';
import {
  cancelIntervention,
  closeIntervention,
  createIntervention,
  reassignIntervention,
} from './interventions.ts';
import replyToMessage from './reply-to-message.ts';
import { closeThread, nextCategories, openThread, updateThreadCategories } from './threads.ts';

const h = useSandbox();
const { threads, interventions, categories, users, sources } = ids;
type Page<T> = { count: number; records: T[] };
type Thread = { id: string; closed: boolean; thread_category_ids: string[] };

/** A customer starts a conversation on WhatsApp; returns the message. */
function customerWrites(body = 'Hello, is anyone there?') {
  return h.sandbox.control.customerMessage({ body, source_id: sources.whatsapp }).content;
}

async function latestMessageId(threadId: string): Promise<string> {
  const page = await h.get<Page<{ id: string }>>(`/contents?q=thread:${threadId}`);
  return page.records[0]!.id;
}

describe('Reply to Message', () => {
  it('replies in the message’s thread', async () => {
    const message = customerWrites();
    const reply = await h.run<{ id: string; thread_id: string; in_reply_to_id: string; body: string }>(
      replyToMessage,
      {
        content_id: ` ${message.id} `,
        body: 'Hi! Yes, how can we help?',
        private: 'false',
        title: '',
      },
    );
    expect(reply).toMatchObject({
      thread_id: message.thread_id,
      in_reply_to_id: message.id,
      body: 'Hi! Yes, how can we help?',
    });
    expect(h.calls()).toEqual(['POST /contents']);
  });

  it('explains a reply to a closed thread (403), and does not send it again', async () => {
    const closedMessage = await latestMessageId(threads.archivedChat);
    h.sandbox.control.clearRequests();
    const failure = await zapierFailure(h.run(replyToMessage, { content_id: closedMessage, body: 'Hi' }));
    expect(failure.name).toBe('AppError');
    expect(failure.code).toBe('permission');
    expect(failure.message).toMatch(/The thread is closed.*open it again/);
    expect(h.calls()).toEqual(['POST /contents']);
  });

  it('halts rather than sending twice when the connection drops after the reply was applied', async () => {
    const message = customerWrites();
    h.sandbox.control.faults.add({ route: 'POST /1.0/contents', kind: 'reset', times: 1 });
    const failure = await zapierFailure(h.run(replyToMessage, { content_id: message.id, body: 'Hi' }));
    expect(failure.name).toBe('HaltedError');
    expect(failure.message).toMatch(/may have been applied: check before sending it again/);
    const page = await h.get<Page<unknown>>(`/contents?q=thread:${message.thread_id}`);
    expect(page.count).toBe(2); // the customer's message and the one reply
  });

  it('asks Zapier to retry later when the API refuses the connection (nothing was sent)', async () => {
    const token = h.sandbox.tokens.admin;
    const failure = await zapierFailure(
      h.runAs({ base_url: 'http://127.0.0.1:1/1.0', access_token: token }, replyToMessage, {
        content_id: 'abc',
        body: 'Hi',
      }),
    );
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBe(30);
    expect(failure.message).not.toContain(token);
  });
});

describe('interventions', () => {
  it('creates one on a message, and explains why a second one is refused (422)', async () => {
    const message = customerWrites();
    const created = await h.run<{ thread_id: string; closed: boolean; user_id: string }>(createIntervention, {
      content_id: message.id,
    });
    expect(created).toMatchObject({ thread_id: message.thread_id, closed: false, user_id: users.admin });
    const failure = await zapierFailure(h.run(createIntervention, { content_id: message.id }));
    expect(failure.code).toBe('validation');
    expect(failure.message).toMatch(/failed with 422.*already open on this thread: look it up/);
  });

  it('closes one that has an agent reply, and explains the refusal otherwise', async () => {
    const closed = await h.run<{ closed: boolean }>(
      closeIntervention,
      { intervention_id: interventions.invoice },
      { token: 'agent' },
    );
    expect(closed.closed).toBe(true);
    const fresh = await h.run<{ id: string }>(createIntervention, { content_id: customerWrites().id });
    const failure = await zapierFailure(h.run(closeIntervention, { intervention_id: fresh.id }));
    expect(failure.message).toMatch(/only after an agent or bot reply/);
  });

  it('cancels one nobody replied in', async () => {
    const fresh = await h.run<{ id: string }>(createIntervention, { content_id: customerWrites().id });
    await h.run(cancelIntervention, { intervention_id: fresh.id });
    expect(h.calls().at(-1)).toBe(`DELETE /interventions/${fresh.id}/cancel`);
    await expect(h.get(`/interventions/${fresh.id}`)).rejects.toThrow(/404/);
  });

  it('names the missing object on a 404', async () => {
    const unknown = '0123456789abcdef01234567';
    const failure = await zapierFailure(h.run(cancelIntervention, { intervention_id: unknown }));
    expect(failure.code).toBe('not_found');
    expect(failure.message).toContain(`Check the id; the intervention ${unknown} may also be in a source`);
  });

  it('reassigns to the chosen agent', async () => {
    const result = await h.run<{ user_id: string }>(reassignIntervention, {
      intervention_id: interventions.invoice,
      user_id: users.bruno,
    });
    expect(result.user_id).toBe(users.bruno);
  });
});

describe('threads', () => {
  it('closes with PUT and opens with GET; RingCX applies both in the background', async () => {
    await h.run(closeThread, { thread_id: threads.invoice });
    await h.run(openThread, { thread_id: threads.archivedChat });
    expect(h.calls()).toEqual([
      `PUT /content_threads/${threads.invoice}/close`,
      `GET /content_threads/${threads.archivedChat}/open`,
    ]);
    await h.sandbox.control.settle();
    expect((await h.get<Thread>(`/content_threads/${threads.invoice}`)).closed).toBe(true);
    expect((await h.get<Thread>(`/content_threads/${threads.archivedChat}`)).closed).toBe(false);
  });

  it('adds categories by default, keeping the ones the thread has', async () => {
    const thread = await h.run<Thread>(updateThreadCategories, {
      thread_id: threads.shipping,
      category_ids: [categories.billing],
    });
    expect(thread.thread_category_ids).toEqual([categories.bot, categories.billing]);
  });

  it('removes only the given categories', async () => {
    const thread = await h.run<Thread>(updateThreadCategories, {
      thread_id: threads.invoice,
      category_ids: categories.billing,
      mode: 'remove',
    });
    expect(thread.thread_category_ids).toEqual([categories.human]);
  });

  it('refuses to replace the categories with nothing', async () => {
    const failure = await zapierFailure(
      h.run(updateThreadCategories, { thread_id: threads.invoice, mode: 'replace', category_ids: [''] }),
    );
    expect(failure.message).toMatch(/^Categories is empty/);
    expect(h.calls()).toEqual([]);
  });

  it('asks Zapier to retry shortly while a previous job on the thread runs (409)', async () => {
    h.sandbox.control.faults.add({
      route: 'PUT /1.0/content_threads/:threadId/update_categories',
      kind: 409,
    });
    const failure = await zapierFailure(
      h.run(updateThreadCategories, {
        thread_id: threads.shipping,
        mode: 'replace',
        category_ids: [categories.human],
      }),
    );
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBe(10);
  });

  it('computes added, removed and replaced categories', () => {
    expect(nextCategories(['a', 'b'], ['b', 'c'], 'add')).toEqual(['a', 'b', 'c']);
    expect(nextCategories(['a', 'b'], ['b', 'c'], 'remove')).toEqual(['a']);
    expect(nextCategories(['a', 'b'], ['c'], 'replace')).toEqual(['c']);
  });
});

describe('Hand Over to a Human', () => {
  it('swaps the bot categories for the human ones when an agent is available', async () => {
    const result = await h.run(handOver, {
      thread_id: threads.shipping,
      human_category_ids: [categories.human],
      bot_category_ids: [categories.bot],
      require_available_agent: 'true',
    });
    expect(result).toMatchObject({
      thread_id: threads.shipping,
      handed_over: true,
      thread_category_ids: [categories.human],
      reason: null,
    });
    expect((result as { available_agents: number }).available_agents).toBeGreaterThan(0);
    const thread = await h.get<Thread>(`/content_threads/${threads.shipping}`);
    expect(thread.thread_category_ids).toEqual([categories.human]);
  });

  it('halts the run and leaves the thread with the bot when no agent is available', async () => {
    const failure = await zapierFailure(
      h.run(handOver, {
        thread_id: threads.shipping,
        human_category_ids: [categories.sales],
        bot_category_ids: [categories.bot],
        require_available_agent: true,
      }),
    );
    expect(failure.name).toBe('HaltedError');
    expect(failure.message).toMatch(/No human agent is available/);
    const thread = await h.get<Thread>(`/content_threads/${threads.shipping}`);
    expect(thread.thread_category_ids).toEqual([categories.bot]);
  });
});
