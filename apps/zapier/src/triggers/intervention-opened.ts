import type { Intervention } from '@ringcx-connectors/core';
import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { idList, sourcesFilter } from '../fields.ts';
import { intervention } from '../records.ts';
import { pollSize } from './polling.ts';

/** Records read at most while looking for interventions of the chosen sources. */
const MAX_SCANNED = 300;

/**
 * Interventions newest first by creation (the list's default order). The list has no source
 * parameter, so the source filter is applied to the records. Reopening an intervention does not
 * make it new again: its id is already known to Zapier.
 */
function perform(z: ZObject, bundle: Bundle) {
  const limit = pollSize(bundle);
  const sources = idList(bundle.inputData.source_ids);
  return withRingCx(z, bundle, async (client) => {
    const found: Intervention[] = [];
    const all = client.interventions.iterate({ sort: 'created_at' }, { max: MAX_SCANNED, pageSize: 100 });
    for await (const record of all) {
      if (sources.length === 0 || sources.includes(record.source_id)) found.push(record);
      if (found.length >= limit) break;
    }
    return found;
  });
}

export default defineTrigger({
  key: 'intervention_opened',
  noun: 'Intervention',
  display: {
    label: 'Intervention Opened',
    description: 'Triggers when an agent or a bot takes a conversation (an intervention is opened).',
  },
  operation: {
    type: 'polling',
    inputFields: [sourcesFilter],
    perform,
    sample: { ...intervention.sample, status: 'Opened', closed: false, closed_at: null },
    outputFields: intervention.outputFields,
  },
});
