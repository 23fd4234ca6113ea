import type { Operation } from '../common.ts';
import { readId } from '../common.ts';
import { interventionIdField } from './fields.ts';

export const description = [
  interventionIdField(
    'The intervention to close. Only its owner can close it, and only after an agent or bot replied; otherwise cancel it',
  ),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.interventions.close(readId(this, 'interventionId', itemIndex));
};
