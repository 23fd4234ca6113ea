import { handOverToHuman } from '@ringcx-connectors/core/portable';
import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { categoriesField, locator, readId } from '../common.ts';
import { idList } from '../../../shared/params.ts';

export const description: INodeProperties[] = [
  locator('thread', { description: 'The thread to pass to a human agent' }),
  categoriesField(
    'humanCategoryIds',
    'Human Category Names or IDs',
    'Categories human agents handle; they are added to the thread, which makes RingCX route it to those agents',
  ),
  categoriesField(
    'botCategoryIds',
    'Bot Category Names or IDs',
    'Categories that route the thread to the bot; they are removed from the thread',
    false,
  ),
  {
    displayName: 'Only When an Agent Is Available',
    name: 'requireAvailableAgent',
    type: 'boolean',
    default: false,
    description:
      "Whether to hand over only when at least one agent with a human category is available on the thread's channel. Otherwise the thread stays with the bot and the output says why. Needs the right to monitor agents.",
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const threadId = readId(this, 'threadId', itemIndex);
  const result = await handOverToHuman(client, {
    threadId,
    humanCategoryIds: idList(this.getNodeParameter('humanCategoryIds', itemIndex, [])),
    botCategoryIds: idList(this.getNodeParameter('botCategoryIds', itemIndex, [])),
    requireAvailableAgent: this.getNodeParameter('requireAvailableAgent', itemIndex, false) as boolean,
  });
  return { threadId, ...result };
};
