import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, startApiDouble, type ApiDouble } from '../test-support/api-double.ts';
import { helper, loadAction, run } from '../test-support/helper.ts';
import configNode from './ringcx-config.ts';
import lookupNode from './ringcx-lookup.ts';

let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble({
    'GET /users/me': { id: 'u-bot', email: 'bot@example.com' },
    'GET /identities/identity-1': { id: 'identity-1', display_name: 'Chloé' },
    'GET /categories': page([
      { id: 'cat-1', name: 'Bot' },
      { id: 'cat-2', name: 'Human' },
    ]),
    'GET /status': (request) => [
      { agent_id: 'a1', channels: [], custom_status: null, asked: request.query.getAll('category_ids[]') },
    ],
  });
});
afterAll(() => api.close());
afterEach(async () => {
  await helper.unload();
  api.requests.length = 0;
});

const load = (node: Record<string, unknown>) =>
  loadAction([configNode, lookupNode], { type: 'ringcx-lookup', ...node }, api.baseUrl);

describe('ringcx-lookup', () => {
  it("gets the customer's identity from msg.ringcx.identityId", async () => {
    await load({ operation: 'identity', identityId: 'ringcx.identityId', identityIdType: 'msg' });
    const msg = await run({ ringcx: { identityId: 'identity-1' } });
    expect(msg.payload).toMatchObject({ display_name: 'Chloé' });
  });

  it('lists every category', async () => {
    await load({ operation: 'categories' });
    expect((await run()).payload).toHaveLength(2);
  });

  it('reads agent status for the chosen categories', async () => {
    await load({ operation: 'agentStatus', categoryIds: 'cat-1,cat-2', categoryIdsType: 'ringcx' });
    expect((await run()).payload).toEqual([expect.objectContaining({ asked: ['cat-1', 'cat-2'] })]);
  });

  it('names the missing id', async () => {
    await load({ operation: 'source', sourceId: 'ringcx.sourceId', sourceIdType: 'msg' });
    await expect(run()).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining('Source ID (read from msg.ringcx.sourceId) is empty'),
    });
  });
});
