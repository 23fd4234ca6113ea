import { handOverToHuman } from '@ringcx-connectors/core';
import { registerActionNode, type Operation } from '../lib/action.ts';
import { threadIds } from '../lib/ids.ts';
import type { NodeAPI } from '../lib/red.ts';

const thread =
  (action: 'get' | 'close' | 'open' | 'ignore'): Operation =>
  async (inputs) => {
    const result = await inputs.client.threads[action](await inputs.required('threadId'));
    return { payload: result, ids: threadIds(result) };
  };

/** `ringcx-thread`: one operation per entry, chosen in the editor. */
const THREAD_OPERATIONS: Readonly<Record<string, Operation>> = {
  get: thread('get'),
  list: async (inputs) => {
    const q = await inputs.optional('query');
    const max = await inputs.count('limit', 30);
    return { payload: await inputs.client.threads.iterate(q ? { q } : {}, { max }).toArray() };
  },
  close: thread('close'),
  open: thread('open'),
  ignore: thread('ignore'),
  categories: async (inputs) => {
    const result = await inputs.client.threads.updateCategories(
      await inputs.required('threadId'),
      await inputs.list('categoryIds'),
    );
    return { payload: result, ids: threadIds(result) };
  },
  handover: async (inputs) => {
    const threadId = await inputs.required('threadId');
    const result = await handOverToHuman(inputs.client, {
      threadId,
      botCategoryIds: await inputs.list('botCategoryIds'),
      humanCategoryIds: await requiredList(inputs, 'humanCategoryIds'),
      requireAvailableAgent: await inputs.flag('requireAgent'),
    });
    return { payload: result, ids: { threadId } };
  },
};

async function requiredList(inputs: Parameters<Operation>[0], field: string): Promise<string[]> {
  const list = await inputs.list(field);
  if (list.length === 0) await inputs.required(field);
  return list;
}

export default function register(RED: NodeAPI): void {
  registerActionNode(RED, 'ringcx-thread', THREAD_OPERATIONS);
}
