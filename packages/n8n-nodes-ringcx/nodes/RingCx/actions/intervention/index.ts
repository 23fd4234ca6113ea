import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as cancel from './cancel.ts';
import * as close from './close.ts';
import * as create from './create.ts';
import * as get from './get.ts';
import * as getMany from './getMany.ts';
import * as reassign from './reassign.ts';
import * as updateCategories from './updateCategories.ts';

export const operations: Record<string, Operation> = {
  cancel,
  close,
  create,
  get,
  getMany,
  reassign,
  updateCategories,
};

export const description = resourceDescription(
  'intervention',
  [
    {
      name: 'Cancel',
      value: 'cancel',
      action: 'Cancel an intervention',
      description: 'Drop an intervention nobody replied in',
    },
    {
      name: 'Close',
      value: 'close',
      action: 'Close an intervention',
      description: 'Resolve an intervention',
    },
    {
      name: 'Create',
      value: 'create',
      action: 'Create an intervention',
      description: 'Take charge of a customer message',
    },
    { name: 'Get', value: 'get', action: 'Get an intervention', description: 'Get an intervention by ID' },
    {
      name: 'Get Many',
      value: 'getMany',
      action: 'Get many interventions',
      description: 'List interventions',
    },
    {
      name: 'Reassign',
      value: 'reassign',
      action: 'Reassign an intervention',
      description: 'Give an intervention to another agent',
    },
    {
      name: 'Update Categories',
      value: 'updateCategories',
      action: 'Update intervention categories',
      description: "Replace an intervention's categories",
    },
  ],
  operations,
);
