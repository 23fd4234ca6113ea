import { describe, expect, it } from 'vitest';
import { resolveBaseUrl } from './settings.ts';

describe('resolveBaseUrl', () => {
  it.each([
    [{ account: 'acme' }, 'https://acme.api.digital.ringcentral.com/1.0'],
    [{ account: ' ACME ', host: 'engagement.dimelo.com' }, 'https://acme.api.engagement.dimelo.com/1.0'],
    [{ account: 'https://acme.digital.ringcentral.com/' }, 'https://acme.api.digital.ringcentral.com/1.0'],
    [
      { account: 'https://Acme.API.engagement.dimelo.com/1.0/' },
      'https://acme.api.engagement.dimelo.com/1.0',
    ],
    [
      { account: 'acme', host: 'https://digital.ringcentral.com/' },
      'https://acme.api.digital.ringcentral.com/1.0',
    ],
    [{ baseUrl: 'http://127.0.0.1:4010' }, 'http://127.0.0.1:4010/1.0'],
    [{ baseUrl: 'http://127.0.0.1:4010/1.0/' }, 'http://127.0.0.1:4010/1.0'],
    [{ baseUrl: 'proxy.example.com/ringcx/1.0', account: 'ignored' }, 'https://proxy.example.com/ringcx/1.0'],
  ])('normalises %j', (settings, expected) => {
    expect(resolveBaseUrl(settings)).toBe(expected);
  });

  it.each([
    [{}, /Invalid account: the account name is empty\. Enter the first part/],
    [
      { account: 'acme', host: 'example.com' },
      /Invalid host: "example.com" is not a RingCX host\. Enter digital\.ringcentral\.com or engagement\.dimelo\.com/,
    ],
    [{ account: 'ac me!' }, /Invalid account: "ac me!" is not an account name/],
    [{ baseUrl: 'ftp://x' }, /Invalid baseUrl: .* is not an http\(s\) URL/],
    [{ baseUrl: 'http://x/1.0?access_token=abc' }, /query or fragment/],
  ])('rejects %j with an actionable message', (settings, message) => {
    expect(() => resolveBaseUrl(settings)).toThrow(message);
  });
});
