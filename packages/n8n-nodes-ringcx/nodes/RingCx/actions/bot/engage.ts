import type { Operation } from '../common.ts';
import { idField, readId } from '../common.ts';

export const description = [
  idField(
    'messageId',
    'Message ID',
    'The customer message the bot takes charge of. RingCX opens an intervention on it as the virtual agent user.',
  ),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.bots.engage({ content_id: readId(this, 'messageId', itemIndex) });
};
