import type { Operation } from '../common.ts';
import { locator, readId } from '../common.ts';
import { interventionIdField } from './fields.ts';

export const description = [
  interventionIdField('The intervention to give to another agent'),
  locator('user', { description: 'The agent who takes over the intervention' }),
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.interventions.reassign(
    readId(this, 'interventionId', itemIndex),
    readId(this, 'userId', itemIndex),
  );
};
