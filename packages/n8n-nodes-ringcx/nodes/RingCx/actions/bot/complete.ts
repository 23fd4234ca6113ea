import type { BotCompleteParams } from '@ringcx-connectors/core/portable';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { idField, readId } from '../common.ts';
import { idList } from '../../../shared/params.ts';

export const description: INodeProperties[] = [
  idField(
    'interventionId',
    'Intervention ID',
    "The bot's intervention to close, which also completes its task",
    'e.g. {{ $json.id }}',
  ),
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Close Thread',
        name: 'closeThread',
        type: 'boolean',
        default: false,
        description: 'Whether to also lock the thread, so the conversation cannot start again in it',
      },
      {
        displayName: 'Thread Category Names or IDs',
        name: 'threadCategoryIds',
        type: 'multiOptions',
        typeOptions: { loadOptionsMethod: 'getCategories' },
        default: [],
        description:
          'Categories to add to the thread. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
      },
    ],
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
  const params: BotCompleteParams = { intervention_id: readId(this, 'interventionId', itemIndex) };
  if (options.closeThread !== undefined) params.close_thread = options.closeThread as boolean;
  const categories = idList(options.threadCategoryIds);
  if (categories.length) params.thread_category_ids = categories;
  return await client.bots.complete(params);
};
