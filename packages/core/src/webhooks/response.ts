import { RingCxError } from '../errors.ts';

/** The answer to send back, independent of the framework. Header names are lower case. */
export interface WebhookResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A plain-text answer. The body is never interpreted by a browser (`nosniff`) nor cached. */
export function textResponse(status: number, body: string): WebhookResponse {
  return {
    status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

/**
 * A request the receiver refuses, as a `RingCxError` of kind `webhook` whose `status` is the HTTP status
 * to answer. `message` becomes the response body, so it must be short and must not quote credentials.
 */
export function webhookRefusal(status: number, message: string, hint?: string): RingCxError {
  return new RingCxError({ kind: 'webhook', status, message, hint, retryable: status >= 500 });
}

/** The response for a refusal: its status, and its message as the reason. */
export function refusalResponse(error: RingCxError): WebhookResponse {
  return textResponse(error.status ?? 500, error.message);
}
