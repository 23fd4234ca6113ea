import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { page, startApiDouble, type ApiDouble } from '../test-support/api-double.ts';
import { customerMessage, delivery } from '../test-support/events.ts';
import { getNode, helper, nextMessage, statusWhere } from '../test-support/helper.ts';
import configNode from './ringcx-config.ts';
import triggerNode from './ringcx-trigger.ts';

const VERIFY_TOKEN = 'verify-token-0123456789';
const SECRET = 'webhook-secret-0123456789';

let api: ApiDouble;
let server: Server;
let base: string;
let httpNode: RequestListener | undefined;

beforeAll(async () => {
  api = await startApiDouble({ 'GET /users/me': { id: 'u-bot', email: 'bot@example.com' } });
  // Node-RED's node app is replaced on each load; the server always forwards to the current one.
  server = createServer((req, res) => (httpNode ? httpNode(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await api.close();
});
afterEach(async () => {
  await helper.unload();
  api.requests.length = 0;
});

const captureHttpNode = (RED: { httpNode: RequestListener }) => {
  httpNode = RED.httpNode;
};

async function loadTrigger(
  node: Record<string, unknown>,
  credentials = { verifyToken: VERIFY_TOKEN, secret: SECRET },
) {
  await helper.load(
    [configNode, triggerNode, captureHttpNode],
    [
      { id: 'c1', type: 'ringcx-config', baseUrl: api.baseUrl },
      {
        id: 't1',
        type: 'ringcx-trigger',
        ringcx: 'c1',
        mode: 'webhook',
        path: '/ringcx/test',
        wires: [['out']],
        ...node,
      },
      { id: 'out', type: 'helper' },
    ],
    { c1: { accessToken: 'trigger-test-token-0123456789' }, t1: credentials },
  );
}

const post = (body: unknown, secret = SECRET) =>
  fetch(`${base}/ringcx/test`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret && { 'x-dimelo-secret': secret }) },
    body: JSON.stringify(body),
  });

/** Collects what the trigger sends. */
function collect(id: string) {
  const received: Array<Record<string, unknown>> = [];
  getNode(id).on('input', (msg: Record<string, unknown>) => received.push(msg));
  return received;
}

describe('ringcx-trigger, webhook mode', () => {
  it('answers the handshake with the challenge, and refuses a wrong verify token', async () => {
    await loadTrigger({ trigger: 'new_customer_message' });
    const ok = await fetch(
      `${base}/ringcx/test?hub.mode=subscribe&hub.challenge=abc123&hub.verify_token=${VERIFY_TOKEN}`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('abc123');
    const wrong = await fetch(
      `${base}/ringcx/test?hub.mode=subscribe&hub.challenge=abc123&hub.verify_token=nope`,
    );
    expect(wrong.status).toBe(403);
  });

  it('emits one message per customer message with the ids the action nodes read', async () => {
    await loadTrigger({ trigger: 'new_customer_message' });
    const out = nextMessage('out');
    const response = await post(delivery('d1', [customerMessage('m1')]));
    expect(response.status).toBe(200);
    const msg = await out;
    expect(msg.topic).toBe('new_customer_message');
    expect(msg.payload).toMatchObject({ id: 'm1', body: 'Where is my order?' });
    expect(msg.ringcx).toEqual({
      contentId: 'm1',
      threadId: 'thread-1',
      sourceId: 'source-1',
      identityId: 'identity-customer',
    });
    expect((msg.event as { type: string }).type).toBe('content.imported');
  });

  it('refuses deliveries without the right X-Dimelo-Secret and sends nothing', async () => {
    await loadTrigger({ trigger: 'new_customer_message' });
    const received = collect('out');
    expect((await post(delivery('d1', [customerMessage('m1')]), '')).status).toBe(401);
    expect((await post(delivery('d1', [customerMessage('m1')]), 'wrong-secret')).status).toBe(401);
    expect(received).toEqual([]);
  });

  it('sends an event once even when RingCX delivers it again, and skips agent and bot messages', async () => {
    await loadTrigger({ trigger: 'new_customer_message' });
    const received = collect('out');
    await post(delivery('d1', [customerMessage('m1')]));
    await post(
      delivery('d2', [
        customerMessage('m1'),
        customerMessage('m2', { creator_id: 'agent-1', status: 'user_reply' }),
      ]),
    );
    await post(delivery('d3', [customerMessage('m3')]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(received.map((msg) => (msg.payload as { id: string }).id)).toEqual(['m1', 'm3']);
    // The ids sent are kept in node context, where a persistent store keeps them across restarts.
    expect(JSON.stringify(getNode('t1').context().get('seenEvents'))).toContain('event-m3');
  });

  it('passes only the chosen sources', async () => {
    await loadTrigger({ trigger: 'new_customer_message', sources: 'source-2, source-3' });
    const received = collect('out');
    await post(delivery('d1', [customerMessage('m1'), customerMessage('m2', { source_id: 'source-3' })]));
    await new Promise((resolve) => setImmediate(resolve));
    expect(received.map((msg) => (msg.payload as { id: string }).id)).toEqual(['m2']);
  });

  it('registers the webhook in RingCX at the public URL, with derived credentials', async () => {
    api.routes['GET /webhooks'] = page([]);
    api.routes['POST /webhooks'] = (request) => ({ id: 'wh1', active: true, ...(request.body as object) });
    await helper.load(
      [configNode, triggerNode, captureHttpNode],
      [
        { id: 'c1', type: 'ringcx-config', baseUrl: api.baseUrl, publicUrl: 'http://127.0.0.1:1880/' },
        {
          id: 't1',
          type: 'ringcx-trigger',
          ringcx: 'c1',
          mode: 'webhook',
          path: 'hooks/bot',
          register: true,
          trigger: 'new_thread',
          wires: [[]],
        },
      ],
      { c1: { accessToken: 'trigger-test-token-0123456789' } },
    );
    await statusWhere('t1', (status) => Boolean(status.text?.endsWith('.webhookActive')));
    const created = api.requests.find((r) => r.method === 'POST' && r.path === '/webhooks')?.body as Record<
      string,
      unknown
    >;
    expect(created).toMatchObject({
      url: 'http://127.0.0.1:1880/hooks/bot',
      registered_events: ['content.imported'],
      active: true,
    });
    expect(created.secret).toEqual(expect.any(String));
    expect(created.verify_token).toEqual(expect.any(String));
  });

  it('deletes the webhook it registered when the node is removed', async () => {
    api.routes['GET /webhooks'] = page([
      {
        id: 'wh1',
        url: 'http://127.0.0.1:1880/hooks/bot',
        active: true,
        registered_events: ['content.imported'],
      },
    ]);
    api.routes['PUT /webhooks/wh1'] = { id: 'wh1', url: 'http://127.0.0.1:1880/hooks/bot', active: true };
    api.routes['DELETE /webhooks/wh1'] = { id: 'wh1' };
    const config = {
      id: 'c1',
      type: 'ringcx-config',
      baseUrl: api.baseUrl,
      publicUrl: 'http://127.0.0.1:1880',
    };
    await helper.load(
      [configNode, triggerNode, captureHttpNode],
      [
        config,
        {
          id: 't1',
          type: 'ringcx-trigger',
          ringcx: 'c1',
          path: '/hooks/bot',
          register: true,
          trigger: 'new_thread',
          wires: [[]],
        },
      ],
      { c1: { accessToken: 'trigger-test-token-0123456789' } },
    );
    await statusWhere('t1', (status) => Boolean(status.text?.endsWith('.webhookActive')));
    expect(api.requests.some((r) => r.method === 'POST' && r.path === '/webhooks')).toBe(false);
    await helper.setFlows([config], 'full');
    expect(api.requests.some((r) => r.method === 'DELETE' && r.path === '/webhooks/wh1')).toBe(true);
  });
  it('re-enables a webhook RingCX suspended, and says so', async () => {
    const url = 'http://127.0.0.1:1880/hooks/bot';
    api.routes['GET /webhooks'] = page([
      { id: 'wh1', url, active: false, webhook_status: 'suspended', registered_events: ['content.imported'] },
    ]);
    api.routes['PUT /webhooks/wh1'] = (request) => ({
      id: 'wh1',
      url,
      active: true,
      ...(request.body as object),
    });
    await helper.load(
      [configNode, triggerNode, captureHttpNode],
      [
        { id: 'c1', type: 'ringcx-config', baseUrl: api.baseUrl, publicUrl: 'http://127.0.0.1:1880' },
        {
          id: 't1',
          type: 'ringcx-trigger',
          ringcx: 'c1',
          path: '/hooks/bot',
          register: true,
          trigger: 'new_thread',
          wires: [[]],
        },
      ],
      { c1: { accessToken: 'trigger-test-token-0123456789' } },
    );
    await statusWhere('t1', (status) => Boolean(status.text?.endsWith('.webhookActive')));
    expect(api.requests.find((r) => r.method === 'PUT')?.body).toMatchObject({ active: true });
  });

  it('refuses to register a URL RingCX cannot reach, naming the setting to fix', async () => {
    await helper.load(
      [configNode, triggerNode, captureHttpNode],
      [
        { id: 'c1', type: 'ringcx-config', account: 'acme', publicUrl: 'http://localhost:1880' },
        {
          id: 't1',
          type: 'ringcx-trigger',
          ringcx: 'c1',
          path: '/hooks/bot',
          register: true,
          trigger: 'new_thread',
          wires: [[]],
        },
      ],
      { c1: { accessToken: 'trigger-test-token-0123456789' } },
    );
    await statusWhere('t1', (status) => Boolean(status.text?.endsWith('.cannotRegister')));
    const errors = (getNode('t1') as unknown as { error: { args: Array<[Error]> } }).error.args;
    expect(errors[0]?.[0].message).toMatch(/localhost.*Public URL of the RingCX connection/);
  });
});

describe('ringcx-trigger, poll mode', () => {
  it('emits nothing old on the first poll, saves the cursor in context, and refuses triggers polling cannot serve', async () => {
    api.routes['GET /contents'] = page([
      {
        id: 'old',
        source_id: 'source-1',
        thread_id: 'thread-1',
        creator_id: null,
        status: 'new',
        created_at: '2020-01-01T00:00:00Z',
      },
    ]);
    await helper.load(
      [configNode, triggerNode],
      [
        { id: 'c1', type: 'ringcx-config', baseUrl: api.baseUrl },
        {
          id: 'p1',
          type: 'ringcx-trigger',
          ringcx: 'c1',
          mode: 'poll',
          trigger: 'new_customer_message',
          interval: 60,
          wires: [['out']],
        },
        {
          id: 'p2',
          type: 'ringcx-trigger',
          ringcx: 'c1',
          mode: 'poll',
          trigger: 'message_replied',
          wires: [[]],
        },
        { id: 'out', type: 'helper' },
      ],
      { c1: { accessToken: 'trigger-test-token-0123456789' } },
    );
    const received = collect('out');
    await statusWhere('p1', (status) => Boolean(status.text?.endsWith('.polling')));
    expect(received).toEqual([]);
    expect(getNode('p1').context().get('cursor')).toMatchObject({ v: 1, feed: 'customer_messages' });
    await expect(statusWhere('p2', (status) => status.fill === 'red')).resolves.toMatchObject({
      text: expect.stringMatching(/ringcx-config\.status\.needsWebhook$/),
    });
  });
});
