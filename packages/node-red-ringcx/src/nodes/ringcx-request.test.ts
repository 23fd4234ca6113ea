import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApiDouble, type ApiDouble } from '../test-support/api-double.ts';
import { helper, loadAction, run } from '../test-support/helper.ts';
import configNode from './ringcx-config.ts';
import requestNode from './ringcx-request.ts';

let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble({
    'GET /users/me': { id: 'u-bot', email: 'bot@example.com' },
    'GET /tags': (request) => ({ asked: Object.fromEntries(request.query) }),
    'POST /tags': (request) => ({ created: request.body }),
  });
});
afterAll(() => api.close());
afterEach(async () => {
  await helper.unload();
  api.requests.length = 0;
});

const load = (node: Record<string, unknown>) =>
  loadAction([configNode, requestNode], { type: 'ringcx-request', operation: 'call', ...node }, api.baseUrl);

describe('ringcx-request', () => {
  it('calls any path with query parameters', async () => {
    await load({
      method: 'GET',
      methodType: 'str',
      path: '/tags',
      pathType: 'str',
      params: '{"limit": 5}',
      paramsType: 'json',
    });
    expect((await run()).payload).toEqual({ asked: { limit: '5' } });
  });

  it('sends a JSON body taken from the message', async () => {
    await load({
      method: 'post',
      methodType: 'str',
      path: '/tags',
      pathType: 'str',
      data: 'payload',
      dataType: 'msg',
    });
    expect((await run({ payload: { name: 'VIP' } })).payload).toEqual({ created: { name: 'VIP' } });
  });

  it('refuses absolute URLs, so the token never leaves for another host', async () => {
    await load({ method: 'GET', methodType: 'str', path: 'https://elsewhere.example/x', pathType: 'str' });
    await expect(run()).rejects.toMatchObject({
      code: 'config',
      message: expect.stringContaining('relative to the API root'),
    });
    expect(api.requests.filter((r) => r.path !== '/users/me')).toEqual([]);
  });
});
