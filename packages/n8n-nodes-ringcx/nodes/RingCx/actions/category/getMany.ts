import type { CategoryListParams } from '@ringcx-connectors/core/portable';
import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { collect, locator, paginationFields } from '../common.ts';
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
      locator('category', {
        displayName: 'Parent Category',
        name: 'parentId',
        required: false,
        description: 'Only the sub-categories of this category',
      }),
    ],
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const params: Omit<CategoryListParams, 'limit'> = {};
  const parentId = optionalText(
    this.getNodeParameter('filters.parentId', itemIndex, '', { extractValue: true }),
  );
  if (parentId) params.parent_id = parentId;
  return await collect(this, itemIndex, (max) => client.categories.iterate(params, { max }));
};
