import type { Operation } from '../common.ts';
import { locator, readId } from '../common.ts';

// Archives the thread's messages (marks them ignored) so they leave the agents' queues.
export const description = [locator('thread', { description: 'The thread to ignore' })];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.threads.ignore(readId(this, 'threadId', itemIndex));
};
