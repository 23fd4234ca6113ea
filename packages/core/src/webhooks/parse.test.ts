import { describe, expect, it } from 'vitest';
import { parseDelivery } from './parse.ts';
import { chatMessageEvent, delivery, interventionAssignedDelivery } from './test-payloads.ts';

function refusal(body: unknown): { status?: number; kind?: string; message: string } {
  try {
    parseDelivery(body);
  } catch (error) {
    return error as { status?: number; kind?: string; message: string };
  }
  throw new Error('expected parseDelivery to refuse the body');
}

describe('parseDelivery', () => {
  it('reads the guide’s intervention example', () => {
    const parsed = parseDelivery(interventionAssignedDelivery());
    expect(parsed.id).toBe('bd13a9d9baa8c20cf93046cd');
    expect(parsed.domain_id).toBe('48cc6703bdae1462ce06a555');
    expect(parsed.events).toHaveLength(1);
    expect(parsed.events[0]).toMatchObject({
      type: 'intervention.assigned',
      id: '70d340997b8cd2c6f4dfee22',
      user_id: '4f4f3a08a90ffb27ee000583',
      issued_at: '2014-02-10T18:35:35.251Z',
      resource: { type: 'intervention', id: '5464b5c04d61639684110000' },
    });
    expect(parsed.events[0]!.resource.metadata.thread_id).toBe('565739986b65795289000029');
  });

  it.each([
    ['an object', (value: object) => value],
    ['a string', (value: object) => JSON.stringify(value)],
    ['a Buffer', (value: object) => Buffer.from(JSON.stringify(value))],
    ['a Uint8Array', (value: object) => new TextEncoder().encode(JSON.stringify(value))],
    ['an ArrayBuffer', (value: object) => new TextEncoder().encode(JSON.stringify(value)).buffer],
    ['text with a byte-order mark', (value: object) => `\uFEFF${JSON.stringify(value)}`],
  ])('accepts the body as %s', (_, encode) => {
    const parsed = parseDelivery(encode(delivery([chatMessageEvent()])));
    expect(parsed.events[0]!.resource.metadata.body).toBe('hi');
  });

  it('accepts integer ids and returns them as strings (domain_id: 1 is seen in the wild)', () => {
    const event = {
      ...chatMessageEvent(),
      id: 42,
      user_id: 7,
      resource: { type: 'message', id: 9, metadata: {} },
    };
    const parsed = parseDelivery({ id: 'd1', domain_id: 1, events: [event] });
    expect(parsed.domain_id).toBe('1');
    expect(parsed.events[0]).toMatchObject({ id: '42', user_id: '7', resource: { id: '9' } });
  });

  it('keeps unknown event types and undocumented fields', () => {
    const event = { ...chatMessageEvent(), type: 'content.something_new', extra: { a: 1 } };
    const parsed = parseDelivery({ ...delivery([event]), batch: 3 });
    expect(parsed.events[0]!.type).toBe('content.something_new');
    expect(parsed.events[0]!.extra).toEqual({ a: 1 });
    expect(parsed.batch).toBe(3);
  });

  it('turns absent or null metadata into an empty object', () => {
    const event = { ...chatMessageEvent(), resource: { type: 'message', id: 'm1', metadata: null } };
    expect(parseDelivery(delivery([event])).events[0]!.resource.metadata).toEqual({});
  });

  it('keeps an event repeated inside one delivery once', () => {
    const parsed = parseDelivery(delivery([chatMessageEvent(), chatMessageEvent({ body: 'again' })]));
    expect(parsed.events.map((event) => event.resource.metadata.body)).toEqual(['hi']);
  });

  it('accepts a delivery without events', () => {
    expect(parseDelivery(delivery([])).events).toEqual([]);
  });

  it.each([
    ['an empty body', '', /the body is empty/],
    ['no body', undefined, /the body is empty/],
    ['blank text', '  \n', /the body is empty/],
    ['text that is not JSON', 'id=1&events=2', /the body is not JSON/],
    ['JSON with a syntax error', '{x}', /the body is not JSON \(error at character 1\)/],
    ['truncated JSON', '{"id":"d1","events":[', /the body is not JSON/],
    ['bytes that are not UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), /the body is not UTF-8 text/],
    ['a JSON array', '[]', /the body must be a JSON object, not an array/],
    ['a JSON string', '"hello"', /the body must be a JSON object, not a string/],
    ['no events', { id: 'd1', domain_id: 'x' }, /events is missing/],
    [
      'events as an object',
      { id: 'd1', domain_id: 'x', events: {} },
      /events must be an array, not an object/,
    ],
    ['no delivery id', { domain_id: 'x', events: [] }, /: id is missing/],
    [
      'a boolean domain_id',
      { id: 'd', domain_id: true, events: [] },
      /domain_id must be a string or integer id, not a boolean/,
    ],
    [
      'an event that is not an object',
      delivery(['content.imported']),
      /events\[0\] must be an object, not a string/,
    ],
    [
      'an empty event type',
      delivery([{ ...chatMessageEvent(), type: '' }]),
      /events\[0\].type must be a non-empty string, not an empty string/,
    ],
    [
      'no issued_at',
      delivery([{ ...chatMessageEvent(), issued_at: undefined }]),
      /events\[0\].issued_at is missing/,
    ],
    [
      'no resource',
      delivery([{ ...chatMessageEvent(), resource: undefined }]),
      /events\[0\].resource is missing/,
    ],
    [
      'a fractional id',
      delivery([{ ...chatMessageEvent(), id: 1.5 }]),
      /events\[0\].id must be a string or integer id, not a number/,
    ],
    [
      'a string metadata',
      delivery([{ ...chatMessageEvent(), resource: { type: 'message', id: 'm', metadata: 'x' } }]),
      /events\[0\].resource.metadata must be an object/,
    ],
    [
      'a numeric action',
      delivery([{ ...chatMessageEvent(), action: 3 }]),
      /events\[0\].action must be a string/,
    ],
  ])('refuses %s with a 400 naming the problem', (_, body, message) => {
    const error = refusal(body);
    expect(error).toMatchObject({ kind: 'webhook', status: 400 });
    expect(error.message).toMatch(/^Invalid RingCX webhook delivery: /);
    expect(error.message).toMatch(message);
  });

  it('names every broken field of every event, up to five', () => {
    const broken = { type: 'content.imported', resource: { type: 'message' } };
    const twoBroken = refusal(delivery([chatMessageEvent(), broken]));
    expect(twoBroken.message).toBe(
      'Invalid RingCX webhook delivery: events[1].id is missing; events[1].issued_at is missing; events[1].resource.id is missing.',
    );
    const many = refusal(delivery([{}, {}, {}]));
    expect(many.message).toMatch(/events\[0\].type is missing; .*; and \d+ more\.$/);
  });

  it('does not quote the body in its refusal', () => {
    const error = refusal('not json, contains customer-private-words');
    expect(error.message).not.toContain('customer-private-words');
  });
});
