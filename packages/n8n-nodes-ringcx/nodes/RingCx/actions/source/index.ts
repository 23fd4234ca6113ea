import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as get from './get.ts';
import * as getMany from './getMany.ts';

export const operations: Record<string, Operation> = { get, getMany };

export const description = resourceDescription(
  'source',
  [
    { name: 'Get', value: 'get', action: 'Get a source', description: 'Get a source by ID' },
    { name: 'Get Many', value: 'getMany', action: 'Get many sources', description: 'List sources' },
  ],
  operations,
);
