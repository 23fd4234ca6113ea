import type { Operation } from '../common.ts';
import { locator, readId } from '../common.ts';

export const description = [locator('user', { description: 'The user (agent or bot) to get' })];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.users.get(readId(this, 'userId', itemIndex));
};
