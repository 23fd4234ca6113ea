import type { Operation } from '../common.ts';
import { locator, readId } from '../common.ts';

// Unlocks a closed thread so agents and bots can reply again. RingCX opens it in the background.
export const description = [locator('thread', { description: 'The thread to open' })];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.threads.open(readId(this, 'threadId', itemIndex));
};
