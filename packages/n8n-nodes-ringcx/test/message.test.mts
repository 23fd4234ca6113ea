import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRingCx } from './n8n-harness.mts';
import {
  botCredentials,
  read,
  requestsSince,
  SEED_IDS,
  startTestSandbox,
  type RunningSandbox,
} from './sandbox.mts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

function run(parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>) {
  return runRingCx({
    credentials: botCredentials(sandbox),
    parameters: { resource: 'message', ...parameters },
    items,
  });
}

function customerMessage(body: string, thread_id?: string) {
  return sandbox.control.customerMessage({ body, thread_id, source_id: SEED_IDS.sources.messaging }).content;
}

describe('Message', () => {
  it('Get returns the message', async () => {
    const message = customerMessage('Hello');
    const result = await run({ operation: 'get', messageId: message.id });
    expect(result.items[0]?.json).toMatchObject({ id: message.id, body: 'Hello' });
  });

  it('Get Many searches a thread, oldest first', async () => {
    const first = customerMessage('first');
    customerMessage('second', first.thread_id);
    const since = sandbox.control.requests().length;
    const result = await run({
      operation: 'getMany',
      returnAll: true,
      filters: { threadId: first.thread_id, status: ['new'] },
      sort: 'asc',
    });
    expect(result.items.map((item) => item.json.body)).toEqual(['first', 'second']);
    const query = new URL(requestsSince(sandbox, since)[0]!.path, sandbox.url).searchParams;
    expect(query.get('q')).toBe(`status_in:new thread:${first.thread_id} order:created_at.asc`);
  });

  it('Reply answers each input item’s message with the options set', async () => {
    const a = customerMessage('question A');
    const b = customerMessage('question B');
    const result = await run(
      {
        operation: 'reply',
        messageId: '={{ $json.messageId }}',
        text: '=Thanks for asking about {{ $json.topic }}',
        options: {
          private: true,
          structuredContent: '{ "type": "select", "center_items": true, "items": [{ "title": "Yes" }] }',
        },
      },
      [
        { messageId: a.id, topic: 'A' },
        { messageId: b.id, topic: 'B' },
      ],
    );
    expect(result.error).toBeUndefined();
    expect(result.items.map((item) => [item.json.in_reply_to_id, item.json.body, item.pairedItem])).toEqual([
      [a.id, 'Thanks for asking about A', { item: 0 }],
      [b.id, 'Thanks for asking about B', { item: 1 }],
    ]);
    const reply = await read(sandbox, `/contents/${result.items[1]!.json.id as string}`);
    expect(reply).toMatchObject({
      thread_id: b.thread_id,
      creator_id: SEED_IDS.users.bot,
      private_message: true,
      status: 'user_reply',
    });
  });

  it('Reply refuses structured content that is not JSON before sending anything', async () => {
    const message = customerMessage('hi');
    const since = sandbox.control.requests().length;
    const result = await run({
      operation: 'reply',
      messageId: message.id,
      text: 'hello',
      options: { structuredContent: '{ type: select' },
    });
    expect(result.error?.message).toMatch(/Structured Content is not valid JSON/);
    expect(requestsSince(sandbox, since)).toHaveLength(0);
  });

  it('Reply in a locked thread fails with the API message and what to do about it', async () => {
    const message = customerMessage('late question');
    await runRingCx({
      credentials: botCredentials(sandbox),
      parameters: {
        resource: 'thread',
        operation: 'close',
        threadId: { mode: 'id', value: message.thread_id },
      },
    });
    await sandbox.control.settle();
    const result = await run({ operation: 'reply', messageId: message.id, text: 'hello' });
    expect(result.error?.message).toMatch(/closed/i);
    expect(result.error?.description).toMatch(/open it again \(RingCX node: Thread → Open\) first/);
  });

  it('Ignore and Update Categories act on the message', async () => {
    const message = customerMessage('categorize');
    const ignored = await run({ operation: 'ignore', messageId: message.id });
    expect(ignored.items[0]?.json.status).toBe('ignored');
    const categorized = await run({
      operation: 'updateCategories',
      messageId: message.id,
      categoryIds: [SEED_IDS.categories.billing],
    });
    expect(categorized.error).toBeUndefined();
    expect((await read(sandbox, `/contents/${message.id}`)).category_ids).toEqual([
      SEED_IDS.categories.billing,
    ]);
  });
});
