import type { Operation } from '../common.ts';
import { locator, readId } from '../common.ts';

export const description = [
  locator('user', { description: 'The agent whose availability to get, per channel' }),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.agentStatus.get(readId(this, 'userId', itemIndex));
};
