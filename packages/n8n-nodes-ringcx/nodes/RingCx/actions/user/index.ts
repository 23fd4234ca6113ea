import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as get from './get.ts';
import * as getMany from './getMany.ts';
import * as getMe from './getMe.ts';

export const operations: Record<string, Operation> = { get, getMany, getMe };

export const description = resourceDescription(
  'user',
  [
    { name: 'Get', value: 'get', action: 'Get a user', description: 'Get a user (agent or bot) by ID' },
    { name: 'Get Many', value: 'getMany', action: 'Get many users', description: 'List users' },
    {
      name: 'Get Me',
      value: 'getMe',
      action: 'Get the current user',
      description: 'Get the user the access token belongs to',
    },
  ],
  operations,
);
