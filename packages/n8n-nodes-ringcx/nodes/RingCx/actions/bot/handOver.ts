import type { BotHandoverParams } from '@ringcx-connectors/core/portable';
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../common.ts';
import { idList, optionalText } from '../../../shared/params.ts';

export const description: INodeProperties[] = [
  {
    displayName: 'Direction',
    name: 'direction',
    type: 'options',
    options: [
      { name: 'Agent to Bot', value: 'agent:bot' },
      { name: 'Bot to Agent', value: 'bot:agent' },
    ],
    default: 'bot:agent',
    description: 'Who gives the conversation to whom',
  },
  {
    displayName: 'Type',
    name: 'type',
    type: 'options',
    options: [
      { name: 'Facebook Messenger', value: 'messenger' },
      { name: 'RingCX Virtual Agent', value: 'engage_virtual_agent' },
    ],
    default: 'engage_virtual_agent',
    description:
      "The handover protocol: RingCX's virtual agents, or Messenger's thread control for a bot that lives on Facebook",
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Facebook App ID',
        name: 'appId',
        type: 'string',
        default: '',
        description: 'Messenger, agent to bot: the Facebook app of the bot that gets thread control',
      },
      {
        displayName: 'Identity Foreign ID',
        name: 'identityForeignId',
        type: 'string',
        default: '',
        description: "Messenger: the customer's ID on Facebook",
      },
      {
        displayName: 'Intervention ID',
        name: 'interventionId',
        type: 'string',
        default: '',
        description: "Virtual agent: the bot's intervention to hand over",
      },
      {
        displayName: 'Thread Category Names or IDs',
        name: 'threadCategoryIds',
        type: 'multiOptions',
        typeOptions: { loadOptionsMethod: 'getCategories' },
        default: [],
        description:
          'Categories to give the thread, which decide who it is routed to. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
      },
      {
        displayName: 'Trigger',
        name: 'trigger',
        type: 'string',
        default: '',
        description: "Virtual agent: a trigger name set up in the virtual agent's handover rules",
      },
    ],
  },
];

export const execute: Operation['execute'] = async function (client, itemIndex) {
  const [from, to] = String(this.getNodeParameter('direction', itemIndex, 'bot:agent')).split(':') as [
    BotHandoverParams['from'],
    BotHandoverParams['to'],
  ];
  const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
  const params: BotHandoverParams = { from, to, type: String(this.getNodeParameter('type', itemIndex)) };
  const appId = optionalText(options.appId);
  if (appId) params.app_id = appId;
  const foreignId = optionalText(options.identityForeignId);
  if (foreignId) params.identity_foreign_id = foreignId;
  const interventionId = optionalText(options.interventionId);
  if (interventionId) params.intervention_id = interventionId;
  const trigger = optionalText(options.trigger);
  if (trigger) params.trigger = trigger;
  const categories = idList(options.threadCategoryIds);
  if (categories.length) params.thread_category_ids = categories;
  return await client.bots.handover(params);
};
