import type { Operation } from '../common.ts';
import { locator, readId } from '../common.ts';

export const description = [locator('thread', { description: 'The thread (conversation) to get' })];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.threads.get(readId(this, 'threadId', itemIndex));
};
