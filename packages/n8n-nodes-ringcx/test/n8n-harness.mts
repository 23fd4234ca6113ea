import { NodeConnectionTypes } from 'n8n-workflow';
import type {
  ICredentialDataDecryptedObject,
  INode,
  IDataObject,
  IExecuteFunctions,
  ILoadOptionsFunctions,
  INodeExecutionData,
  INodeParameters,
  INodeType,
  INodeTypeDescription,
  IRun,
} from 'n8n-workflow';
import { RingCxApi } from '../credentials/RingCxApi.credentials.ts';
import { RingCx } from '../nodes/RingCx/RingCx.node.ts';
import { RingCxPollTrigger } from '../nodes/RingCxPollTrigger/RingCxPollTrigger.node.ts';
import { RingCxTrigger } from '../nodes/RingCxTrigger/RingCxTrigger.node.ts';
import {
  additionalDataFor,
  nodeTypeRegistry,
  runWorkflow as runInEngine,
  type WorkflowJson,
} from './n8n-engine.mts';

/** Hands the workflow's input items to the next node, like the Manual Trigger does. */
class Start implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Start',
    name: 'start',
    group: ['trigger'],
    version: 1,
    description: 'Emits the items given as JSON',
    defaults: { name: 'Start' },
    inputs: [],
    outputs: ['main'],
    properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const items = JSON.parse(this.getNodeParameter('items', 0) as string) as IDataObject[];
    return [items.map((json) => ({ json }))];
  }
}

const ringCx = new RingCx();
const ringCxTrigger = new RingCxTrigger();
const ringCxPollTrigger = new RingCxPollTrigger();

/** Node types by the names tests use and by the names n8n gives an installed package's nodes. */
const NODE_TYPES: Record<string, INodeType> = {
  'test.start': new Start(),
  'ringcx.ringCx': ringCx,
  '@ringcx-connectors/n8n-nodes-ringcx.ringCx': ringCx,
  '@ringcx-connectors/n8n-nodes-ringcx.ringCxTrigger': ringCxTrigger,
  '@ringcx-connectors/n8n-nodes-ringcx.ringCxPollTrigger': ringCxPollTrigger,
};

const NODE_TYPE_REGISTRY = nodeTypeRegistry(NODE_TYPES);
export const credentialType = new RingCxApi();

export interface RunOptions {
  /** The credential's fields: host, account, baseUrl, accessToken. */
  credentials: ICredentialDataDecryptedObject;
  /** The RingCX node's parameters (resource, operation and the operation's fields). */
  parameters: Record<string, unknown>;
  /** Items entering the RingCX node. Default: one empty item. */
  items?: Array<Record<string, unknown>>;
  continueOnFail?: boolean;
}

export interface RunResult {
  /** The RingCX node's output items, with pairing. */
  items: INodeExecutionData[];
  /** The execution error, when the node failed the run. */
  error?: IRun['data']['resultData']['error'];
}

/** Runs Start → RingCX as a real workflow through n8n-core's engine, in process. */
export async function runRingCx(options: RunOptions): Promise<RunResult> {
  const workflow: WorkflowJson = {
    nodes: [
      {
        id: 'start',
        name: 'Start',
        type: 'test.start',
        typeVersion: 1,
        position: [0, 0],
        parameters: { items: JSON.stringify(options.items ?? [{}]) },
      },
      {
        id: 'ringcx',
        name: 'RingCX',
        type: 'ringcx.ringCx',
        typeVersion: 1,
        position: [200, 0],
        parameters: options.parameters as INodeParameters,
        credentials: { ringCxApi: { id: '1', name: 'RingCX account' } },
        ...(options.continueOnFail && { onError: 'continueRegularOutput' as const }),
      },
    ],
    connections: { Start: { main: [[{ node: 'RingCX', type: NodeConnectionTypes.Main, index: 0 }]] } },
  };
  const run = await runWorkflow(workflow, { credentials: options.credentials, startNode: 'Start' });
  return {
    items: run.data.resultData.runData.RingCX?.[0]?.data?.main?.[0] ?? [],
    error: run.data.resultData.error,
  };
}

export type { WorkflowJson } from './n8n-engine.mts';

/**
 * Runs a workflow through n8n-core's engine, in process: from `startNode`, or, for a workflow that
 * starts with a webhook trigger, from the items that trigger produced (as n8n does when a webhook
 * fires). Requests go through n8n's own HTTP stack, with the credential applied the way n8n applies a
 * generic `authenticate`.
 */
export async function runWorkflow(
  json: WorkflowJson,
  options: {
    credentials: ICredentialDataDecryptedObject;
    startNode: string;
    triggerItems?: INodeExecutionData[];
    /** Node types to use instead of the sources' (e.g. the built package's), by type name. */
    nodeTypes?: Record<string, INodeType>;
  },
): Promise<IRun> {
  return await runInEngine(
    { id: 'wf1', name: 'RingCX test', nodes: json.nodes, connections: json.connections },
    {
      nodeTypes: { ...NODE_TYPES, ...options.nodeTypes },
      additionalData: additionalDataFor(credentialType, options.credentials),
      startNode: options.startNode,
      triggerItems: options.triggerItems,
    },
  );
}

/** The context n8n gives a node's list searches and option loaders in the editor. */
export async function loadOptionsContext(
  credentials: ICredentialDataDecryptedObject,
): Promise<ILoadOptionsFunctions> {
  const { LoadOptionsContext } = await import('n8n-core');
  const { Workflow } = await import('n8n-workflow');
  const node: INode = {
    id: 'ringcx',
    name: 'RingCX',
    type: 'ringcx.ringCx',
    typeVersion: 1,
    position: [0, 0],
    parameters: { resource: 'thread', operation: 'get' },
    credentials: { ringCxApi: { id: '1', name: 'RingCX account' } },
  };
  const workflow = new Workflow({
    id: 'wf1',
    name: 'RingCX test',
    nodes: [node],
    connections: {},
    active: false,
    nodeTypes: NODE_TYPE_REGISTRY,
  });
  return new LoadOptionsContext(workflow, node, additionalDataFor(credentialType, credentials), 'parameters');
}

/** Evaluates an expression as n8n does for credential fields, with `$credentials` set. */
export async function evaluateWithCredentials(
  expression: string,
  credentials: ICredentialDataDecryptedObject,
): Promise<unknown> {
  const { Workflow } = await import('n8n-workflow');
  const node: INode = {
    id: 'start',
    name: 'Start',
    type: 'test.start',
    typeVersion: 1,
    position: [0, 0],
    parameters: {},
  };
  const workflow = new Workflow({
    nodes: [node],
    connections: {},
    active: false,
    nodeTypes: NODE_TYPE_REGISTRY,
  });
  return workflow.expression.getParameterValue(expression, null, 0, 0, node.name, [], 'internal', {
    $credentials: credentials,
  });
}

/** The credential fields for a local API double (custom base URL). */
export function credentialsFor(api: { baseUrl: string; token: string }): ICredentialDataDecryptedObject {
  return { host: 'custom', baseUrl: api.baseUrl, accessToken: api.token };
}
