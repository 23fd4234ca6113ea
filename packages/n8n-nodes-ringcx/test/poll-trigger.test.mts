import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRingCx } from './n8n-harness.mts';
import {
  botCredentials,
  requestsSince,
  SEED_IDS,
  startTestSandbox,
  type RunningSandbox,
} from './sandbox.mts';
import { startTrigger } from './trigger-harness.mts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

async function pollTrigger(parameters: Record<string, unknown>) {
  return await startTrigger({ type: 'poll', credentials: botCredentials(sandbox), parameters });
}

describe('RingCX Poll Trigger', () => {
  it('the first poll replays no history, an idle poll costs one request, new customer messages come once', async () => {
    const env = await pollTrigger({ event: 'newCustomerMessage' });
    try {
      expect(await env.poll()).toBeNull();
      const since = sandbox.control.requests().length;
      expect(await env.poll()).toBeNull();
      expect(requestsSince(sandbox, since)).toHaveLength(1);

      const question = sandbox.control.customerMessage({
        body: 'new question',
        source_id: SEED_IDS.sources.messaging,
      });
      // The bot's reply is a message too, but never a customer's.
      await runRingCx({
        credentials: botCredentials(sandbox),
        parameters: {
          resource: 'message',
          operation: 'reply',
          messageId: question.content.id,
          text: 'On it!',
        },
      });
      const emitted = await env.poll();
      expect(emitted?.[0]?.map((item) => item.json.body)).toEqual(['new question']);
      expect(await env.poll()).toBeNull();
    } finally {
      await env.close();
    }
  });

  it('New Thread and Intervention Closed poll their own lists', async () => {
    const threads = await pollTrigger({ event: 'newThread' });
    const closed = await pollTrigger({ event: 'interventionClosed' });
    try {
      await threads.poll();
      await closed.poll();
      const message = sandbox.control.customerMessage({
        body: 'quick one',
        source_id: SEED_IDS.sources.messaging,
      });
      const run = (parameters: Record<string, unknown>) =>
        runRingCx({ credentials: botCredentials(sandbox), parameters });
      const opened = await run({
        resource: 'intervention',
        operation: 'create',
        messageId: message.content.id,
      });
      await run({ resource: 'message', operation: 'reply', messageId: message.content.id, text: 'Done' });
      await run({ resource: 'intervention', operation: 'close', interventionId: opened.items[0]!.json.id });

      expect((await threads.poll())?.[0]?.map((item) => item.json.id)).toEqual([message.content.thread_id]);
      expect((await closed.poll())?.[0]?.map((item) => item.json.id)).toEqual([opened.items[0]!.json.id]);
    } finally {
      await threads.close();
      await closed.close();
    }
  });

  it('Fetch Test Event returns the latest real item without moving the cursor', async () => {
    sandbox.control.customerMessage({
      body: 'latest thread',
      title: 'latest thread',
      source_id: SEED_IDS.sources.email,
    });
    const env = await pollTrigger({ event: 'newThread' });
    try {
      const sample = await env.poll('manual');
      expect(sample?.[0]).toHaveLength(1);
      expect(sample?.[0]?.[0]?.json.title).toBe('latest thread');
      expect(env.staticData().cursor).toBeUndefined();
    } finally {
      await env.close();
    }
  });

  it('Fetch Test Event with nothing to show says what to do', async () => {
    const env = await pollTrigger({
      event: 'interventionClosed',
      options: { sourceIds: [SEED_IDS.sources.whatsapp] },
    });
    try {
      await expect(env.poll('manual')).rejects.toThrow(/No closed intervention found in RingCX/);
    } finally {
      await env.close();
    }
  });
});
