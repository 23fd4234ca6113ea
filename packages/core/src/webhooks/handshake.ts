import { isRingCxError } from '../errors.ts';
import { readHeader, readQueryParam, type WebhookRequest } from './request.ts';
import { refusalResponse, textResponse, webhookRefusal, type WebhookResponse } from './response.ts';
import { assertSecret, SECRET_HEADER, secretsMatch } from './secret.ts';

export interface HandshakeOptions {
  /**
   * The `verify_token` the RingCX webhook was created with. When unset, any token is accepted (the API
   * lets a webhook have none); set it, or a secret, so that nobody else can point a webhook here.
   */
  verifyToken?: string;
  /** The webhook's secret. Checked on the handshake only when RingCX sends the header. */
  secret?: string;
}

/**
 * Checks the verification request RingCX sends when a webhook is created, re-activated or its secret
 * changes: `GET <url>?hub.mode=subscribe&hub.challenge=<random>&hub.verify_token=<token>`, and returns
 * the challenge to echo. The rule, in the order applied:
 *
 * 1. `hub.mode` must be `subscribe` (any case) and `hub.challenge` non-empty, else **400** (malformed).
 * 2. When a secret is configured and the `X-Dimelo-Secret` header is present, it must match, else
 *    **401**. A missing header is tolerated here: the verify token already proves the sender, and the
 *    header is enforced on every delivery.
 * 3. When a verify token is configured, `hub.verify_token` must match it (constant time), else **403**:
 *    the request is well-formed but was not made for this receiver.
 *
 * A refusal is thrown as a `RingCxError` of kind `webhook` whose `status` is the one to answer; its
 * message is a one-line reason that never quotes the expected or received credentials. The guide's
 * advice to check the handshake's content-type is not applied: what RingCX sends is not documented,
 * and a GET has no body to type.
 */
export function verifyHandshake(
  request: Pick<WebhookRequest, 'query' | 'url' | 'headers'>,
  options: HandshakeOptions,
): string {
  const mode = readQueryParam(request, 'hub.mode');
  const challenge = readQueryParam(request, 'hub.challenge');
  const token = readQueryParam(request, 'hub.verify_token');

  if (mode === undefined) {
    throw webhookRefusal(
      400,
      'Not a RingCX webhook handshake: expected hub.mode=subscribe, hub.challenge and hub.verify_token in the query.',
    );
  }
  if (mode.toLowerCase() !== 'subscribe') {
    throw webhookRefusal(
      400,
      `Malformed handshake: hub.mode is "${mode.slice(0, 40)}", expected "subscribe".`,
    );
  }
  if (!challenge) throw webhookRefusal(400, 'Malformed handshake: hub.challenge is missing or empty.');

  const header = readHeader(request.headers, SECRET_HEADER);
  if (options.secret && header !== undefined) assertSecret(header, options.secret);

  if (options.verifyToken && !secretsMatch(token, options.verifyToken)) {
    throw webhookRefusal(
      403,
      token
        ? 'Wrong hub.verify_token: it does not match the verify token configured for this receiver.'
        : 'Missing hub.verify_token: this receiver expects the verify token it was configured with.',
      'Create the RingCX webhook with the same verify token as this receiver.',
    );
  }
  return challenge;
}

/**
 * The whole answer to a handshake: **200** with the bare challenge as a `text/plain` body (what RingCX
 * compares), or the refusal of `verifyHandshake` (400, 401 or 403) with its reason as body.
 */
export function answerHandshake(
  request: Pick<WebhookRequest, 'query' | 'url' | 'headers'>,
  options: HandshakeOptions,
): WebhookResponse {
  try {
    return textResponse(200, verifyHandshake(request, options));
  } catch (error) {
    if (isRingCxError(error, 'webhook')) return refusalResponse(error);
    throw error;
  }
}
