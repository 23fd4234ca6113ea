import { describe, expect, it } from 'vitest';
import { answerHandshake, verifyHandshake } from './handshake.ts';

const verifyToken = 'verify-token-4f1c9a';
const secret = 'shared-secret-77d2e0';

function handshakeUrl(params: Record<string, string>): string {
  return `/hooks/ringcx?${new URLSearchParams(params).toString()}`;
}

const valid = { 'hub.mode': 'subscribe', 'hub.challenge': 'c4a1-challenge', 'hub.verify_token': verifyToken };

describe('answerHandshake', () => {
  it('answers 200 with the bare challenge as text/plain', () => {
    const response = answerHandshake({ url: handshakeUrl(valid) }, { verifyToken });
    expect(response.status).toBe(200);
    expect(response.body).toBe('c4a1-challenge');
    expect(response.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it.each([
    ['a path-and-query URL', { url: handshakeUrl(valid) }],
    ['an absolute URL', { url: `https://example.com${handshakeUrl(valid)}` }],
    ['URLSearchParams', { query: new URLSearchParams(valid) }],
    [
      'an Express-style query object with repeated values',
      { query: { ...valid, 'hub.challenge': ['c4a1-challenge', 'x'] } },
    ],
  ])('reads the query from %s', (_, request) => {
    expect(answerHandshake(request, { verifyToken }).body).toBe('c4a1-challenge');
  });

  it('accepts the mode in any case', () => {
    expect(
      answerHandshake({ url: handshakeUrl({ ...valid, 'hub.mode': 'SUBSCRIBE' }) }, { verifyToken }).status,
    ).toBe(200);
  });

  it.each([
    ['no hub parameters (a browser visit)', {}, /Not a RingCX webhook handshake/],
    [
      'another mode',
      { ...valid, 'hub.mode': 'unsubscribe' },
      /hub.mode is "unsubscribe", expected "subscribe"/,
    ],
    [
      'no challenge',
      { 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken },
      /hub.challenge is missing/,
    ],
    ['an empty challenge', { ...valid, 'hub.challenge': '' }, /hub.challenge is missing or empty/],
  ])('answers 400 for %s', (_, params, reason) => {
    const response = answerHandshake({ url: handshakeUrl(params) }, { verifyToken });
    expect(response.status).toBe(400);
    expect(response.body).toMatch(reason);
  });

  it.each([
    ['a wrong token', { ...valid, 'hub.verify_token': 'verify-token-4f1c9b' }, /Wrong hub.verify_token/],
    [
      'a longer wrong token',
      { ...valid, 'hub.verify_token': `${verifyToken}-and-more` },
      /Wrong hub.verify_token/,
    ],
    ['no token', { 'hub.mode': 'subscribe', 'hub.challenge': 'c' }, /Missing hub.verify_token/],
  ])('answers 403 for %s, without quoting either token', (_, params, reason) => {
    const response = answerHandshake({ url: handshakeUrl(params) }, { verifyToken });
    expect(response.status).toBe(403);
    expect(response.body).toMatch(reason);
    expect(response.body).not.toContain(verifyToken);
    expect(response.body).not.toContain('4f1c9b');
  });

  it('accepts any token when none is configured', () => {
    expect(answerHandshake({ url: handshakeUrl({ ...valid, 'hub.verify_token': 'x' }) }, {}).status).toBe(
      200,
    );
  });

  describe('with a secret configured', () => {
    const url = handshakeUrl(valid);

    it('accepts the right X-Dimelo-Secret header, from a plain object or Headers', () => {
      expect(
        answerHandshake({ url, headers: { 'X-Dimelo-Secret': secret } }, { verifyToken, secret }).status,
      ).toBe(200);
      const headers = new Headers({ 'x-dimelo-secret': secret });
      expect(answerHandshake({ url, headers }, { verifyToken, secret }).status).toBe(200);
    });

    it('answers 401 for a wrong header, without quoting it', () => {
      const response = answerHandshake(
        { url, headers: { 'x-dimelo-secret': 'guessed-secret' } },
        { verifyToken, secret },
      );
      expect(response.status).toBe(401);
      expect(response.body).toMatch(/Wrong X-Dimelo-Secret/);
      expect(response.body).not.toContain('guessed-secret');
      expect(response.body).not.toContain(secret);
    });

    it('tolerates a missing header: the verify token proves the sender', () => {
      expect(answerHandshake({ url }, { verifyToken, secret }).status).toBe(200);
    });

    it('still checks the verify token when the secret matches', () => {
      const wrongToken = handshakeUrl({ ...valid, 'hub.verify_token': 'nope' });
      const headers = { 'x-dimelo-secret': secret };
      expect(answerHandshake({ url: wrongToken, headers }, { verifyToken, secret }).status).toBe(403);
    });
  });
});

describe('verifyHandshake', () => {
  it('returns the challenge, or throws a webhook error carrying the status to answer', () => {
    expect(verifyHandshake({ query: valid }, { verifyToken })).toBe('c4a1-challenge');
    expect(() => verifyHandshake({ query: { ...valid, 'hub.verify_token': 'no' } }, { verifyToken })).toThrow(
      expect.objectContaining({ kind: 'webhook', status: 403 }),
    );
  });
});
