import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  ICredentialDataDecryptedObject,
  IDataObject,
  INode,
  INodeExecutionData,
  INodeParameters,
  INodeType,
  IWebhookData,
  IWorkflowExecuteAdditionalData,
  WorkflowExecuteMode,
} from 'n8n-workflow';
import { RingCxPollTrigger } from '../nodes/RingCxPollTrigger/RingCxPollTrigger.node.ts';
import { RingCxTrigger } from '../nodes/RingCxTrigger/RingCxTrigger.node.ts';
import { credentialsHelper, quietEngine } from './n8n-harness.mts';

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
  const { HookContext, PollContext, WebhookContext } = await import('n8n-core');
  const { Workflow } = await import('n8n-workflow');
  await quietEngine();
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
    nodeTypes: {
      getByName: () => nodeType,
      getByNameAndVersion: () => nodeType,
      getKnownTypes: () => ({}),
    },
  });
  const runs: INodeExecutionData[][] = [];

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      void receive(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const additionalData = {
    credentialsHelper: credentialsHelper(options.credentials),
    restApiUrl: `${base}/rest`,
    instanceBaseUrl: `${base}/`,
    webhookBaseUrl: `${base}/webhook`,
    webhookTestBaseUrl: `${base}/webhook-test`,
    webhookWaitingBaseUrl: `${base}/webhook-waiting`,
    formWaitingBaseUrl: `${base}/form-waiting`,
    variables: {},
    currentNodeExecutionIndex: 0,
    logAiEvent: () => {},
  } as unknown as IWorkflowExecuteAdditionalData;

  const webhookData = (method: 'GET' | 'POST'): IWebhookData => {
    const description = nodeType.description.webhooks!.find((webhook) => webhook.httpMethod === method)!;
    return {
      httpMethod: method,
      node: node.name,
      path: `${node.webhookId}/${description.path}`,
      webhookDescription: description,
      workflowId: 'wf1',
      workflowExecuteAdditionalData: additionalData,
      webhookId: node.webhookId,
    };
  };

  /** What n8n does with a request on the trigger's route: run `webhook()`, then answer or start a run. */
  async function receive(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', base);
    const method = req.method === 'GET' ? 'GET' : 'POST';
    let parsed: unknown = {};
    try {
      parsed = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      parsed = {};
    }
    const request = Object.assign(req, {
      query: Object.fromEntries(url.searchParams),
      body: parsed,
      rawBody: raw,
    });
    const response = expressLike(res);
    const context = new WebhookContext(
      workflow,
      node,
      {
        ...additionalData,
        httpRequest: request,
        httpResponse: response,
      } as unknown as IWorkflowExecuteAdditionalData,
      'webhook',
      webhookData(method),
      [],
      null,
    );
    const result = await nodeType.webhook!.call(context);
    if (result.noWebhookResponse) return;
    if (result.workflowData) runs.push(result.workflowData[0]!);
    // responseData 'noData': n8n answers an empty 200.
    res.writeHead(200).end();
  }

  const hook = () =>
    new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData('POST'));
  const methods = nodeType.webhookMethods?.default;
  return {
    webhookUrl: `${base}/webhook/${node.webhookId}/webhook`,
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
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The part of Express's response the trigger uses. */
function expressLike(res: ServerResponse) {
  const response = {
    status(code: number) {
      res.statusCode = code;
      return response;
    },
    set(headers: Record<string, string>) {
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      return response;
    },
    send(body: string) {
      res.end(body);
      return response;
    },
    end() {
      res.end();
      return response;
    },
  };
  return response;
}
