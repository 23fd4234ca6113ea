import type { Operation } from '../common.ts';
import { readId } from '../common.ts';
import { interventionIdField } from './fields.ts';

export const description = [interventionIdField('The intervention to get')];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await client.interventions.get(readId(this, 'interventionId', itemIndex));
};
