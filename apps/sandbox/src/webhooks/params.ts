import { validationError } from '../http/errors.ts';
import { optionalBoolean, optionalString, optionalStringArray, type Params } from '../http/params.ts';
import { REGISTRABLE_EVENT_TYPES } from './event-names.ts';

/** What a create or update asked for; `null` clears an optional text field. */
export interface WebhookInput {
  url?: string;
  registeredEvents?: string[];
  active?: boolean;
  stagingUse?: boolean;
  name?: string | null;
  verifyToken?: string | null;
  secret?: string | null;
}

/** Reads and checks the webhook fields; `create` makes `url` and `registered_events` required. */
export function parseWebhookInput(params: Params, mode: 'create' | 'update'): WebhookInput {
  const input: WebhookInput = {};
  const url = optionalString(params, 'url');
  if (url !== undefined && url.trim() !== '') input.url = checkUrl(url);
  else if (mode === 'create' || url !== undefined) {
    throw validationError(
      '"url" is required: give the http or https address that should receive the events.',
    );
  }

  const events = readEvents(params);
  if (events !== undefined) input.registeredEvents = events;
  else if (mode === 'create') {
    throw validationError(
      '"registered_events" is required: list at least one event type, e.g. registered_events[]=content.imported.',
    );
  }

  const active = optionalBoolean(params, 'active');
  if (active !== undefined) input.active = active;
  const stagingUse = optionalBoolean(params, 'staging_use');
  if (stagingUse !== undefined) input.stagingUse = stagingUse;

  const name = optionalText(params, 'name');
  if (name !== undefined) input.name = name;
  const verifyToken = optionalText(params, 'verify_token');
  if (verifyToken !== undefined) input.verifyToken = verifyToken;
  const secret = optionalText(params, 'secret');
  if (secret !== undefined) input.secret = checkSecret(secret);
  return input;
}

/** A text field: undefined when absent, null when sent empty (which clears it). */
function optionalText(params: Params, field: string): string | null | undefined {
  const value = optionalString(params, field);
  return value === '' ? null : value;
}

function checkUrl(value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw validationError(`"url" must be an absolute http or https address, got ${JSON.stringify(value)}.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw validationError(`"url" must use http or https, got ${JSON.stringify(parsed.protocol)}.`);
  }
  return value;
}

function checkSecret(value: string | null): string | null {
  // Never echo the value: it is a credential.
  if (value !== null && (value.length > 255 || !/^[\x20-\x7e]*$/.test(value))) {
    throw validationError(
      '"secret" must be printable ASCII characters only and at most 255 characters long.',
    );
  }
  return value;
}

function readEvents(params: Params): string[] | undefined {
  const values = optionalStringArray(params, 'registered_events');
  if (values === undefined) return undefined;
  const names = [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
  if (names.length === 0) {
    throw validationError('"registered_events" must list at least one event type, e.g. content.imported.');
  }
  const unknown = names.filter((name) => !REGISTRABLE_EVENT_TYPES.has(name));
  if (unknown.length > 0) {
    throw validationError(
      `"registered_events" has unknown event types: ${unknown.join(', ')}. ` +
        'Use the names of the webhook event list, such as content.imported, content.replied or intervention.opened.',
    );
  }
  return names;
}
