/**
 * Deliveries shaped like the official examples of the webhook guide, for the tests of this folder.
 * Builders return fresh objects so a test can change them freely.
 */
import type { WebhookEvent } from './types.ts';

export const BOT_USER_ID = '5fbd5affc9215d0007850001';
export const BOT_IDENTITY_ID = '5fbd5affc9215d0007850002';
export const AGENT_USER_ID = '52fcf5157aa58dd768000006';
export const CUSTOMER_IDENTITY_ID = '5fbd5affc9215d0007851a11';
export const CHAT_SOURCE_ID = '5fbd57d00b9c80000c35bd52';
export const EMAIL_SOURCE_ID = '56178fd27765625e06000a66';

/** The guide's `intervention.assigned` delivery. */
export function interventionAssignedDelivery() {
  return {
    id: 'bd13a9d9baa8c20cf93046cd',
    domain_id: '48cc6703bdae1462ce06a555',
    events: [interventionEvent('intervention.assigned')],
  };
}

export function interventionEvent(type: string, id = '70d340997b8cd2c6f4dfee22') {
  return {
    type,
    id,
    user_id: '4f4f3a08a90ffb27ee000583',
    resource: {
      type: 'intervention',
      id: '5464b5c04d61639684110000',
      metadata: {
        custom_field_values: { sample_field: null },
        category_ids: ['4f3951557aa58d1462017a8f', '50895dbea90ffb3c35001ace'],
        closed_at: null,
        deferred_at: null,
        identity_id: '557f003c7765620fdc0002cc',
        source_id: EMAIL_SOURCE_ID,
        thread_id: '565739986b65795289000029',
        user_id: AGENT_USER_ID,
      },
    },
    issued_at: '2014-02-10T18:35:35.251Z',
  };
}

/**
 * The guide's `content.imported` event for a RingCX Messaging (web chat) message: a customer's
 * message, with `private: true` as every message on a messaging channel has.
 */
export function chatMessageEvent(
  metadata: Record<string, unknown> = {},
  { id = '5fbeb3195eca7b0007f5e586', type = 'content.imported' } = {},
) {
  return {
    type,
    id,
    issued_at: '2020-11-25T19:40:09.196Z',
    resource: {
      type: 'message',
      id: '5fbeb319535778000776a8da',
      metadata: {
        approval_required: false,
        author_id: CUSTOMER_IDENTITY_ID,
        body: 'hi',
        body_input_format: 'text',
        category_ids: [],
        creator_id: null,
        date: '2020-11-25',
        first_in_thread: false,
        foreign_categories: [],
        foreign_id: 'b80117cd-f928-43fb-a098-0629b1042e85',
        has_attachment: false,
        intervention_id: null,
        in_reply_to_author_id: null,
        in_reply_to_id: null,
        language: 'en',
        source_id: CHAT_SOURCE_ID,
        status: 'new',
        thread_id: '5fbea72adbad580006ed3982',
        thread_title: 'hi',
        created_from: 'synchronizer',
        private: true,
        context_data: null,
        structured_content_supported: true,
        foreign_origin: 'web',
        ...metadata,
      },
    },
  };
}

/** A delivery around the given events, like the guide's `content.imported` example. */
export function delivery(events: readonly unknown[], id = 'bda9269a261a4a489952c104') {
  return { id, domain_id: '5dd2be0e103cc800092e184c', events };
}

/** The bot's own reply, as RingCX reports it: created by the bot's user, through its identity. */
export function botReplyEvent(type = 'content.replied', id = '5fbeb3195eca7b0007f5e600'): WebhookEvent {
  return chatMessageEvent(
    {
      author_id: BOT_IDENTITY_ID,
      creator_id: BOT_USER_ID,
      status: 'user_reply',
      in_reply_to_id: '5fbeb319535778000776a8da',
    },
    { id, type },
  );
}

/** An agent's private note on an email thread: created in RingCX by the agent, `private: true`. */
export function privateNoteEvent(id = '5fbeb3195eca7b0007f5e700'): WebhookEvent {
  return chatMessageEvent(
    {
      author_id: '5fbd5affc9215d0007859999',
      creator_id: AGENT_USER_ID,
      status: 'new',
      private: true,
      source_id: EMAIL_SOURCE_ID,
    },
    { id },
  );
}
