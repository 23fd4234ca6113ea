import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import * as agentStatus from './actions/agentStatus/index.ts';
import * as bot from './actions/bot/index.ts';
import * as category from './actions/category/index.ts';
import * as identity from './actions/identity/index.ts';
import * as intervention from './actions/intervention/index.ts';
import * as message from './actions/message/index.ts';
import { router } from './actions/router.ts';
import * as source from './actions/source/index.ts';
import * as team from './actions/team/index.ts';
import * as thread from './actions/thread/index.ts';
import * as user from './actions/user/index.ts';
import * as listSearch from './methods/listSearch.ts';
import * as loadOptions from './methods/loadOptions.ts';

export class RingCx implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'RingCX',
    name: 'ringCx',
    icon: { light: 'file:../../icons/ringcx.svg', dark: 'file:../../icons/ringcx.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
    description: 'Read and act on RingCX Interactions (ex Engage Digital) conversations',
    defaults: { name: 'RingCX' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'ringCxApi', required: true }],
    properties: [
      {
        displayName: 'Resource',
        name: 'resource',
        type: 'options',
        noDataExpression: true,
        options: [
          { name: 'Agent Status', value: 'agentStatus' },
          { name: 'Bot', value: 'bot' },
          { name: 'Category', value: 'category' },
          { name: 'Identity', value: 'identity' },
          { name: 'Intervention', value: 'intervention' },
          { name: 'Message', value: 'message' },
          { name: 'Source', value: 'source' },
          { name: 'Team', value: 'team' },
          { name: 'Thread', value: 'thread' },
          { name: 'User', value: 'user' },
        ],
        default: 'message',
      },
      ...agentStatus.description,
      ...bot.description,
      ...category.description,
      ...identity.description,
      ...intervention.description,
      ...message.description,
      ...source.description,
      ...team.description,
      ...thread.description,
      ...user.description,
    ],
  };

  methods = { listSearch, loadOptions };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return await router.call(this);
  }
}
