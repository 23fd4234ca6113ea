import type { InterventionListParams } from '@ringcx-connectors/core/portable';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { collect, paginationFields } from '../common.ts';
import { optionalText } from '../../../shared/params.ts';

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
        displayName: 'Agent ID',
        name: 'userId',
        type: 'string',
        default: '',
        description: 'Only interventions owned by this user',
      },
      {
        displayName: 'Identity ID',
        name: 'identityId',
        type: 'string',
        default: '',
        description: 'Only interventions with this customer identity',
      },
      {
        displayName: 'Sort By',
        name: 'sort',
        type: 'options',
        options: [
          { name: 'Created', value: 'created_at' },
          { name: 'Updated', value: 'updated_at' },
        ],
        default: 'created_at',
        description: 'Newest first, by this time',
      },
      {
        displayName: 'Status',
        name: 'status',
        type: 'options',
        options: [
          { name: 'Active', value: 'active' },
          { name: 'Closed', value: 'closed' },
          { name: 'Deferred', value: 'deferred' },
          { name: 'Opened', value: 'opened' },
          { name: 'Reopened', value: 'reopened' },
        ],
        default: 'active',
        description: 'Only interventions in this state',
      },
      {
        displayName: 'Thread ID',
        name: 'threadId',
        type: 'string',
        default: '',
        description: 'Only interventions of this thread',
      },
    ],
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
  const params: Omit<InterventionListParams, 'limit'> = {};
  const threadId = optionalText(filters.threadId);
  if (threadId) params.thread_id = threadId;
  const userId = optionalText(filters.userId);
  if (userId) params.user_id = userId;
  const identityId = optionalText(filters.identityId);
  if (identityId) params.identity_id = identityId;
  if (filters.status) params.status = filters.status as InterventionListParams['status'];
  if (filters.sort) params.sort = filters.sort as InterventionListParams['sort'];
  return await collect(this, itemIndex, (max) => client.interventions.iterate(params, { max }));
};
