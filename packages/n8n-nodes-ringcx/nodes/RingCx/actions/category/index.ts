import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as getMany from './getMany.ts';

export const operations: Record<string, Operation> = { getMany };

export const description = resourceDescription(
  'category',
  [{ name: 'Get Many', value: 'getMany', action: 'Get many categories', description: 'List categories' }],
  operations,
);
