import { describe, expect, it } from 'vitest';
import { parseDelivery } from './parse.ts';
import {
  AGENT_USER_ID,
  BOT_IDENTITY_ID,
  BOT_USER_ID,
  botReplyEvent,
  CHAT_SOURCE_ID,
  chatMessageEvent,
  delivery,
  EMAIL_SOURCE_ID,
  interventionEvent,
  privateNoteEvent,
} from './test-payloads.ts';
import {
  getWebhookTrigger,
  registeredEventsFor,
  selectEvents,
  WEBHOOK_TRIGGER_NAMES,
  WEBHOOK_TRIGGERS,
  type TriggerOptions,
  type WebhookTriggerName,
} from './triggers.ts';
import { isContentEvent, isInterventionEvent, type WebhookEvent } from './types.ts';

/** Events go through the parser first, as they do in the receiver. */
function parsed(...events: object[]): WebhookEvent[] {
  return parseDelivery(delivery(events)).events;
}

function firing(event: object, options?: TriggerOptions): WebhookTriggerName[] {
  const [parsedEvent] = parsed(event);
  return WEBHOOK_TRIGGER_NAMES.filter((name) => WEBHOOK_TRIGGERS[name].matches(parsedEvent!, options));
}

describe('the trigger table', () => {
  it('names every trigger in the shared vocabulary, with the events to register', () => {
    expect(
      Object.fromEntries(
        WEBHOOK_TRIGGER_NAMES.map((name) => [WEBHOOK_TRIGGERS[name].label, WEBHOOK_TRIGGERS[name].events]),
      ),
    ).toMatchObject({
      'New Thread': ['content.imported'],
      'New Customer Message': ['content.imported'],
      'Message Replied': ['content.replied'],
      'Intervention Opened': ['intervention.opened'],
      'Intervention Closed': ['intervention.closed'],
      'Intervention Assigned': ['intervention.assigned'],
      'Intervention Reassigned': ['intervention.user_updated'],
      'Intervention Cancelled': ['intervention.canceled'],
      'Intervention Reopened': ['intervention.reopened'],
      'Intervention Recategorized': ['intervention.recategorized'],
      'Thread Closed': ['content.thread_closed'],
      'Thread Opened': ['content.thread_opened'],
    });
    expect(WEBHOOK_TRIGGERS.raw.events).toContain('task.completed');
    for (const name of WEBHOOK_TRIGGER_NAMES)
      expect(WEBHOOK_TRIGGERS[name].description.length).toBeGreaterThan(20);
  });

  it('finds a trigger by name, and names the valid ones when it cannot', () => {
    expect(getWebhookTrigger('new_thread').label).toBe('New Thread');
    expect(() => getWebhookTrigger('new_message')).toThrow(
      /Unknown webhook trigger "new_message". Use one of: new_thread, /,
    );
    expect(() => getWebhookTrigger('toString')).toThrow(/Unknown webhook trigger/);
  });

  it('lists the events to register for several triggers once each', () => {
    expect(registeredEventsFor(['new_thread', 'new_customer_message', 'intervention_closed'])).toEqual([
      'content.imported',
      'intervention.closed',
    ]);
    expect(registeredEventsFor(['raw'], { eventTypes: ['task.created'] })).toEqual(['task.created']);
    expect(registeredEventsFor(['raw'])).toEqual(WEBHOOK_TRIGGERS.raw.events);
  });
});

describe('customer-message triggers', () => {
  it('fire New Customer Message for a chat message with private: true (every chat message has it)', () => {
    expect(firing(chatMessageEvent())).toEqual(['new_customer_message', 'raw']);
  });

  it('fire New Thread too for the first message of a thread', () => {
    expect(firing(chatMessageEvent({ first_in_thread: true }))).toEqual([
      'new_thread',
      'new_customer_message',
      'raw',
    ]);
  });

  it('ignore the bot’s reply, even when RingCX reports it as imported', () => {
    expect(firing(botReplyEvent('content.imported'))).toEqual(['raw']);
  });

  it('ignore an agent’s private note, whatever its status', () => {
    expect(firing(privateNoteEvent())).toEqual(['raw']);
  });

  it('ignore contents with an agent status even without a creator', () => {
    expect(firing(chatMessageEvent({ status: 'user_initiated', first_in_thread: true }))).toEqual(['raw']);
  });

  it('ignore messages from the caller’s own identities', () => {
    const echoed = chatMessageEvent({ author_id: BOT_IDENTITY_ID, creator_id: null });
    expect(firing(echoed)).toEqual(['new_customer_message', 'raw']);
    expect(firing(echoed, { ownIdentityIds: [BOT_IDENTITY_ID] })).toEqual([]);
  });
});

describe('other triggers', () => {
  it('fire Message Replied for an agent’s or bot’s reply, and skip the caller’s own', () => {
    expect(firing(botReplyEvent())).toEqual(['message_replied', 'raw']);
    expect(firing(botReplyEvent(), { ownUserIds: [BOT_USER_ID] })).toEqual([]);
    expect(firing(botReplyEvent(), { ownUserIds: [AGENT_USER_ID] })).toEqual(['message_replied', 'raw']);
  });

  it.each([
    ['intervention.opened', 'intervention_opened'],
    ['intervention.closed', 'intervention_closed'],
    ['intervention.assigned', 'intervention_assigned'],
    ['intervention.user_updated', 'intervention_reassigned'],
    ['intervention.canceled', 'intervention_cancelled'],
    ['intervention.reopened', 'intervention_reopened'],
    ['intervention.recategorized', 'intervention_recategorized'],
    ['content.thread_closed', 'thread_closed'],
    ['content.thread_opened', 'thread_opened'],
  ])('fire for %s: %s', (type, trigger) => {
    expect(firing(interventionEvent(type))).toEqual([trigger, 'raw']);
  });

  it('pass unknown event types to raw only', () => {
    expect(firing(interventionEvent('intervention.something_new'))).toEqual(['raw']);
    expect(firing(interventionEvent('content.thread_auto_closed'))).toEqual(['raw']);
  });

  it('let raw pass only the chosen event types', () => {
    const event = interventionEvent('intervention.deferred');
    expect(firing(event, { eventTypes: ['intervention.deferred'] })).toContain('raw');
    expect(firing(event, { eventTypes: ['task.created'] })).not.toContain('raw');
  });
});

describe('filters', () => {
  it('keep only the chosen sources, given as one id or many', () => {
    const chat = chatMessageEvent();
    expect(firing(chat, { sourceIds: CHAT_SOURCE_ID })).toContain('new_customer_message');
    expect(firing(chat, { sourceIds: [EMAIL_SOURCE_ID, CHAT_SOURCE_ID] })).toContain('new_customer_message');
    expect(firing(chat, { sourceIds: [EMAIL_SOURCE_ID] })).toEqual([]);
    expect(firing(interventionEvent('intervention.closed'), { sourceIds: [EMAIL_SOURCE_ID] })).toContain(
      'intervention_closed',
    );
  });

  it('treat blank source ids as no filter, and let events without a source through', () => {
    expect(firing(chatMessageEvent(), { sourceIds: ['', ' '] })).toContain('new_customer_message');
    const agentEvent = {
      type: 'push_agent.connected',
      id: 'p1',
      issued_at: 'x',
      resource: { type: 'user', id: 'u1' },
    };
    expect(firing(agentEvent, { sourceIds: [EMAIL_SOURCE_ID] })).toEqual(['raw']);
  });

  it('skip events of threads in a human-only category', () => {
    const handedOver = chatMessageEvent({ category_ids: ['bot-category', 'agent-category'] });
    expect(firing(handedOver, { humanCategoryIds: ['agent-category'] })).toEqual([]);
    expect(firing(handedOver, { humanCategoryIds: ['other'] })).toEqual(['new_customer_message', 'raw']);
  });
});

describe('selectEvents', () => {
  it('asks isOwnedByHuman only about events that matched everything else, and keeps order', async () => {
    const customer1 = chatMessageEvent({ thread_id: 't1' }, { id: 'c1' });
    const customer2 = chatMessageEvent({ thread_id: 't2' }, { id: 'c2' });
    const events = parsed(botReplyEvent('content.imported'), customer1, privateNoteEvent(), customer2);
    const asked: string[] = [];
    const selected = await selectEvents('new_customer_message', events, {
      ownUserIds: [BOT_USER_ID],
      isOwnedByHuman: async (event) => {
        asked.push(event.id);
        return event.resource.metadata.thread_id === 't1';
      },
    });
    expect(asked).toEqual(['c1', 'c2']);
    expect(selected.map((event) => event.id)).toEqual(['c2']);
  });

  it('works without a predicate and with a trigger object', async () => {
    const events = parsed(chatMessageEvent({ first_in_thread: true }), chatMessageEvent({}, { id: 'c2' }));
    expect(await selectEvents(WEBHOOK_TRIGGERS.new_thread, events)).toHaveLength(1);
  });
});

describe('event narrowing', () => {
  it('tells content events from intervention events', () => {
    const [content, intervention] = parsed(chatMessageEvent(), interventionEvent('intervention.closed'));
    expect([isContentEvent(content!), isInterventionEvent(content!)]).toEqual([true, false]);
    expect([isContentEvent(intervention!), isInterventionEvent(intervention!)]).toEqual([false, true]);
    if (isContentEvent(content!)) expect(content.resource.metadata.private).toBe(true);
  });
});
