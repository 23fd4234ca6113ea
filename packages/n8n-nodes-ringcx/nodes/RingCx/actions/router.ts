import type { RingCxClient } from '@ringcx-connectors/core/portable';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { getClient } from '../../shared/client.ts';
import { toNodeError } from '../../shared/errors.ts';
import * as agentStatus from './agentStatus/index.ts';
import * as bot from './bot/index.ts';
import * as category from './category/index.ts';
import type { Operation } from './common.ts';
import * as identity from './identity/index.ts';
import * as intervention from './intervention/index.ts';
import * as message from './message/index.ts';
import * as source from './source/index.ts';
import * as team from './team/index.ts';
import * as thread from './thread/index.ts';
import * as user from './user/index.ts';

export const resources: Record<string, { operations: Record<string, Operation> }> = {
  agentStatus,
  bot,
  category,
  identity,
  intervention,
  message,
  source,
  team,
  thread,
  user,
};

/** Runs the chosen operation once per input item; each output item is paired with its input. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  let client: RingCxClient;
  try {
    client = await getClient(this);
  } catch (error) {
    throw toNodeError(this.getNode(), error);
  }
  const output: INodeExecutionData[] = [];
  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      const resource = this.getNodeParameter('resource', itemIndex) as string;
      const operation = this.getNodeParameter('operation', itemIndex) as string;
      const chosen = resources[resource]?.operations[operation];
      if (!chosen) {
        throw new NodeOperationError(
          this.getNode(),
          `The operation "${operation}" is not supported for the resource "${resource}"`,
          { itemIndex },
        );
      }
      const result = await chosen.execute.call(this, client, itemIndex);
      output.push(
        ...this.helpers.constructExecutionMetaData(
          this.helpers.returnJsonArray(result as IDataObject | IDataObject[]),
          {
            itemData: { item: itemIndex },
          },
        ),
      );
    } catch (error) {
      const nodeError = toNodeError(this.getNode(), error, itemIndex);
      if (!this.continueOnFail()) throw nodeError;
      output.push({
        json: {
          error: nodeError.message,
          ...(nodeError.description && { description: nodeError.description }),
        },
        pairedItem: { item: itemIndex },
      });
    }
  }
  return [output];
}
