import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, startApiDouble, type ApiDouble } from '../test-support/api-double.ts';
import { getNode, helper, nextMessage, statusWhere } from '../test-support/helper.ts';
import configNode from './ringcx-config.ts';
import threadNode from './ringcx-thread.ts';

const TOKEN = 'thread-test-token-0123456789';
const thread = (id: string, categories: string[] = []) => ({
  id,
  source_id: 's1',
  title: 'Order',
  closed: false,
  thread_category_ids: categories,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
});

let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble({
    'GET /users/me': { id: 'u-bot', email: 'bot@example.com' },
    'GET /content_threads/t1': thread('t1', ['bot', 'other']),
    'GET /content_threads': (request) =>
      page([thread('t1'), thread('t2'), thread(`q=${request.query.get('q')}`)]),
    'PUT /content_threads/t1/close': thread('t1'),
    'PUT /content_threads/t1/update_categories': (request) =>
      thread('t1', (request.body as { thread_category_ids: string[] }).thread_category_ids),
  });
});
afterAll(() => api.close());
afterEach(async () => {
  await helper.unload();
  api.requests.length = 0;
});

function load(node: Record<string, unknown>) {
  return helper.load(
    [configNode, threadNode],
    [
      { id: 'c1', type: 'ringcx-config', baseUrl: api.baseUrl },
      { id: 'n1', type: 'ringcx-thread', ringcx: 'c1', wires: [['out']], ...node },
      { id: 'out', type: 'helper' },
    ],
    { c1: { accessToken: TOKEN } },
  );
}

describe('ringcx-thread', () => {
  it('gets the thread named by msg.ringcx.threadId by default and keeps the message', async () => {
    await load({ operation: 'get', threadId: 'ringcx.threadId', threadIdType: 'msg' });
    const out = nextMessage('out');
    getNode('n1').receive({ topic: 'keep me', ringcx: { threadId: 't1', contentId: 'c9' } });
    const msg = await out;
    expect(msg.topic).toBe('keep me');
    expect(msg.payload).toMatchObject({ id: 't1', title: 'Order' });
    expect(msg.ringcx).toEqual({ threadId: 't1', contentId: 'c9', sourceId: 's1' });
    expect(api.requests.find((r) => r.path === '/content_threads/t1')?.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('shows the connection as connected once the token was accepted', async () => {
    await load({ operation: 'get', threadId: 't1' });
    await expect(statusWhere('n1', (s) => s.fill === 'green')).resolves.toMatchObject({
      text: 'node-red:common.status.connected',
    });
  });

  it('lists threads with a search query and a limit', async () => {
    await load({ operation: 'list', query: 'source:s1', queryType: 'str', limit: '2', limitType: 'num' });
    const out = nextMessage('out');
    getNode('n1').receive({});
    const msg = await out;
    expect((msg.payload as unknown[]).length).toBe(2);
    expect(api.requests.at(-1)?.query.get('q')).toBe('source:s1');
  });

  it('closes a thread whose id is typed in the node', async () => {
    await load({ operation: 'close', threadId: 't1', threadIdType: 'str' });
    const out = nextMessage('out');
    getNode('n1').receive({});
    await out;
    expect(api.requests.some((r) => r.method === 'PUT' && r.path === '/content_threads/t1/close')).toBe(true);
  });

  it('hands over to a human by swapping bot categories for human ones', async () => {
    await load({
      operation: 'handover',
      threadId: 'ringcx.threadId',
      threadIdType: 'msg',
      botCategoryIds: 'bot',
      botCategoryIdsType: 'str',
      humanCategoryIds: '["human"]',
      humanCategoryIdsType: 'json',
    });
    const out = nextMessage('out');
    getNode('n1').receive({ ringcx: { threadId: 't1' } });
    const msg = await out;
    expect(msg.payload).toMatchObject({ handedOver: true, threadCategoryIds: ['other', 'human'] });
    const update = api.requests.find((r) => r.path === '/content_threads/t1/update_categories');
    expect(update?.body).toEqual({ thread_category_ids: ['other', 'human'] });
  });
});
