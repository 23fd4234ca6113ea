import { webhookRefusal } from './response.ts';
import type { EventMetadata, WebhookDelivery, WebhookEvent } from './types.ts';

/** How many problems a refusal lists before summarising the rest. */
const MAX_LISTED_PROBLEMS = 5;

/**
 * Reads and checks one delivery: `{id, domain_id, events: [{type, id, issued_at, resource: {type, id,
 * metadata}, user_id?, action?}]}`.
 *
 * - `body` may be the raw bytes (Buffer, Uint8Array, ArrayBuffer; UTF-8), the text, or an object a
 *   body parser already produced.
 * - Ids (`id`, `domain_id`, `events[].id`, `resource.id`, `user_id`) may be strings or integers; they
 *   come out as strings.
 * - `resource.metadata` may be absent or null (it becomes `{}`); every other field listed is required.
 * - Event types are not checked against any list: unknown ones are kept, never dropped.
 * - An event repeated inside one delivery (same id) is kept once.
 * - Fields beyond the documented ones are kept as they are.
 *
 * Anything else throws a `RingCxError` of kind `webhook`, status 400, whose message names every
 * offending field by its path (`events[1].resource.id is missing`). Values are never quoted.
 */
export function parseDelivery(body: unknown): WebhookDelivery {
  const value = decode(body);
  if (!isObject(value)) {
    throw invalid([`the body must be a JSON object, not ${describe(value)}`]);
  }
  const problems: string[] = [];
  const id = readId(value, 'id', '', problems);
  const domainId = readId(value, 'domain_id', '', problems);
  const events: WebhookEvent[] = [];
  if (!Array.isArray(value.events)) {
    problems.push(
      value.events === undefined
        ? 'events is missing'
        : `events must be an array, not ${describe(value.events)}`,
    );
  } else {
    const seen = new Set<string>();
    value.events.forEach((raw: unknown, index) => {
      const event = readEvent(raw, `events[${index}]`, problems);
      if (event && !seen.has(event.id)) {
        seen.add(event.id);
        events.push(event);
      }
    });
  }
  if (problems.length > 0) throw invalid(problems);
  return { ...value, id: id!, domain_id: domainId!, events };
}

function readEvent(raw: unknown, path: string, problems: string[]): WebhookEvent | undefined {
  if (!isObject(raw)) {
    problems.push(`${path} must be an object, not ${describe(raw)}`);
    return undefined;
  }
  const before = problems.length;
  const type = readString(raw, 'type', path, problems);
  const id = readId(raw, 'id', path, problems);
  const issuedAt = readString(raw, 'issued_at', path, problems);
  const resource = readResource(raw.resource, `${path}.resource`, problems);
  const userId = readOptionalId(raw, 'user_id', path, problems);
  if (raw.action !== undefined && raw.action !== null && typeof raw.action !== 'string') {
    problems.push(`${path}.action must be a string, not ${describe(raw.action)}`);
  }
  if (problems.length > before) return undefined;
  return {
    ...raw,
    type: type!,
    id: id!,
    issued_at: issuedAt!,
    resource: resource!,
    ...(userId === undefined ? {} : { user_id: userId }),
  } as WebhookEvent;
}

function readResource(raw: unknown, path: string, problems: string[]): WebhookEvent['resource'] | undefined {
  if (!isObject(raw)) {
    problems.push(
      raw === undefined ? `${path} is missing` : `${path} must be an object, not ${describe(raw)}`,
    );
    return undefined;
  }
  const type = readString(raw, 'type', path, problems);
  const id = readId(raw, 'id', path, problems);
  let metadata: EventMetadata = {};
  if (isObject(raw.metadata)) metadata = raw.metadata;
  else if (raw.metadata !== undefined && raw.metadata !== null) {
    problems.push(`${path}.metadata must be an object, not ${describe(raw.metadata)}`);
  }
  if (type === undefined || id === undefined) return undefined;
  return { ...raw, type, id, metadata };
}

function readString(
  object: Record<string, unknown>,
  key: string,
  path: string,
  problems: string[],
): string | undefined {
  const value = object[key];
  if (typeof value === 'string' && value !== '') return value;
  problems.push(
    value === undefined
      ? `${join(path, key)} is missing`
      : `${join(path, key)} must be a non-empty string, not ${describe(value)}`,
  );
  return undefined;
}

function readId(
  object: Record<string, unknown>,
  key: string,
  path: string,
  problems: string[],
): string | undefined {
  const id = toId(object[key]);
  if (id !== undefined) return id;
  const value = object[key];
  problems.push(
    value === undefined || value === null
      ? `${join(path, key)} is missing`
      : `${join(path, key)} must be a string or integer id, not ${describe(value)}`,
  );
  return undefined;
}

/** Absent stays absent, null stays null, an id becomes a string; anything else is a problem. */
function readOptionalId(
  object: Record<string, unknown>,
  key: string,
  path: string,
  problems: string[],
): string | null | undefined {
  const value = object[key];
  if (value === undefined || value === null) return value;
  const id = toId(value);
  if (id === undefined) {
    problems.push(`${join(path, key)} must be a string or integer id, not ${describe(value)}`);
  }
  return id;
}

function toId(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

function decode(body: unknown): unknown {
  let text: string;
  if (typeof body === 'string') text = body;
  else if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      throw invalid(['the body is not UTF-8 text']);
    }
  } else if (body === undefined || body === null) text = '';
  else return body;

  // TextDecoder drops a byte-order mark; a string may still start with one.
  text = text.replace(/^\uFEFF/, '').trim();
  if (text === '') throw invalid(['the body is empty']);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    // The parser's own message quotes part of the body; keep only where it stopped.
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw invalid([
      `the body is not JSON${position === undefined ? '' : ` (error at character ${position})`}`,
    ]);
  }
}

function invalid(problems: readonly string[]) {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  const rest = problems.length - listed.length;
  return webhookRefusal(
    400,
    `Invalid RingCX webhook delivery: ${listed.join('; ')}${rest > 0 ? `; and ${rest} more` : ''}.`,
    'RingCX deliveries are JSON objects {id, domain_id, events: [{type, id, issued_at, resource: {type, id, metadata}}]}.',
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value === '') return 'an empty string';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
