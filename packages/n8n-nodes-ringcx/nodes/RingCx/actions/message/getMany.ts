import { searchQuery } from '@ringcx-connectors/core/portable';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { collect, paginationFields } from '../common.ts';
import { sourcesOption } from '../../../shared/options.ts';
import { idList, optionalText } from '../../../shared/params.ts';
import { messageStatusOption } from '../filters.ts';

export const description: INodeProperties[] = [
  ...paginationFields,
  {
    displayName: 'Filters',
    name: 'filters',
    type: 'collection',
    placeholder: 'Add Filter',
    default: {},
    options: [
      {
        displayName: 'Identity ID',
        name: 'identityId',
        type: 'string',
        default: '',
        description: 'Only messages written by this identity (a customer or agent profile)',
      },
      {
        displayName: 'Intervention ID',
        name: 'interventionId',
        type: 'string',
        default: '',
        description: 'Only messages of this intervention',
      },
      sourcesOption('Only messages of these sources'),
      messageStatusOption('messages in any of these states'),
      {
        displayName: 'Text',
        name: 'text',
        type: 'string',
        default: '',
        placeholder: 'e.g. refund',
        description: 'Only messages containing these words',
      },
      {
        displayName: 'Thread ID',
        name: 'threadId',
        type: 'string',
        default: '',
        description: 'Only messages of this thread',
      },
    ],
  },
  {
    displayName: 'Sort',
    name: 'sort',
    type: 'options',
    default: 'desc',
    options: [
      { name: 'Newest First', value: 'desc' },
      { name: 'Oldest First', value: 'asc' },
    ],
    description: 'The order to return messages in, by creation time',
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
  const direction = this.getNodeParameter('sort', itemIndex, 'desc') === 'asc' ? 'asc' : 'desc';
  const q = searchQuery({
    source: idList(filters.sourceIds),
    status_in: idList(filters.status),
    identity: optionalText(filters.identityId),
    intervention: optionalText(filters.interventionId),
    thread: optionalText(filters.threadId),
  })
    .text(optionalText(filters.text))
    .order('created_at', direction);
  return await collect(this, itemIndex, (max) => client.contents.iterate({ q }, { max }));
};
