import { createHmac } from 'node:crypto';
import { registerSecret, RingCxError } from '../errors.ts';

export interface WebhookCredentials {
  /** For `verify_token` when creating the webhook, and for checking `hub.verify_token`. */
  verifyToken: string;
  /** For `secret` when creating the webhook, and for checking `X-Dimelo-Secret`. */
  secret: string;
}

/** The shortest key accepted: anything shorter is guessable. */
const MIN_KEY_LENGTH = 16;

/**
 * Derives the verify token and the secret of a webhook from a key the caller keeps (a credential
 * field, an instance secret) and the webhook URL, so that the receiver can check the handshake and
 * every delivery with nothing saved in between: it derives them again from the URL it is called on.
 *
 * Each value is HMAC-SHA256(key, label + "\n" + URL) in unpadded base64url: 43 URL-safe ASCII
 * characters, well within RingCX's limit of 255. The two labels differ, so the verify token (which
 * the API shows back in webhook listings) reveals nothing about the secret. The URL is normalised
 * first (scheme and host in lower case, fragment dropped; path and query kept exactly), so pass the
 * URL RingCX is given, not the URL of a request (which carries the handshake's query). Both values are registered for redaction from error messages.
 */
export function deriveWebhookCredentials(key: string, webhookUrl: string): WebhookCredentials {
  if (typeof key !== 'string' || key.length < MIN_KEY_LENGTH) {
    throw new RingCxError({
      kind: 'config',
      message: `Invalid webhook key: it must be at least ${MIN_KEY_LENGTH} characters long.`,
      hint: 'Use a long random value that stays the same for the life of the webhook.',
    });
  }
  const url = URL.canParse(webhookUrl) ? new URL(webhookUrl) : undefined;
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new RingCxError({
      kind: 'config',
      message:
        'Invalid webhook URL: it must be an absolute http(s) URL, such as https://example.com/hooks/ringcx.',
    });
  }
  url.hash = '';
  const derive = (label: string) =>
    createHmac('sha256', key).update(`${label}\n${url.href}`, 'utf8').digest('base64url');
  const credentials = {
    verifyToken: derive('ringcx-webhook-verify-token'),
    secret: derive('ringcx-webhook-secret'),
  };
  registerSecret(credentials.verifyToken);
  registerSecret(credentials.secret);
  return credentials;
}
