import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { isTrue, requiredText, threadId } from '../fields.ts';
import { intervention } from '../records.ts';

async function perform(z: ZObject, bundle: Bundle) {
  const openOnly = isTrue(bundle.inputData.open_only, true);
  return withRingCx(z, bundle, async (client) => {
    const { records } = await client.interventions.list({
      thread_id: requiredText(bundle.inputData.thread_id),
      limit: 30,
    });
    return openOnly ? records.filter((record) => !record.closed) : records;
  });
}

/** The search half of "Find or Create Intervention": reuse the open one rather than fail on a second. */
export default defineSearch({
  key: 'find_intervention',
  noun: 'Intervention',
  display: {
    label: 'Find Intervention',
    description: 'Finds the latest intervention of a conversation, by default only an open one.',
  },
  operation: {
    inputFields: [
      threadId,
      {
        key: 'open_only',
        label: 'Open Interventions Only',
        type: 'boolean',
        required: false,
        default: 'true',
        helpText: 'Skip closed interventions. Choose No to find the latest one, closed or not.',
      },
    ],
    perform,
    sample: { ...intervention.sample, status: 'Opened', closed: false, closed_at: null },
    outputFields: intervention.outputFields,
  },
});
