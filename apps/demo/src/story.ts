import { describeWebhookState, type RingCxClient } from '@ringcx-connectors/core';
import { SEED_IDS, type RunningSandbox } from '@ringcx-connectors/sandbox';
import type { Transcript } from './transcript.ts';

/** One platform running the customer story against the sandbox. */
export interface Story {
  platform: string;
  run(sandbox: RunningSandbox, transcript: Transcript): Promise<void>;
}

/** The two customers of the story: one the bot can help, one who asks for a person. */
export const CUSTOMERS = [
  {
    name: 'Chloé Martin',
    message: 'Hi! Where is my order #1042? It should have arrived yesterday.',
    wantsHuman: false,
  },
  {
    name: 'Hugo Petit',
    message: 'My invoice is wrong. Can I talk to a human, please?',
    wantsHuman: true,
  },
] as const;

/** What the bot says; a customer who asks for a person is handed over instead of answered. */
export function botAnswer(customerMessage: string): { text: string; handOver: boolean } {
  if (/\b(human|person|agent|someone)\b/i.test(customerMessage)) {
    return {
      text: 'Of course, a colleague from our support team will take over in a moment.',
      handOver: true,
    };
  }
  return {
    text: 'Thanks for your message! Your order left our warehouse yesterday and will be delivered today.',
    handOver: false,
  };
}

/** Resolves when `check` returns a value, polling every few ms; fails with `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Fails unless RingCX has verified the webhook's URL (the hub.challenge handshake) and delivers to it. */
export async function assertWebhookActive(
  ringcx: RingCxClient,
  sandbox: RunningSandbox,
  webhookId: string,
): Promise<void> {
  await sandbox.control.settle();
  const state = describeWebhookState(await ringcx.webhooks.get(webhookId));
  if (state.state !== 'active') throw new Error(state.message);
}

/**
 * What the customer and the agents would see, read back from RingCX: exactly `botReplies` bot
 * replies (one unless said otherwise), no intervention left open, and the thread with the human team
 * exactly when it was handed over.
 */
export async function checkOnRingCx(
  ringcx: RingCxClient,
  sandbox: RunningSandbox,
  expected: { threadId: string; botUserId: string; handedOver: boolean; botReplies?: number },
): Promise<void> {
  await sandbox.control.settle();
  const messages = await ringcx.contents.iterate({ q: `thread:${expected.threadId}` }).toArray();
  const replies = messages.filter((m) => m.creator_id === expected.botUserId);
  const botReplies = expected.botReplies ?? 1;
  if (replies.length !== botReplies)
    throw new Error(
      `expected ${botReplies} bot ${botReplies === 1 ? 'reply' : 'replies'}, found ${replies.length}`,
    );
  const interventions = await ringcx.interventions.list({ thread_id: expected.threadId });
  if (!interventions.records.every((i) => i.closed)) throw new Error('an intervention is still open');
  const thread = await ringcx.threads.get(expected.threadId);
  const withHumans = thread.thread_category_ids.includes(SEED_IDS.categories.human);
  if (withHumans !== expected.handedOver)
    throw new Error(`thread categories are ${thread.thread_category_ids.join(', ') || 'empty'}`);
}
