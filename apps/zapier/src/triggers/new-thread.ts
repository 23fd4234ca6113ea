import { sampleThreads } from '@ringcx-connectors/core';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { idList, sourcesFilter } from '../fields.ts';
import { thread } from '../records.ts';
import { pollSize } from './polling.ts';

/**
 * Threads by creation time, so an old thread that gets a new message never fires again. Every poll
 * returns the newest threads for Zapier's dedupe, so telling customer-started threads from outbound
 * ones would cost one request per thread per poll: this trigger reports both (documented).
 */
function perform(z: ZObject, bundle: Bundle) {
  return withRingCx(z, bundle, (client) =>
    sampleThreads(client, {
      limit: pollSize(bundle),
      sources: idList(bundle.inputData.source_ids),
      includeAgentStarted: true,
    }),
  );
}

export default defineTrigger({
  key: 'new_thread',
  noun: 'Thread',
  display: {
    label: 'New Thread',
    description: 'Triggers when a new conversation (thread) starts on one of your sources.',
  },
  operation: {
    type: 'polling',
    inputFields: [sourcesFilter],
    perform,
    sample: thread.sample,
    outputFields: thread.outputFields,
  },
});
