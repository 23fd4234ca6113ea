import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RingCxClient } from '../defaults.ts';
import { checkWebhook, ensureWebhook, removeWebhook } from './lifecycle.ts';

/** `/webhooks` on 127.0.0.1 as RingCX answers it: one webhook per URL (422 otherwise), 404 for unknown ids. */
let hooks: Array<Record<string, unknown>> = [];
let calls: string[] = [];
let server: Server;
let client: RingCxClient;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const id = url.pathname.split('/')[3];
      const params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      calls.push(`${req.method} ${url.pathname}${body ? ` ${body}` : ''}`);
      const answer = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(payload));
      };
      const hook = hooks.find((candidate) => candidate.id === id);
      if (req.method === 'GET' && !id) {
        return answer(200, { count: hooks.length, offset: 0, limit: 150, records: hooks });
      }
      if (req.method === 'POST') {
        if (hooks.some((candidate) => candidate.url === params.url)) {
          return answer(422, {
            error: 'validation_error',
            message: 'Url has already been taken',
            status: 422,
          });
        }
        const { secret: _secret, ...fields } = params;
        const created = {
          id: `6650f0c0c0ffee00000000${String(hooks.length + 1).padStart(2, '0')}`,
          webhook_status: 'ok',
          ...fields,
        };
        hooks.push(created);
        return answer(200, created);
      }
      if (!hook) return answer(404, { error: 'not_found', message: 'Not found', status: 404 });
      if (req.method === 'PUT') {
        const { secret: _secret, ...fields } = params;
        Object.assign(hook, fields, fields.active ? { webhook_status: 'ok' } : {});
      }
      if (req.method === 'DELETE') hooks = hooks.filter((candidate) => candidate !== hook);
      return answer(200, hook);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new RingCxClient({
    baseUrl: `http://127.0.0.1:${port}`,
    accessToken: 'test-token-123456',
    rateLimit: false,
    retry: false,
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  hooks = [];
  calls = [];
});

const URL_ = 'https://automation.example.com/webhook/5b1f/ringcx';

describe('webhook lifecycle on the real client', () => {
  it('creates once, then adopts, re-enables, checks and removes by id', async () => {
    const created = await ensureWebhook(client, {
      url: URL_,
      events: ['content.imported'],
      verifyToken: 'verify-1',
    });
    expect(created.action).toBe('created');
    expect(calls).toEqual([
      'GET /1.0/webhooks',
      `POST /1.0/webhooks ${JSON.stringify({ url: URL_, registered_events: ['content.imported'], active: true, verify_token: 'verify-1' })}`,
    ]);
    const id = created.webhook.id;
    expect(await checkWebhook(client, id, URL_)).toBe(true);

    Object.assign(hooks[0]!, { active: false, webhook_status: 'disabled' });
    expect(await checkWebhook(client, id, URL_)).toBe(false);
    const again = await ensureWebhook(client, {
      url: URL_,
      events: ['content.imported'],
      verifyToken: 'verify-1',
    });
    expect([again.action, again.webhook.id, again.state.state]).toEqual(['reenabled', id, 'active']);
    expect(hooks).toHaveLength(1);

    expect(await removeWebhook(client, id)).toBe(true);
    expect(await removeWebhook(client, id)).toBe(false);
    expect(await checkWebhook(client, id, URL_)).toBe(false);
  });

  it('adopts the webhook when the create is refused because it appeared meanwhile', async () => {
    let listed = 0;
    const webhooks = client.webhooks;
    const racing = {
      webhooks: {
        list: async (...args: Parameters<typeof webhooks.list>) => {
          const page = await webhooks.list(...args);
          // Another activation creates the same webhook right after our first look.
          if (listed++ === 0)
            hooks.push({
              id: '6650f0c0c0ffee0000000099',
              url: URL_,
              active: true,
              registered_events: ['content.imported'],
            });
          return page;
        },
        get: webhooks.get.bind(webhooks),
        create: webhooks.create.bind(webhooks),
        update: webhooks.update.bind(webhooks),
        delete: webhooks.delete.bind(webhooks),
      },
    };
    const result = await ensureWebhook(racing, { url: URL_, events: ['content.imported'] });
    expect([result.action, result.webhook.id]).toEqual(['adopted', '6650f0c0c0ffee0000000099']);
    expect(calls.filter((call) => call.startsWith('POST'))).toHaveLength(1);
    expect(hooks).toHaveLength(1);
  });
});
