import { describe, expect, it } from 'vitest';
import { RingCxError } from './errors.ts';
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
    [{ account: 'acme.digital.ringcentral.com' }, 'https://acme.api.digital.ringcentral.com/1.0'],
    [
      { account: 'https://acme.engagement.dimelo.com/admin/users?tab=1#top' },
      'https://acme.api.engagement.dimelo.com/1.0',
    ],
    [{ account: 'ACME.api.digital.ringcentral.com:443' }, 'https://acme.api.digital.ringcentral.com/1.0'],
    [
      { account: 'acme-eu', host: ' DIGITAL.RINGCENTRAL.COM ' },
      'https://acme-eu.api.digital.ringcentral.com/1.0',
    ],
    [{ baseUrl: '  HTTP://LOCALHOST:4010/1.0//  ' }, 'http://localhost:4010/1.0'],
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
    [{ account: '-acme' }, /Invalid account: "-acme" is not an account name\. Enter only the first part/],
    [{ account: 'acme.example.com' }, /Invalid account: "acme\.example\.com" is not an account name/],
    [{ account: '   ' }, /Invalid account: the account name is empty/],
    [{ baseUrl: 'http://' }, /Invalid baseUrl: "http:\/\/" is not a URL\. Enter a full URL/],
  ])('rejects %j with an actionable message', (settings, message) => {
    expect(() => resolveBaseUrl(settings)).toThrow(message);
  });

  it('raises a config error that keeps a pasted token out of the message', () => {
    const error = (() => {
      try {
        resolveBaseUrl({
          baseUrl: 'https://acme.api.digital.ringcentral.com/1.0?access_token=0123456789abcdef',
        });
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(RingCxError);
    expect(error).toMatchObject({
      kind: 'config',
      hint: expect.stringMatching(/access token goes in its own field/),
    });
    expect(JSON.stringify(error)).not.toContain('0123456789abcdef');
    expect((error as Error).message).not.toContain('0123456789abcdef');
  });
});
