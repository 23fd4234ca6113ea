import type { Operation } from '../common.ts';
import { idField, readId } from '../common.ts';

export const description = [
  idField(
    'messageId',
    'Message ID',
    'The customer message to take charge of. Only one intervention can be open on a thread: if one is, RingCX refuses and the error says so.',
  ),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.interventions.create({ content_id: readId(this, 'messageId', itemIndex) });
};
