import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as get from './get.ts';
import * as getMany from './getMany.ts';
import * as ignore from './ignore.ts';
import * as reply from './reply.ts';
import * as updateCategories from './updateCategories.ts';

export const operations: Record<string, Operation> = { get, getMany, ignore, reply, updateCategories };

export const description = resourceDescription(
  'message',
  [
    { name: 'Get', value: 'get', action: 'Get a message', description: 'Get a message by ID' },
    { name: 'Get Many', value: 'getMany', action: 'Get many messages', description: 'Search messages' },
    { name: 'Ignore', value: 'ignore', action: 'Ignore a message', description: 'Archive a message' },
    {
      name: 'Reply',
      value: 'reply',
      action: 'Reply to a message',
      description: 'Answer a message in its thread',
    },
    {
      name: 'Update Categories',
      value: 'updateCategories',
      action: 'Update message categories',
      description: "Replace a message's categories",
    },
  ],
  operations,
);
