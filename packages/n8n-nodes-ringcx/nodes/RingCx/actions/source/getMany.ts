import type { SourceListParams } from '@ringcx-connectors/core/portable';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { collect, paginationFields } from '../common.ts';

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
        displayName: 'Active',
        name: 'active',
        type: 'boolean',
        default: true,
        description: 'Whether to return only active sources (true) or only inactive ones (false)',
      },
      {
        displayName: 'Permission',
        name: 'permission',
        type: 'options',
        options: [
          { name: 'Read', value: 'read' },
          { name: 'Start Discussions', value: 'initiate_discussion' },
        ],
        default: 'read',
        description: "Only sources on which the token's user has this right",
      },
    ],
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
  const params: Omit<SourceListParams, 'limit'> = {};
  if (typeof filters.active === 'boolean') params.active = filters.active;
  if (filters.permission) params.permission = filters.permission as SourceListParams['permission'];
  return await collect(this, itemIndex, (max) => client.sources.iterate(params, { max }));
};
