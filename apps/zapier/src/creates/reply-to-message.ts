import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { isTrue, messageId, optionalText, requiredText } from '../fields.ts';
import { message } from '../records.ts';

function perform(z: ZObject, bundle: Bundle) {
  const input = bundle.inputData;
  return withRingCx(z, bundle, (client) =>
    client.contents.reply(requiredText(input.content_id), {
      body: requiredText(input.body),
      private: isTrue(input.private) || undefined,
      title: optionalText(input.title),
      author_id: optionalText(input.author_id),
    }),
  );
}

export default defineCreate({
  key: 'reply_to_message',
  noun: 'Reply',
  display: {
    label: 'Reply to Message',
    description:
      'Answers a message in its conversation, on the same channel (email, chat, social, SMS…), as the connected user.',
  },
  operation: {
    inputFields: [
      {
        ...messageId,
        label: 'Message to Reply To',
        helpText:
          'The message you answer: usually the **Message ID** of a New Customer Message trigger. It must be under an open intervention: add a Create Intervention step before this one if needed.',
      },
      {
        key: 'body',
        label: 'Reply',
        type: 'text',
        required: true,
        helpText: 'The text the customer receives.',
      },
      {
        key: 'private',
        label: 'Private Message',
        type: 'boolean',
        required: false,
        default: 'false',
        helpText:
          'Send it as a private message where the channel has both (e.g. a direct message instead of a public comment).',
      },
      {
        key: 'title',
        label: 'Subject',
        required: false,
        helpText: 'Emails only: the subject line. Leave empty to keep the conversation’s subject.',
      },
      {
        key: 'author_id',
        label: 'Author Identity ID',
        required: false,
        helpText:
          'Write as this identity instead of the connected user’s own identity on the source. Leave empty in most cases.',
      },
    ],
    perform,
    sample: {
      ...message.sample,
      id: '8a2e1f0b7c6d5e4f3a2b1c0d',
      in_reply_to_id: '73f1cb2938229d7fa222d096',
      creator_id: 'd033e22ae348feb5660fc214',
      author_id: '5e6f7a8b9c0d1e2f3a4b5c6d',
      intervention_id: '3f55c8330da4144afd1c6728',
      created_from: 'api',
      status: 'user_reply',
      first_in_thread: false,
      title: 'Re: Modem keeps disconnecting',
      body: 'Hi Ada, sorry about that. Could you restart the modem and tell us if it happens again?',
      body_formatted: {
        text: 'Hi Ada, sorry about that. Could you restart the modem and tell us if it happens again?',
        html: '<p>Hi Ada, sorry about that. Could you restart the modem and tell us if it happens again?</p>',
      },
      synchronization_status: 'export_pending',
      created_at: '2026-11-24T14:30:02Z',
      updated_at: '2026-11-24T14:30:02Z',
    },
    outputFields: message.outputFields,
  },
});
