import { isCustomerAuthored, searchQuery } from '@ringcx-connectors/core';
import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { isTrue, optionalText } from '../fields.ts';
import { message } from '../records.ts';

/** Messages read at most when only customer messages are wanted (agents' are skipped). */
const CUSTOMER_SCAN = 100;

async function perform(z: ZObject, bundle: Bundle) {
  const input = bundle.inputData;
  const terms = {
    thread: optionalText(input.thread_id),
    intervention: optionalText(input.intervention_id),
    identity: optionalText(input.identity_id),
    source: optionalText(input.source_id),
  };
  const text = optionalText(input.text);
  if (!terms.thread && !terms.intervention && !terms.identity && !text) {
    throw new z.errors.Error(
      'Fill in **Thread ID**, **Intervention ID**, **Customer Identity ID** or **Text** to look a message up.',
      'validation',
    );
  }
  const q = searchQuery(terms).text(text);
  const customerOnly = isTrue(input.customer_only, true);
  // The API lists messages newest first.
  return withRingCx(z, bundle, async (client) => {
    const { records } = await client.contents.list({ q, limit: customerOnly ? CUSTOMER_SCAN : 5 });
    return customerOnly ? records.filter((record) => isCustomerAuthored(record)).slice(0, 5) : records;
  });
}

export default defineSearch({
  key: 'find_message',
  noun: 'Message',
  display: {
    label: 'Find Message',
    description:
      'Finds the latest message of a thread, an intervention or a customer, or one containing a text.',
  },
  operation: {
    inputFields: [
      {
        key: 'thread_id',
        label: 'Thread ID',
        required: false,
        helpText: 'Only messages of this conversation.',
      },
      {
        key: 'intervention_id',
        label: 'Intervention ID',
        required: false,
        helpText: 'Only messages of this intervention.',
      },
      {
        key: 'identity_id',
        label: 'Customer Identity ID',
        required: false,
        helpText: 'Only messages written by this identity.',
      },
      { key: 'text', label: 'Text', required: false, helpText: 'Words the message contains.' },
      {
        key: 'source_id',
        label: 'Source',
        required: false,
        dynamic: 'source_list.id.label',
        helpText: 'Only messages of this source.',
      },
      {
        key: 'customer_only',
        label: 'Customer Messages Only',
        type: 'boolean',
        required: false,
        default: 'true',
        helpText:
          'Skip messages of agents and bots, e.g. to find the customer’s last message to reply to. Choose No to include every message.',
      },
    ],
    perform,
    sample: message.sample,
    outputFields: message.outputFields,
  },
});
