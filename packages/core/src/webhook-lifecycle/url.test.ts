import { describe, expect, it } from 'vitest';
import { isRingCxError } from '../errors.ts';
import { assertReachableWebhookUrl, sameWebhookUrl } from './url.ts';

describe('sameWebhookUrl', () => {
  it.each([
    ['https://n8n.example.com/webhook/abc', 'HTTPS://N8N.Example.COM/webhook/abc'],
    ['https://n8n.example.com/webhook/abc', 'https://n8n.example.com:443/webhook/abc/'],
    ['https://n8n.example.com/webhook/abc', ' https://n8n.example.com/webhook/abc#part '],
    ['https://n8n.example.com', 'https://n8n.example.com/'],
  ])('treats %s and %s as one webhook', (a, b) => {
    expect(sameWebhookUrl(a, b)).toBe(true);
  });

  it.each([
    ['https://n8n.example.com/webhook/abc', 'https://n8n.example.com/webhook/ABC'],
    ['https://n8n.example.com/webhook/abc', 'http://n8n.example.com/webhook/abc'],
    ['https://n8n.example.com/webhook/abc', 'https://n8n.example.com:8443/webhook/abc'],
    ['https://n8n.example.com/webhook/abc', 'https://n8n.example.com/webhook/abc?x=1'],
  ])('keeps %s and %s apart', (a, b) => {
    expect(sameWebhookUrl(a, b)).toBe(false);
  });
});

describe('assertReachableWebhookUrl', () => {
  it.each([
    'https://automation.example.com/webhook/ringcx',
    'http://203.0.113.7:5678/webhook/x',
    'https://[2001:db8::1]/hook',
    // Just outside each refused range.
    'http://11.0.0.1/hook',
    'http://172.15.255.255/hook',
    'http://172.32.0.1/hook',
    'http://100.63.255.255/hook',
    'http://100.128.0.1/hook',
    'http://169.253.255.255/hook',
    'http://[fbff::1]/hook',
    'http://[fec0::1]/hook',
    'http://[::2]/hook',
    'http://[::ffff:8.8.8.8]/hook',
    'http://[2001:db8:0:0:0:0:0:1]/hook',
  ])('accepts the public URL %s', (url) => {
    expect(() => assertReachableWebhookUrl(url)).not.toThrow();
  });

  it.each([
    [
      'http://localhost:5678/webhook/x',
      /host "localhost": it is a loopback address, which only this machine can reach/,
    ],
    ['http://127.0.0.1:1880/ringcx', /loopback address/],
    ['http://[::1]/hook', /loopback address/],
    ['http://[::ffff:127.0.0.1]/hook', /loopback address/],
    ['http://[0:0:0:0:0:0:0:1]/hook', /loopback address/],
    // The URL parser turns these spellings of 127.0.0.1 into the dotted form first.
    ['http://2130706433/hook', /loopback address/],
    ['http://0x7f.1/hook', /loopback address/],
    ['http://[::ffff:10.9.8.7]/hook', /a private network address/],
    ['http://[::ffff:c0a8:101]/hook', /a private network address/],
    ['http://[::ffff:169.254.1.1]/hook', /a link-local address/],
    ['http://100.127.255.255/hook', /a private network address/],
    ['http://172.31.255.255/hook', /a private network address/],
    ['http://[fdff:ffff::1]/hook', /a private network address/],
    ['http://[febf::1]/hook', /a link-local address/],
    ['http://[::]/hook', /an unspecified address/],
    ['http://0.0.0.0:5678/hook', /an unspecified address/],
    ['http://10.1.2.3/hook', /a private network address/],
    ['http://172.20.0.5/hook', /a private network address/],
    ['http://192.168.1.20:5678/hook', /a private network address/],
    ['http://100.72.1.1/hook', /a private network address/],
    ['http://[fd12::1]/hook', /a private network address/],
    ['http://169.254.10.1/hook', /a link-local address/],
    ['http://[fe80::1]/hook', /a link-local address/],
    ['http://raspberrypi.local:1880/hook', /a local network name/],
    ['http://n8n.internal/hook', /a local network name/],
    ['http://n8n:5678/webhook/x', /a single-label name \(such as a container name\)/],
  ])('refuses %s and says why', (url, reason) => {
    let error: unknown;
    try {
      assertReachableWebhookUrl(url);
    } catch (caught) {
      error = caught;
    }
    expect(isRingCxError(error, 'config')).toBe(true);
    expect((error as Error).message).toMatch(/^Invalid webhook URL: RingCX cannot reach its host/);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toMatch(
      /RingCX sends events from the internet\. Use the address this server has on the internet/,
    );
  });

  it.each([
    ['', /it is empty/],
    ['automation.example.com/hook', /not an absolute URL/],
    [
      'ftp://automation.example.com/hook',
      /starts with "ftp:", but RingCX only calls http:\/\/ and https:\/\/ URLs/,
    ],
  ])('refuses the malformed URL %j', (url, reason) => {
    expect(() => assertReachableWebhookUrl(url)).toThrow(reason);
  });

  it('accepts a local URL when allowed (a sandbox on this machine), but still only http(s)', () => {
    expect(() =>
      assertReachableWebhookUrl('http://127.0.0.1:5678/hook', { allowPrivate: true }),
    ).not.toThrow();
    expect(() => assertReachableWebhookUrl('ws://127.0.0.1:5678/hook', { allowPrivate: true })).toThrow(
      /"ws:"/,
    );
  });

  it("ends with the platform's own advice when given", () => {
    const fix = 'Set WEBHOOK_URL to the address the internet reaches n8n at.';
    expect(() => assertReachableWebhookUrl('http://localhost:5678/webhook/x', { fix })).toThrow(
      /which only this machine can reach\. RingCX sends events from the internet\. Set WEBHOOK_URL to the address/,
    );
  });
});
