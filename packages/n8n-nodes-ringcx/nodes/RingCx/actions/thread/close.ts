import type { Operation } from '../common.ts';
import { locator, readId } from '../common.ts';

// Locks the thread so nobody can reply in it any more. RingCX closes it in the background, so the returned thread may still show it open.
export const description = [locator('thread', { description: 'The thread to close' })];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.threads.close(readId(this, 'threadId', itemIndex));
};
