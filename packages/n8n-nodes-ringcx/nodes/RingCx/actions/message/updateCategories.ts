import type { Operation } from '../common.ts';
import { categoriesField, readId } from '../common.ts';
import { idList } from '../../../shared/params.ts';
import { messageIdField } from './fields.ts';

export const description = [
  messageIdField('The message to categorize'),
  categoriesField(
    'categoryIds',
    'Category Names or IDs',
    "The message's new categories; they replace the current ones",
  ),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.contents.updateCategories(
    readId(this, 'messageId', itemIndex),
    idList(this.getNodeParameter('categoryIds', itemIndex, [])),
  );
};
