import type { Operation } from '../common.ts';
import { categoriesField, readId } from '../common.ts';
import { idList } from '../../../shared/params.ts';
import { interventionIdField } from './fields.ts';

export const description = [
  interventionIdField('The intervention to categorize'),
  categoriesField(
    'categoryIds',
    'Category Names or IDs',
    "The intervention's new categories; they replace the current ones",
  ),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.interventions.updateCategories(
    readId(this, 'interventionId', itemIndex),
    idList(this.getNodeParameter('categoryIds', itemIndex, [])),
  );
};
