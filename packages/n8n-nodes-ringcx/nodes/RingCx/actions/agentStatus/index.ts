import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as get from './get.ts';

export const operations: Record<string, Operation> = { get };

export const description = resourceDescription(
  'agentStatus',
  [
    {
      name: 'Get',
      value: 'get',
      action: 'Get an agent status',
      description: "Get an agent's availability and workload per channel",
    },
  ],
  operations,
);
