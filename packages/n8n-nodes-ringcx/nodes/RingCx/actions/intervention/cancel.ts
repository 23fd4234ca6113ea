import type { Operation } from '../common.ts';
import { readId } from '../common.ts';
import { interventionIdField } from './fields.ts';

export const description = [
  interventionIdField(
    'The intervention to cancel. Only possible while nobody has replied in it; after a reply, close it instead',
  ),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.interventions.cancel(readId(this, 'interventionId', itemIndex));
};
