import { isRingCxError, RingCxError } from '@ringcx-connectors/core';

/**
 * The error handed to `done(err)`. Node-RED copies an error's `message`, `code`, `stack` and `cause`
 * onto `msg.error` for Catch nodes, so a RingCxError becomes: `code` = its kind (`not_found`, `auth`,
 * `rate_limit`, …) to switch on, and `cause` = its details (`status`, the API's `code` and message,
 * `hint`, `retryable`, …). The message ends with what to do. Nothing here ever holds the token.
 */
export function nodeError(error: unknown): Error {
  if (!isRingCxError(error)) return error instanceof Error ? error : new Error(String(error));
  const hint = error.hint && !error.message.includes(error.hint) ? ` ${error.hint}` : '';
  const wrapped = new Error(`${error.message}${hint}`, { cause: error.toJSON() }) as Error & { code: string };
  wrapped.name = 'RingCxError';
  wrapped.code = error.kind;
  return wrapped;
}

/** A setting the user must fix, as a `config` RingCxError (nothing was sent). */
export function configError(message: string): RingCxError {
  return new RingCxError({ kind: 'config', message });
}
