import { searchQuery } from '@ringcx-connectors/core/portable';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { collect, optionalDate, paginationFields } from '../common.ts';
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
        displayName: 'Category Names or IDs',
        name: 'categoryIds',
        type: 'multiOptions',
        typeOptions: { loadOptionsMethod: 'getCategories' },
        default: [],
        description:
          'Only threads in any of these categories. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
      },
      {
        displayName: 'Created After',
        name: 'createdAfter',
        type: 'dateTime',
        default: '',
        description: 'Only threads whose first message came after this time',
      },
      {
        displayName: 'Created Before',
        name: 'createdBefore',
        type: 'dateTime',
        default: '',
        description: 'Only threads whose first message came before this time',
      },
      {
        displayName: 'Identity ID',
        name: 'identityId',
        type: 'string',
        default: '',
        description: 'Only threads with messages by this identity (a customer or agent profile)',
      },
      {
        displayName: 'Last Message After',
        name: 'lastMessageAfter',
        type: 'dateTime',
        default: '',
        description: 'Only threads whose latest message came after this time',
      },
      {
        displayName: 'Last Message Before',
        name: 'lastMessageBefore',
        type: 'dateTime',
        default: '',
        description: 'Only threads whose latest message came before this time',
      },
      sourcesOption('Only threads of these sources'),
      messageStatusOption('threads with messages in any of these states'),
      {
        displayName: 'Text',
        name: 'text',
        type: 'string',
        default: '',
        placeholder: 'e.g. refund',
        description: 'Only threads containing these words',
      },
    ],
  },
  {
    displayName: 'Sort',
    name: 'sort',
    type: 'options',
    default: 'last_content_at.desc',
    options: [
      { name: 'Created, Newest First', value: 'created_at.desc' },
      { name: 'Created, Oldest First', value: 'created_at.asc' },
      { name: 'Last Message, Newest First', value: 'last_content_at.desc' },
      { name: 'Last Message, Oldest First', value: 'last_content_at.asc' },
    ],
    description: 'The order to return threads in',
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
  const [field, direction] = String(this.getNodeParameter('sort', itemIndex, 'last_content_at.desc')).split(
    '.',
  );
  const q = searchQuery({
    source: idList(filters.sourceIds),
    status_in: idList(filters.status),
    identity: optionalText(filters.identityId),
    categorized_in: idList(filters.categoryIds),
    first_content_after: optionalDate(filters.createdAfter, 'Created After'),
    first_content_before: optionalDate(filters.createdBefore, 'Created Before'),
    last_content_after: optionalDate(filters.lastMessageAfter, 'Last Message After'),
    last_content_before: optionalDate(filters.lastMessageBefore, 'Last Message Before'),
  })
    .text(optionalText(filters.text))
    .order(field!, direction === 'asc' ? 'asc' : 'desc');
  return await collect(this, itemIndex, (max) => client.threads.iterate({ q }, { max }));
};
