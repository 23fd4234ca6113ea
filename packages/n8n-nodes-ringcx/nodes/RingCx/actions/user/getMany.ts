import type { UserListParams } from '@ringcx-connectors/core/portable';
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
        displayName: 'Category ID',
        name: 'category_id',
        type: 'string',
        default: '',
        description: 'Only users who handle this category',
      },
      {
        displayName: 'Email',
        name: 'email',
        type: 'string',
        placeholder: 'e.g. nathan@example.com',
        default: '',
        description: 'Only the user with this email address',
      },
      {
        displayName: 'External ID',
        name: 'external_id',
        type: 'string',
        default: '',
        description: 'Only the user with this ID in your own systems',
      },
      {
        displayName: 'Role ID',
        name: 'role_id',
        type: 'string',
        default: '',
        description: 'Only users with this role',
      },
      {
        displayName: 'Team ID',
        name: 'team_id',
        type: 'string',
        default: '',
        description: 'Only members of this team',
      },
    ],
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const params = textFilters(this.getNodeParameter('filters', itemIndex, {}) as IDataObject) as Omit<
    UserListParams,
    'limit'
  >;
  return await collect(this, itemIndex, (max) => client.users.iterate(params, { max }));
};
