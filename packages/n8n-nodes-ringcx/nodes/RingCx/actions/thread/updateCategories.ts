import type { Operation } from '../common.ts';
import { categoriesField, locator, readId } from '../common.ts';
import { idList } from '../../../shared/params.ts';

export const description = [
  locator('thread', { description: 'The thread to categorize' }),
  categoriesField(
    'categoryIds',
    'Category Names or IDs',
    "The thread's new categories; they replace the current ones",
  ),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.threads.updateCategories(
    readId(this, 'threadId', itemIndex),
    idList(this.getNodeParameter('categoryIds', itemIndex, [])),
  );
};
