import { describe, expect, it } from 'vitest';
import { RingCxError } from '../errors.ts';
import { deriveWebhookCredentials } from './credentials.ts';
import { handleWebhookRequest } from './handler.ts';
import { interventionAssignedDelivery } from './test-payloads.ts';

const key = 'caller-held-key-with-enough-entropy';
const url = 'https://n8n.example.com/webhook/5b0c1f4e/ringcx';

describe('deriveWebhookCredentials', () => {
  it('derives a verify token and a secret RingCX accepts: URL-safe ASCII, under 256 characters', () => {
    const { verifyToken, secret } = deriveWebhookCredentials(key, url);
    for (const value of [verifyToken, secret]) expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(verifyToken).not.toBe(secret);
  });

  it('gives the same values for the same key and URL, and different ones otherwise', () => {
    const base = deriveWebhookCredentials(key, url);
    expect(deriveWebhookCredentials(key, url)).toEqual(base);
    expect(deriveWebhookCredentials(key, 'HTTPS://N8N.EXAMPLE.COM/webhook/5b0c1f4e/ringcx#x')).toEqual(base);
    expect(deriveWebhookCredentials(key, `${url}-test`).secret).not.toBe(base.secret);
    expect(deriveWebhookCredentials(key, url.replace('ringcx', 'RingCX')).secret).not.toBe(base.secret);
    expect(deriveWebhookCredentials(`${key}!`, url).secret).not.toBe(base.secret);
  });

  it('lets a receiver check the handshake and a delivery with nothing saved in between', async () => {
    const onRingCx = deriveWebhookCredentials(key, url);
    const later = deriveWebhookCredentials(key, url);
    const options = { ...later, dedupe: null, onEvents: () => undefined };
    const handshake = await handleWebhookRequest(
      {
        method: 'GET',
        url: `${url}?hub.mode=subscribe&hub.challenge=c1&hub.verify_token=${onRingCx.verifyToken}`,
        headers: { 'x-dimelo-secret': onRingCx.secret },
      },
      options,
    );
    expect(handshake).toMatchObject({ status: 200, body: 'c1' });
    const post = await handleWebhookRequest(
      {
        method: 'POST',
        headers: { 'x-dimelo-secret': onRingCx.secret },
        body: interventionAssignedDelivery(),
      },
      options,
    );
    expect(post.status).toBe(200);
  });

  it('registers both values for redaction', () => {
    const { verifyToken, secret } = deriveWebhookCredentials(key, url);
    const error = new RingCxError({ kind: 'webhook', message: `got ${secret} and ${verifyToken}` });
    expect(error.message).toBe('got [REDACTED] and [REDACTED]');
  });

  it.each([
    ['a short key', 'short', url, /Invalid webhook key: it must be at least 16 characters long/],
    ['a relative URL', key, '/webhook/ringcx', /Invalid webhook URL/],
    ['a non-http URL', key, 'ftp://example.com/hook', /Invalid webhook URL/],
  ])('refuses %s', (_, badKey, badUrl, message) => {
    expect(() => deriveWebhookCredentials(badKey, badUrl)).toThrow(message);
  });
});
