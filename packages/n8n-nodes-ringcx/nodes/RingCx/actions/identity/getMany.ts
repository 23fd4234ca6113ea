import type { IdentityListParams } from '@ringcx-connectors/core/portable';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { collect, paginationFields, textFilters } from '../common.ts';

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
        displayName: 'Foreign ID',
        name: 'foreign_id',
        type: 'string',
        default: '',
        description:
          "Only the identity with this ID on the channel (e.g. a phone number or the network's user ID)",
      },
      {
        displayName: 'Identity Group ID',
        name: 'identity_group_id',
        type: 'string',
        default: '',
        description: 'Only identities of this customer (an identity group joins one person’s identities)',
      },
      {
        displayName: 'Source ID',
        name: 'source_id',
        type: 'string',
        default: '',
        description: 'Only identities known on this source',
      },
      {
        displayName: 'User ID',
        name: 'user_id',
        type: 'string',
        default: '',
        description: "Only this agent's identities",
      },
      {
        displayName: 'UUID',
        name: 'uuid',
        type: 'string',
        default: '',
        description: 'Only the identity with this UUID',
      },
    ],
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const params = textFilters(this.getNodeParameter('filters', itemIndex, {}) as IDataObject) as Omit<
    IdentityListParams,
    'limit'
  >;
  return await collect(this, itemIndex, (max) => client.identities.iterate(params, { max }));
};
