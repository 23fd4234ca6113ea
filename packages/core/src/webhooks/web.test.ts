import { describe, expect, it } from 'vitest';
import type { WebhookEvent } from './types.ts';
import { createWebWebhookHandler } from './web.ts';
import { interventionAssignedDelivery } from './test-payloads.ts';

const secret = 'web-adapter-secret-44af';
const verifyToken = 'web-adapter-token-91bc';

function receiver(maxBodyBytes?: number) {
  const handed: WebhookEvent[][] = [];
  const handler = createWebWebhookHandler({
    verifyToken,
    secret,
    maxBodyBytes,
    onEvents: (events) => {
      handed.push(events);
    },
  });
  return { handler, handed };
}

const deliveryRequest = (headers: Record<string, string> = { 'x-dimelo-secret': secret }) =>
  new Request('https://hooks.example.com/ringcx', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(interventionAssignedDelivery()),
  });

describe('createWebWebhookHandler', () => {
  it('answers the handshake with the bare challenge', async () => {
    const { handler } = receiver();
    const response = await handler(
      new Request(
        `https://hooks.example.com/ringcx?hub.mode=subscribe&hub.challenge=ch-9&hub.verify_token=${verifyToken}`,
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('ch-9');
  });

  it('hands a delivery over once and acknowledges with an empty 200', async () => {
    const { handler, handed } = receiver();
    const first = await handler(deliveryRequest());
    expect(first.status).toBe(200);
    expect(first.body).toBeNull();
    expect((await handler(deliveryRequest())).status).toBe(200);
    expect(handed).toHaveLength(1);
    expect(handed[0]![0]!.resource.id).toBe('5464b5c04d61639684110000');
  });

  it('refuses a missing secret with 401 and a reason', async () => {
    const { handler, handed } = receiver();
    const response = await handler(deliveryRequest({}));
    expect(response.status).toBe(401);
    expect(await response.text()).toBe('Missing X-Dimelo-Secret header.');
    expect(handed).toHaveLength(0);
  });

  it('refuses an oversized body with 413', async () => {
    const { handler } = receiver(64);
    expect((await handler(deliveryRequest())).status).toBe(413);
  });
});
