import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, startApiDouble, type ApiDouble } from '../test-support/api-double.ts';
import { helper, loadAction, run } from '../test-support/helper.ts';
import configNode from './ringcx-config.ts';
import interventionNode from './ringcx-intervention.ts';

const intervention = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  thread_id: 'thread-1',
  source_id: 'source-1',
  identity_id: 'identity-1',
  user_id: 'u-bot',
  closed: false,
  ...extra,
});

let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble({
    'GET /users/me': { id: 'u-bot', email: 'bot@example.com' },
    'POST /interventions': intervention('iv-1'),
    'GET /interventions': (request) =>
      page([intervention(`for-${request.query.get('thread_id')}-${request.query.get('status')}`)]),
    'PUT /interventions/iv-1/reassign': (request) =>
      intervention('iv-1', { user_id: (request.body as { user_id: string }).user_id }),
    'DELETE /interventions/iv-1/cancel': {
      status: 403,
      body: {
        error: 'intervention_has_agent_replies',
        message: 'Intervention has agent replies',
        status: 403,
      },
    },
  });
});
afterAll(() => api.close());
afterEach(async () => {
  await helper.unload();
  api.requests.length = 0;
});

const load = (node: Record<string, unknown>) =>
  loadAction([configNode, interventionNode], { type: 'ringcx-intervention', ...node }, api.baseUrl);

describe('ringcx-intervention', () => {
  it('creates an intervention on the message of msg.ringcx.contentId, into the chosen output property', async () => {
    await load({
      operation: 'create',
      output: 'intervention',
      contentId: 'ringcx.contentId',
      contentIdType: 'msg',
    });
    const msg = await run({ payload: { body: 'customer text' }, ringcx: { contentId: 'c1' } });
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({ content_id: 'c1' });
    expect(msg.payload).toEqual({ body: 'customer text' });
    expect(msg.intervention).toMatchObject({ id: 'iv-1' });
    expect(msg.ringcx).toMatchObject({
      contentId: 'c1',
      interventionId: 'iv-1',
      threadId: 'thread-1',
      userId: 'u-bot',
    });
  });

  it('lists the interventions of a thread with a status', async () => {
    await load({
      operation: 'list',
      threadId: 'ringcx.threadId',
      threadIdType: 'msg',
      status: 'closed',
      statusType: 'str',
    });
    const msg = await run({ ringcx: { threadId: 't9' } });
    expect(msg.payload).toEqual([expect.objectContaining({ id: 'for-t9-closed' })]);
  });

  it('reassigns to the agent picked in the editor', async () => {
    await load({
      operation: 'reassign',
      interventionId: 'iv-1',
      interventionIdType: 'str',
      userId: 'u-alice',
      userIdType: 'ringcx',
    });
    const msg = await run();
    expect(msg.payload).toMatchObject({ user_id: 'u-alice' });
  });

  it('explains a refused cancel', async () => {
    await load({ operation: 'cancel', interventionId: 'iv-1', interventionIdType: 'str' });
    await expect(run()).rejects.toMatchObject({
      code: 'permission',
      message: expect.stringMatching(/close it instead/i),
    });
  });
});
