import type { Operation } from '../common.ts';
import { collect, paginationFields } from '../common.ts';

export const description = [...paginationFields];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  return await collect(this, itemIndex, (max) => client.teams.iterate({}, { max }));
};
