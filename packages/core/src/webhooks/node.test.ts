import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { RingCxError } from '../errors.ts';
import type { WebhookAdapterOptions } from './adapter.ts';
import { createNodeWebhookHandler, type NodeWebhookRequest } from './node.ts';
import { chatMessageEvent, delivery, interventionAssignedDelivery } from './test-payloads.ts';
import type { WebhookEvent } from './types.ts';

const secret = 'node-adapter-secret-0c9d';
const verifyToken = 'node-adapter-token-7e21';

let server: Server | undefined;

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function listen(listener: RequestListener): Promise<string> {
  server = createServer(listener);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/ringcx`;
}

function receiver(overrides: Partial<WebhookAdapterOptions> = {}) {
  const handed: WebhookEvent[][] = [];
  const errors: RingCxError[] = [];
  const handler = createNodeWebhookHandler({
    verifyToken,
    secret,
    onEvents: (events) => {
      handed.push(events);
    },
    onError: (error) => errors.push(error),
    ...overrides,
  });
  return { handler, handed, errors };
}

const post = (url: string, body: string, headers: Record<string, string> = { 'x-dimelo-secret': secret }) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('createNodeWebhookHandler over a real server', () => {
  it('answers the handshake with the bare challenge', async () => {
    const url = await listen(receiver().handler);
    const response = await fetch(
      `${url}?hub.mode=subscribe&hub.challenge=xyz-42&hub.verify_token=${verifyToken}`,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('xyz-42');
  });

  it('reads the raw body, hands the events over once, and acknowledges with an empty 200', async () => {
    const { handler, handed } = receiver();
    const url = await listen(handler);
    const body = JSON.stringify(
      delivery([chatMessageEvent({}, { id: 'e1' }), chatMessageEvent({}, { id: 'e2' })]),
    );
    const first = await post(url, body);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('');
    expect((await post(url, body)).status).toBe(200);
    expect(handed.map((events) => events.map((event) => event.id))).toEqual([['e1', 'e2']]);
  });

  it('takes req.body when a body parser already consumed the stream', async () => {
    const { handler, handed } = receiver();
    const url = await listen(async (req: NodeWebhookRequest, res) => {
      // What express.json() does: read the stream, then set req.body.
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      await handler(req, res);
    });
    expect((await post(url, JSON.stringify(interventionAssignedDelivery()))).status).toBe(200);
    expect(handed[0]![0]!.type).toBe('intervention.assigned');
  });

  it('refuses a wrong secret with 401 and a reason', async () => {
    const { handler, handed } = receiver();
    const url = await listen(handler);
    const response = await post(url, JSON.stringify(interventionAssignedDelivery()), {
      'x-dimelo-secret': 'nope',
    });
    expect(response.status).toBe(401);
    expect(await response.text()).toMatch(/Wrong X-Dimelo-Secret header/);
    expect(handed).toHaveLength(0);
  });

  it('refuses a malformed delivery with 400 naming the problem', async () => {
    const url = await listen(receiver().handler);
    const response = await post(url, '{"id":"d1","domain_id":"x"}');
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('Invalid RingCX webhook delivery: events is missing.');
  });

  it('refuses an announced oversized body with 413 without reading it', async () => {
    const { handler, errors } = receiver({ maxBodyBytes: 100 });
    const url = await listen(handler);
    const response = await post(url, JSON.stringify(interventionAssignedDelivery()));
    expect(response.status).toBe(413);
    expect(errors[0]!.status).toBe(413);
  });

  it('refuses a chunked body that grows past the limit, and the 413 still arrives', async () => {
    const url = await listen(receiver({ maxBodyBytes: 1000 }).handler);
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, { method: 'POST', headers: { 'x-dimelo-secret': secret } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      for (let i = 0; i < 5; i++) req.write('x'.repeat(400));
      req.end();
    });
    expect(status).toBe(413);
  });

  it('answers 500 when onEvents fails, so RingCX retries', async () => {
    const url = await listen(
      receiver({
        onEvents: () => {
          throw new Error('downstream failed');
        },
      }).handler,
    );
    const response = await post(url, JSON.stringify(interventionAssignedDelivery()));
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('downstream failed');
  });
});
