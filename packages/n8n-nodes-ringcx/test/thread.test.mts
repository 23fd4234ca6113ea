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

const { bot: BOT, human: HUMAN, sales: SALES } = SEED_IDS.categories;

function run(parameters: Record<string, unknown>, items?: Array<Record<string, unknown>>) {
  return runRingCx({
    credentials: botCredentials(sandbox),
    parameters: { resource: 'thread', ...parameters },
    items,
  });
}

function newThread(body: string, source: string = SEED_IDS.sources.messaging): string {
  return sandbox.control.customerMessage({ body, title: body, source_id: source }).content.thread_id;
}

function thread(id: string) {
  return read<{ closed: boolean; thread_category_ids: string[] }>(sandbox, `/content_threads/${id}`);
}

describe('Thread', () => {
  it('Get returns the thread picked by ID, paired with its input item', async () => {
    const id = newThread('Where is my order?');
    const result = await run({ operation: 'get', threadId: { mode: 'id', value: id } });
    expect(result.error).toBeUndefined();
    expect(result.items).toEqual([
      { json: expect.objectContaining({ id, title: 'Where is my order?' }), pairedItem: { item: 0 } },
    ]);
  });

  it('Get Many turns the filters into one search and honours the limit', async () => {
    for (let i = 0; i < 4; i++) newThread(`refund request ${i}`, SEED_IDS.sources.email);
    const since = sandbox.control.requests().length;
    const result = await run({
      operation: 'getMany',
      returnAll: false,
      limit: 3,
      filters: { sourceIds: [SEED_IDS.sources.email], status: ['new'], text: 'refund request' },
      sort: 'created_at.asc',
    });
    expect(result.error).toBeUndefined();
    expect(result.items.map((item) => item.json.title)).toEqual([
      'refund request 0',
      'refund request 1',
      'refund request 2',
    ]);
    const [search] = requestsSince(sandbox, since);
    const query = new URL(search!.path, sandbox.url).searchParams;
    expect(query.get('q')).toBe(
      `source:${SEED_IDS.sources.email} status_in:new text:"refund request" order:created_at.asc`,
    );
    expect(query.get('limit')).toBe('3');
  });

  it('Get Many with Return All walks every page, 150 threads a request', async () => {
    for (let i = 0; i < 160; i++) newThread(`bulk question ${i}`, SEED_IDS.sources.email);
    const since = sandbox.control.requests().length;
    const result = await run({ operation: 'getMany', returnAll: true, filters: { text: 'bulk question' } });
    expect(result.items).toHaveLength(160);
    expect(requestsSince(sandbox, since).filter((r) => r.route === '/1.0/content_threads')).toHaveLength(2);
  });

  it('Get Many refuses a date that is no date, naming the field', async () => {
    const result = await run({
      operation: 'getMany',
      returnAll: true,
      filters: { createdBefore: 'next tuesday-ish' },
    });
    expect(result.error?.message).toContain('Created Before');
  });

  it('Close locks the thread and Open unlocks it', async () => {
    const id = newThread('lock me');
    await run({ operation: 'close', threadId: { mode: 'id', value: id } });
    await sandbox.control.settle();
    expect((await thread(id)).closed).toBe(true);
    await run({ operation: 'open', threadId: { mode: 'list', value: id } });
    await sandbox.control.settle();
    expect((await thread(id)).closed).toBe(false);
  });

  it('Ignore archives the thread’s messages', async () => {
    const message = sandbox.control.customerMessage({
      body: 'spam spam',
      source_id: SEED_IDS.sources.messaging,
    });
    await run({ operation: 'ignore', threadId: { mode: 'id', value: message.content.thread_id } });
    expect((await read(sandbox, `/contents/${message.content.id}`)).status).toBe('ignored');
  });

  it('Update Categories replaces the thread categories', async () => {
    const id = newThread('categorize me');
    await run({ operation: 'updateCategories', threadId: { mode: 'id', value: id }, categoryIds: [SALES] });
    expect((await thread(id)).thread_category_ids).toEqual([SALES]);
  });

  it('Hand Over swaps the bot category for the human one when an agent is available', async () => {
    const id = newThread('I want a human');
    const result = await run({
      operation: 'handOver',
      threadId: { mode: 'id', value: id },
      humanCategoryIds: [HUMAN],
      botCategoryIds: [BOT],
      requireAvailableAgent: true,
    });
    expect(result.items[0]?.json).toMatchObject({
      threadId: id,
      handedOver: true,
      threadCategoryIds: [HUMAN],
    });
    expect(result.items[0]?.json.availableAgents).toBeGreaterThan(0);
    await sandbox.control.settle();
    expect((await thread(id)).thread_category_ids).toEqual([HUMAN]);
  });

  it('Hand Over leaves the thread with the bot when nobody is available, and says why', async () => {
    const id = newThread('anyone in sales?');
    const result = await run({
      operation: 'handOver',
      threadId: { mode: 'id', value: id },
      humanCategoryIds: [SALES],
      botCategoryIds: [BOT],
      requireAvailableAgent: true,
    });
    expect(result.items[0]?.json).toMatchObject({ handedOver: false, availableAgents: 0 });
    expect(result.items[0]?.json.reason).toMatch(/No human agent is available/);
    expect((await thread(id)).thread_category_ids).toEqual([BOT]);
  });

  it('a missing thread fails the run with the API message, or one item per failure with Continue On Fail', async () => {
    const missing = 'ffffffffffffffffffffffff';
    const failed = await run({ operation: 'get', threadId: { mode: 'id', value: missing } });
    expect(failed.error?.message).toMatch(/\S/);
    expect(failed.error?.description).toContain('Check the id');

    const id = newThread('exists');
    const result = await runRingCx({
      credentials: botCredentials(sandbox),
      parameters: {
        resource: 'thread',
        operation: 'get',
        threadId: { mode: 'id', value: '={{ $json.id }}' },
      },
      items: [{ id: missing }, { id }],
      continueOnFail: true,
    });
    expect(result.error).toBeUndefined();
    expect(result.items).toEqual([
      { json: expect.objectContaining({ error: failed.error?.message }), pairedItem: { item: 0 } },
      { json: expect.objectContaining({ id }), pairedItem: { item: 1 } },
    ]);
  });
});
