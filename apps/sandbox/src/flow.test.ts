import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_ID } from './events.ts';
import { SEED_IDS } from './seed.ts';
import { useSandbox, type Json } from './test-helpers.ts';

/** A webhook endpoint that answers the handshake and records deliveries. */
const received: { path: string; headers: IncomingHttpHeaders; body: Json }[] = [];
const receiver = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://receiver');
  if (request.method === 'GET') {
    response.end(url.searchParams.get('hub.challenge') ?? '');
    return;
  }
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    received.push({ path: url.pathname, headers: request.headers, body: JSON.parse(body) });
    response.end('ok');
  });
});
let receiverUrl = '';
beforeAll(async () => {
  receiver.listen(0, '127.0.0.1');
  await once(receiver, 'listening');
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

const sandbox = useSandbox({ exportMs: 100_000 });

const EVENTS = [
  'content.imported',
  'content.replied',
  'content.exported',
  'intervention.opened',
  'intervention.closed',
];

async function subscribe(as: 'bot' | 'restricted', path: string) {
  const created = await sandbox().call('POST', '/webhooks', {
    as,
    json: { url: `${receiverUrl}${path}`, registered_events: EVENTS, secret: 's3cret', verify_token: 'vt' },
  });
  expect(created.status).toBe(200);
  await sandbox().control.settle();
  return created.body;
}

const delivered = (path: string) =>
  received.filter((delivery) => delivery.path === path).flatMap((delivery) => delivery.body.events as Json[]);

describe('a bot conversation over webhooks', () => {
  it('delivers the documented events for a message, an intervention, a reply and its export', async () => {
    await subscribe('bot', '/bot');
    const { content } = sandbox().control.customerMessage({ body: 'Is my order late?' });
    const opened = await sandbox().call('POST', '/interventions', {
      as: 'bot',
      json: { content_id: content.id },
    });
    await sandbox().call('POST', '/contents', {
      as: 'bot',
      json: { in_reply_to_id: content.id, body: 'No, it arrives today.' },
    });
    await sandbox().call('PUT', `/interventions/${opened.body.id}/close`, { as: 'bot' });
    await sandbox().control.settle();

    // Delivery order is not guaranteed (as in RingCX): compare in issue order.
    const events = delivered('/bot').sort((a, b) => (a.issued_at < b.issued_at ? -1 : 1));
    expect(events.map((event) => event.type)).toEqual([
      'content.imported',
      'intervention.opened',
      'content.replied',
      'intervention.closed',
      'content.exported',
    ]);
    expect(events[0]).toMatchObject({
      resource: {
        type: 'message',
        id: content.id,
        metadata: { first_in_thread: true, status: 'new', intervention_id: null },
      },
    });
    const first = received.find((delivery) => delivery.path === '/bot')!;
    expect(first.body.domain_id).toBe(DOMAIN_ID);
    expect(first.headers['x-dimelo-secret']).toBe('s3cret');
  });

  it("does not deliver events of a source the webhook token's user cannot read", async () => {
    await subscribe('restricted', '/restricted');
    sandbox().control.customerMessage({ body: 'DM', source_id: SEED_IDS.sources.twitter });
    sandbox().control.customerMessage({ body: 'Chat' });
    await sandbox().control.settle();
    expect(delivered('/restricted').map((event) => event.resource.metadata.body)).toEqual(['Chat']);
  });
});
