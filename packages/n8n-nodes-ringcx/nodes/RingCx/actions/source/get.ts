import type { Operation } from '../common.ts';
import { locator, readId } from '../common.ts';

export const description = [locator('source', { description: 'The source (channel account) to get' })];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.sources.get(readId(this, 'sourceId', itemIndex));
};
