import { describe, expect, it } from 'vitest';
import { isRingCxError } from '../errors.ts';
import { assertSecret, secretsMatch } from './secret.ts';

const secret = 'a-webhook-secret-9e41';

describe('secretsMatch', () => {
  it('is true only for the exact same value', () => {
    expect(secretsMatch(secret, secret)).toBe(true);
    expect(secretsMatch('a-webhook-secret-9e42', secret)).toBe(false);
    expect(secretsMatch(secret.toUpperCase(), secret)).toBe(false);
    expect(secretsMatch(undefined, secret)).toBe(false);
  });

  it('compares values of any length through fixed-size digests, so a length mismatch does not throw', () => {
    // timingSafeEqual throws on buffers of different lengths; digests always have 32 bytes.
    expect(secretsMatch('', secret)).toBe(false);
    expect(secretsMatch('x', secret)).toBe(false);
    expect(secretsMatch(secret.repeat(100), secret)).toBe(false);
    expect(secretsMatch('é', 'é')).toBe(true);
  });
});

describe('assertSecret', () => {
  it('passes the right value', () => {
    expect(() => assertSecret(secret, secret)).not.toThrow();
  });

  it.each([
    ['missing', undefined, /Missing X-Dimelo-Secret header/],
    ['empty', '', /Missing X-Dimelo-Secret header/],
    ['wrong', 'not-the-secret-at-all', /Wrong X-Dimelo-Secret header/],
  ])('refuses a %s header with 401, quoting neither value', (_, received, message) => {
    let caught: unknown;
    try {
      assertSecret(received, secret);
    } catch (error) {
      caught = error;
    }
    expect(isRingCxError(caught, 'webhook')).toBe(true);
    const error = caught as Error & { status: number; hint: string };
    expect(error.status).toBe(401);
    expect(error.message).toMatch(message);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain('not-the-secret-at-all');
  });
});
