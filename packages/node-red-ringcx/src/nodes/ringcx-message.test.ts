import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApiDouble, type ApiDouble } from '../test-support/api-double.ts';
import { getNode, helper, nextMessage, statusWhere } from '../test-support/helper.ts';
import configNode from './ringcx-config.ts';
import messageNode from './ringcx-message.ts';

const TOKEN = 'message-test-token-0123456789';
let api: ApiDouble;
beforeAll(async () => {
  api = await startApiDouble({
    'GET /users/me': { id: 'u-bot', email: 'bot@example.com' },
    'POST /contents': (request) => {
      const body = request.body as { in_reply_to_id: string };
      if (body.in_reply_to_id === 'closed-thread-message') {
        return {
          status: 403,
          body: { error: 'cant_reply_to_closed_thread', message: `Thread is closed ${TOKEN}`, status: 403 },
        };
      }
      return { id: 'reply-1', thread_id: 'thread-1', ...body };
    },
  });
});
afterAll(() => api.close());
afterEach(async () => {
  await helper.unload();
  api.requests.length = 0;
});

async function load(node: Record<string, unknown>, token = TOKEN) {
  await helper.load(
    [configNode, messageNode],
    [
      { id: 'f1', type: 'tab' },
      { id: 'c1', type: 'ringcx-config', baseUrl: api.baseUrl },
      { id: 'n1', z: 'f1', type: 'ringcx-message', ringcx: 'c1', wires: [['out']], ...node },
      { id: 'out', z: 'f1', type: 'helper' },
      { id: 'catcher', z: 'f1', type: 'catch', scope: null, uncaught: false, wires: [['caught']] },
      { id: 'caught', z: 'f1', type: 'helper' },
    ],
    { c1: { accessToken: token } },
  );
}

const reply = {
  operation: 'reply',
  contentId: 'ringcx.contentId',
  contentIdType: 'msg',
  body: '"You wrote: " & payload.body',
  bodyType: 'jsonata',
};

describe('ringcx-message', () => {
  it('replies to the message of msg.ringcx.contentId with a body computed from the message', async () => {
    await load({ ...reply, private: 'true', privateType: 'bool' });
    const out = nextMessage('out');
    getNode('n1').receive({ payload: { body: 'hello' }, ringcx: { contentId: 'c1', threadId: 'thread-1' } });
    const msg = await out;
    expect(api.requests.find((r) => r.method === 'POST')?.body).toEqual({
      in_reply_to_id: 'c1',
      body: 'You wrote: hello',
      private: true,
    });
    expect(msg.ringcx).toEqual({ contentId: 'c1', threadId: 'thread-1', replyId: 'reply-1' });
  });

  it('hands API refusals to a Catch node with the original message and the details, never the token', async () => {
    await load(reply);
    const caught = nextMessage('caught');
    getNode('n1').receive({
      topic: 'original',
      payload: { body: 'hi' },
      ringcx: { contentId: 'closed-thread-message' },
    });
    const msg = await caught;
    const error = msg.error as { message: string; code: string; cause: Record<string, unknown> };
    expect(msg.topic).toBe('original');
    expect(error.code).toBe('permission');
    expect(error.cause).toMatchObject({ status: 403, code: 'cant_reply_to_closed_thread' });
    expect(error.message).toMatch(/open it again/);
    expect(JSON.stringify(msg)).not.toContain(TOKEN);
  });

  it('names the missing id and where it was read from, without calling the API', async () => {
    await load(reply);
    const caught = nextMessage('caught');
    getNode('n1').receive({ payload: { body: 'hi' } });
    const error = (await caught).error as { message: string; code: string };
    expect(error).toMatchObject({ code: 'config' });
    expect(error.message).toContain('Message ID (read from msg.ringcx.contentId) is empty');
    expect(api.requests.some((r) => r.method === 'POST')).toBe(false);
  });

  it('shows a refused token on the node', async () => {
    api.routes['GET /users/me'] = {
      status: 401,
      body: { error: 'invalid_token', message: 'bad', status: 401 },
    };
    await load(reply, 'refused-token-0123456789');
    await expect(statusWhere('n1', (status) => status.fill === 'red')).resolves.toMatchObject({
      text: expect.stringMatching(/ringcx-config\.status\.tokenRefused$/),
    });
    api.routes['GET /users/me'] = { id: 'u-bot', email: 'bot@example.com' };
  });
});
