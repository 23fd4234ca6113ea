import { searchQuery } from '@ringcx-connectors/core';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { optionalText } from '../fields.ts';
import { thread } from '../records.ts';

async function perform(z: ZObject, bundle: Bundle) {
  const input = bundle.inputData;
  const terms = {
    identity: optionalText(input.identity_id),
    foreign: optionalText(input.foreign_id),
    source: optionalText(input.source_id),
  };
  const text = optionalText(input.text);
  if (!terms.identity && !terms.foreign && !text) {
    throw new z.errors.Error(
      'Fill in **Customer Identity ID**, **ID on the Channel** or **Text** to look a thread up.',
      'validation',
    );
  }
  // The API lists threads by last activity, newest first: the first one is the live conversation.
  const q = searchQuery(terms).text(text);
  return withRingCx(z, bundle, async (client) => (await client.threads.list({ q, limit: 5 })).records);
}

export default defineSearch({
  key: 'find_thread',
  noun: 'Thread',
  display: {
    label: 'Find Thread',
    description: 'Finds the most recently active conversation of a customer, or one matching a text.',
  },
  operation: {
    inputFields: [
      {
        key: 'identity_id',
        label: 'Customer Identity ID',
        required: false,
        helpText:
          'The customer’s identity, e.g. from a Find Identity step or a message’s **Author Identity ID**.',
      },
      {
        key: 'foreign_id',
        label: 'ID on the Channel',
        required: false,
        helpText:
          'The thread’s id on the channel, e.g. a ticket or conversation number set by an integration.',
      },
      { key: 'text', label: 'Text', required: false, helpText: 'Words that appear in the conversation.' },
      {
        key: 'source_id',
        label: 'Source',
        required: false,
        dynamic: 'source_list.id.label',
        helpText: 'Only threads of this source.',
      },
    ],
    perform,
    sample: thread.sample,
    outputFields: thread.outputFields,
  },
});
