import type { Operation } from '../common.ts';
import { readId } from '../common.ts';
import { messageIdField } from './fields.ts';

export const description = [messageIdField('The message to get')];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.contents.get(readId(this, 'messageId', itemIndex));
};
