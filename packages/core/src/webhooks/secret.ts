import { createHash, timingSafeEqual } from 'node:crypto';
import { webhookRefusal } from './response.ts';

/** The header RingCX sends with every request, the handshake included, when the webhook has a secret. */
export const SECRET_HEADER = 'x-dimelo-secret';

/**
 * True when `received` equals `expected`. RingCX sends the secret itself, not a signature (no HMAC is
 * documented), so this is an equality check, done in constant time: both sides are hashed with SHA-256
 * first so that neither the content nor the length of the expected secret leaks through timing.
 */
export function secretsMatch(received: string | undefined, expected: string): boolean {
  if (received === undefined) return false;
  return timingSafeEqual(digest(received), digest(expected));
}

/**
 * Checks the `X-Dimelo-Secret` header value of a request. Throws a `RingCxError` of kind `webhook` with
 * status 401 when it is missing or different; neither value is ever quoted in the error.
 */
export function assertSecret(received: string | undefined, expected: string): void {
  if (received === undefined || received === '') {
    throw webhookRefusal(
      401,
      'Missing X-Dimelo-Secret header.',
      'Set the same secret on the RingCX webhook as on this receiver, or remove it from the receiver.',
    );
  }
  if (!secretsMatch(received, expected)) {
    throw webhookRefusal(
      401,
      'Wrong X-Dimelo-Secret header: it does not match the secret configured for this receiver.',
      'Set the same secret on the RingCX webhook as on this receiver.',
    );
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
