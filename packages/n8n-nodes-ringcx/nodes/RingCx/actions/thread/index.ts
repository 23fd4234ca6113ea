import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as close from './close.ts';
import * as get from './get.ts';
import * as getMany from './getMany.ts';
import * as handOver from './handOver.ts';
import * as ignore from './ignore.ts';
import * as open from './open.ts';
import * as updateCategories from './updateCategories.ts';

export const operations: Record<string, Operation> = {
  close,
  get,
  getMany,
  handOver,
  ignore,
  open,
  updateCategories,
};

export const description = resourceDescription(
  'thread',
  [
    {
      name: 'Close',
      value: 'close',
      action: 'Close a thread',
      description: 'Lock a thread so nobody can reply in it',
    },
    { name: 'Get', value: 'get', action: 'Get a thread', description: 'Get a thread by ID' },
    { name: 'Get Many', value: 'getMany', action: 'Get many threads', description: 'Search threads' },
    {
      name: 'Hand Over to a Human',
      value: 'handOver',
      action: 'Hand over a thread to a human',
      description: "Swap the thread's bot categories for human ones so agents take it",
    },
    {
      name: 'Ignore',
      value: 'ignore',
      action: 'Ignore a thread',
      description: "Archive a thread's messages",
    },
    { name: 'Open', value: 'open', action: 'Open a thread', description: 'Unlock a closed thread' },
    {
      name: 'Update Categories',
      value: 'updateCategories',
      action: 'Update thread categories',
      description: "Replace a thread's categories",
    },
  ],
  operations,
);
