import { sampleCustomerMessages } from '@ringcx-connectors/core';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { idList, sourcesFilter } from '../fields.ts';
import { message } from '../records.ts';
import { pollSize } from './polling.ts';

/** Messages written by customers only: agents', bots' and API messages are left out (core's rule). */
function perform(z: ZObject, bundle: Bundle) {
  return withRingCx(z, bundle, (client) =>
    sampleCustomerMessages(client, { limit: pollSize(bundle), sources: idList(bundle.inputData.source_ids) }),
  );
}

export default defineTrigger({
  key: 'new_customer_message',
  noun: 'Message',
  display: {
    label: 'New Customer Message',
    description:
      'Triggers when a customer writes a message (the first of a thread or a later one). Messages of agents and bots are left out.',
  },
  operation: {
    type: 'polling',
    inputFields: [sourcesFilter],
    perform,
    sample: message.sample,
    outputFields: message.outputFields,
  },
});
