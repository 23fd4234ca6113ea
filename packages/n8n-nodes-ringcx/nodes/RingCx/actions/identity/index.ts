import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as get from './get.ts';
import * as getMany from './getMany.ts';

export const operations: Record<string, Operation> = { get, getMany };

export const description = resourceDescription(
  'identity',
  [
    { name: 'Get', value: 'get', action: 'Get an identity', description: 'Get an identity by ID' },
    { name: 'Get Many', value: 'getMany', action: 'Get many identities', description: 'List identities' },
  ],
  operations,
);
