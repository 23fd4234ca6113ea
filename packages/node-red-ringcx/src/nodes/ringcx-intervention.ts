import type { InterventionListParams } from '@ringcx-connectors/core';
import { registerActionNode, type Operation } from '../lib/action.ts';
import { configError } from '../lib/errors.ts';
import { interventionIds } from '../lib/ids.ts';
import type { NodeAPI } from '../lib/red.ts';

const STATUSES = ['active', 'closed', 'deferred', 'opened', 'reopened'] as const;

const byId =
  (action: 'get' | 'close' | 'cancel'): Operation =>
  async (inputs) => {
    const result = await inputs.client.interventions[action](await inputs.required('interventionId'));
    return { payload: result, ids: interventionIds(result) };
  };

/** `ringcx-intervention`: an agent's (or bot's) handling of a conversation. */
const INTERVENTION_OPERATIONS: Readonly<Record<string, Operation>> = {
  create: async (inputs) => {
    const result = await inputs.client.interventions.create({
      content_id: await inputs.required('contentId'),
    });
    return { payload: result, ids: interventionIds(result) };
  },
  get: byId('get'),
  list: async (inputs) => {
    const params: Omit<InterventionListParams, 'limit'> = {};
    const threadId = await inputs.optional('threadId');
    if (threadId) params.thread_id = threadId;
    const status = await inputs.optional('status');
    if (status) {
      if (!(STATUSES as readonly string[]).includes(status)) {
        throw configError(`Status "${status}" is not one of ${STATUSES.join(', ')}: pick one in the node.`);
      }
      params.status = status as InterventionListParams['status'];
    }
    const max = await inputs.count('limit', 30);
    return { payload: await inputs.client.interventions.iterate(params, { max }).toArray() };
  },
  close: byId('close'),
  cancel: byId('cancel'),
  reassign: async (inputs) => {
    const result = await inputs.client.interventions.reassign(
      await inputs.required('interventionId'),
      await inputs.required('userId'),
    );
    return { payload: result, ids: interventionIds(result) };
  },
  categories: async (inputs) => {
    const result = await inputs.client.interventions.updateCategories(
      await inputs.required('interventionId'),
      await inputs.list('categoryIds'),
    );
    return { payload: result, ids: interventionIds(result) };
  },
};

export default function register(RED: NodeAPI): void {
  registerActionNode(RED, 'ringcx-intervention', INTERVENTION_OPERATIONS);
}
