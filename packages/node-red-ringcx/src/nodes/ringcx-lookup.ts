import { registerActionNode, type Operation } from '../lib/action.ts';
import { cleanIds } from '../lib/ids.ts';
import type { NodeAPI } from '../lib/red.ts';

/** `ringcx-lookup`: the people, channels and settings around a conversation. */
const LOOKUP_OPERATIONS: Readonly<Record<string, Operation>> = {
  identity: async (inputs) => {
    const identity = await inputs.client.identities.get(await inputs.required('identityId'));
    return { payload: identity, ids: cleanIds({ identityId: identity.id }) };
  },
  source: async (inputs) => {
    const source = await inputs.client.sources.get(await inputs.required('sourceId'));
    return { payload: source, ids: cleanIds({ sourceId: source.id }) };
  },
  user: async (inputs) => ({ payload: await inputs.client.users.get(await inputs.required('userId')) }),
  me: async (inputs) => ({ payload: await inputs.client.users.me() }),
  categories: async (inputs) => ({
    payload: await inputs.client.categories.iterate({}, { max: await inputs.count('limit', 500) }).toArray(),
  }),
  teams: async (inputs) => ({
    payload: await inputs.client.teams.iterate({}, { max: await inputs.count('limit', 500) }).toArray(),
  }),
  agentStatus: async (inputs) => {
    const categoryIds = await inputs.list('categoryIds');
    return {
      payload: await inputs.client.agentStatus.list(categoryIds.length ? { category_ids: categoryIds } : {}),
    };
  },
};

export default function register(RED: NodeAPI): void {
  registerActionNode(RED, 'ringcx-lookup', LOOKUP_OPERATIONS);
}
