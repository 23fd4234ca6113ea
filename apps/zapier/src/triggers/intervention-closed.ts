import { sampleClosedInterventions } from '@ringcx-connectors/core';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { idList, sourcesFilter } from '../fields.ts';
import { intervention } from '../records.ts';
import { pollSize } from './polling.ts';

/**
 * Interventions as they are closed. Zapier deduplicates on id and closing time together (the
 * `primary` output fields): a later edit of a closed intervention does not fire again, closing it
 * again after a reopen does.
 */
function perform(z: ZObject, bundle: Bundle) {
  return withRingCx(z, bundle, (client) =>
    sampleClosedInterventions(client, {
      limit: pollSize(bundle),
      sources: idList(bundle.inputData.source_ids),
    }),
  );
}

const primary = new Set(['id', 'closed_at']);

export default defineTrigger({
  key: 'intervention_closed',
  noun: 'Intervention',
  display: {
    label: 'Intervention Closed',
    description: 'Triggers when an intervention is closed (resolved) by an agent or a bot.',
  },
  operation: {
    type: 'polling',
    inputFields: [sourcesFilter],
    perform,
    sample: intervention.sample,
    outputFields: intervention.outputFields.map((field) =>
      primary.has(field.key) ? { ...field, primary: true } : field,
    ),
  },
});
