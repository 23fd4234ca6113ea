import type { Operation } from '../common.ts';
import { resourceDescription } from '../common.ts';
import * as complete from './complete.ts';
import * as engage from './engage.ts';
import * as handOver from './handOver.ts';

export const operations: Record<string, Operation> = { complete, engage, handOver };

export const description = resourceDescription(
  'bot',
  [
    {
      name: 'Complete',
      value: 'complete',
      action: 'Complete a bot intervention',
      description: "Close the bot's intervention and complete its task",
    },
    {
      name: 'Engage',
      value: 'engage',
      action: 'Engage a bot on a message',
      description: 'Open an intervention on a customer message as the virtual agent',
    },
    {
      name: 'Hand Over',
      value: 'handOver',
      action: 'Hand over between bot and agent',
      description: "Pass a conversation between a bot and human agents with RingCX's bot handover",
    },
  ],
  operations,
);
