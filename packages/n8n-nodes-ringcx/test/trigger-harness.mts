import type {
  ICredentialDataDecryptedObject,
  IDataObject,
  INode,
  INodeExecutionData,
  INodeParameters,
  INodeType,
  WorkflowExecuteMode,
} from 'n8n-workflow';
import { RingCxPollTrigger } from '../nodes/RingCxPollTrigger/RingCxPollTrigger.node.ts';
import { RingCxTrigger } from '../nodes/RingCxTrigger/RingCxTrigger.node.ts';
import { nodeTypeRegistry, serveTrigger } from './n8n-engine.mts';
import { credentialType } from './n8n-harness.mts';

const webhookTrigger = new RingCxTrigger();
const pollTrigger = new RingCxPollTrigger();

/**
 * One trigger node in an active workflow, driven through n8n-core's real contexts (HookContext,
 * WebhookContext, PollContext): the lifecycle methods, a local HTTP server standing in for n8n's
 * webhook routes, and the runs the trigger started. Static data lives on the workflow object, as
 * n8n keeps it between calls.
 */
export interface TriggerEnvironment {
  webhookUrl: string;
  staticData(): IDataObject;
  /** The items of each run the trigger started, in order. */
  runs: INodeExecutionData[][];
  checkExists(): Promise<boolean>;
  create(): Promise<boolean>;
  delete(): Promise<boolean>;
  poll(mode?: WorkflowExecuteMode): Promise<INodeExecutionData[][] | null>;
  /** Edits the node's parameters, as a user does between two activations. */
  setParameters(parameters: Record<string, unknown>): void;
  close(): Promise<void>;
}

export async function startTrigger(options: {
  credentials: ICredentialDataDecryptedObject;
  parameters: Record<string, unknown>;
  type?: 'webhook' | 'poll';
}): Promise<TriggerEnvironment> {
  const { PollContext } = await import('n8n-core');
  const { Workflow } = await import('n8n-workflow');
  const nodeType: INodeType = options.type === 'poll' ? pollTrigger : webhookTrigger;
  const node: INode = {
    id: 'trigger-node-1',
    name: 'RingCX Trigger',
    type: options.type === 'poll' ? 'ringcx.ringCxPollTrigger' : 'ringcx.ringCxTrigger',
    typeVersion: 1,
    position: [0, 0],
    parameters: options.parameters as INodeParameters,
    credentials: { ringCxApi: { id: '1', name: 'RingCX account' } },
    webhookId: '8b0c6a52-41d2-4f5e-9c1e-0a6f0e2b1a11',
  };
  const workflow = new Workflow({
    id: 'wf1',
    name: 'RingCX bot',
    nodes: [node],
    connections: {},
    active: true,
    staticData: {},
    nodeTypes: nodeTypeRegistry({ [node.type]: nodeType }),
  });
  const runs: INodeExecutionData[][] = [];

  const route = await serveTrigger({
    workflow,
    node,
    nodeType,
    credentialType,
    credentials: options.credentials,
    onItems: (items) => runs.push(items),
  });
  const { additionalData, hook } = route;
  const methods = nodeType.webhookMethods?.default;
  return {
    webhookUrl: route.webhookUrl,
    staticData: () => workflow.getStaticData('node', node),
    runs,
    checkExists: () => methods!.checkExists.call(hook()),
    create: () => methods!.create.call(hook()),
    delete: () => methods!.delete.call(hook()),
    poll: async (mode = 'trigger') => {
      const result = await nodeType.poll!.call(
        new PollContext(workflow, node, additionalData, mode, 'activate'),
      );
      if (result) runs.push(result[0]!);
      return result;
    },
    setParameters: (parameters) => {
      node.parameters = parameters as INodeParameters;
    },
    close: route.close,
  };
}
