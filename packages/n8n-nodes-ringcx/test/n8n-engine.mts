/**
 * n8n in this process, for any set of node types (the sources for the tests, the built package for
 * the bench): n8n-core's engine and contexts, with the pieces of the n8n server a run needs (the
 * credentials helper, the URLs, and a webhook route on 127.0.0.1 for one trigger).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type * as n8nWorkflow from 'n8n-workflow';
import type {
  ICredentialDataDecryptedObject,
  ICredentialsHelper,
  ICredentialType,
  IConnections,
  IDataObject,
  IHookFunctions,
  IHttpRequestOptions,
  INode,
  INodeExecutionData,
  INodeType,
  INodeTypes,
  IRun,
  IWebhookData,
  IWorkflowExecuteAdditionalData,
  Workflow,
} from 'n8n-workflow';

const require = createRequire(import.meta.url);

/**
 * The CommonJS n8n-workflow, the instance n8n-core and the bundled nodes load (the tests alias
 * `n8n-workflow` to it too), loaded on first use: n8n-core's settings must be in place by then.
 */
function workflowModule(): typeof n8nWorkflow {
  return require('n8n-workflow') as typeof n8nWorkflow;
}

/** A workflow as n8n exports it (the fields the engine needs). */
export interface WorkflowJson {
  nodes: INode[];
  connections: IConnections;
}

export function nodeTypeRegistry(types: Record<string, INodeType>): INodeTypes {
  return {
    getByName: (type) => types[type]!,
    getByNameAndVersion: (type) => types[type]!,
    getKnownTypes: () => ({}),
  };
}

/**
 * The engine logs node failures and reports them to its error reporter (Sentry in n8n), which
 * prints them here; the callers assert on the failures instead.
 */
export async function quietEngine(): Promise<void> {
  const { ErrorReporter } = await import('n8n-core');
  workflowModule().LoggerProxy.init({ error() {}, warn() {}, info() {}, debug() {} } as never);
  ErrorReporter.prototype.error = () => {};
}

/** The subset of n8n's CredentialsHelper a run needs, applying the credential's own `authenticate`. */
export function credentialsHelper(
  credentialType: ICredentialType,
  data: ICredentialDataDecryptedObject,
): ICredentialsHelper {
  const authenticate = credentialType.authenticate as { properties: { headers?: IDataObject } };
  const helper = {
    getParentTypes: () => [],
    isCredentialUsableByNode: () => true,
    getDecrypted: async () => ({ ...data }),
    getCredentialsProperties: () => credentialType.properties,
    preAuthentication: async () => undefined,
    runPreAuthentication: async () => undefined,
    updateCredentials: async () => {},
    updateCredentialsOauthTokenData: async () => {},
    getCredentials: async () => {
      throw new Error('not used');
    },
    authenticate: async (
      credentials: ICredentialDataDecryptedObject,
      _type: string,
      request: IHttpRequestOptions,
    ) => {
      const headers = { ...request.headers };
      for (const [name, template] of Object.entries(authenticate.properties.headers ?? {})) {
        headers[name] = String(template)
          .replace(/^=/, '')
          .replace(/\{\{\s*\$credentials\.(\w+)\s*\}\}/g, (_, field: string) =>
            String(credentials[field] ?? ''),
          );
      }
      return { ...request, headers };
    },
  };
  return helper as unknown as ICredentialsHelper;
}

/** What n8n hands every node context: URLs under `base`, the credentials helper, no runner encryption. */
export function additionalDataFor(
  credentialType: ICredentialType,
  credentials: ICredentialDataDecryptedObject,
  base = 'http://127.0.0.1',
): IWorkflowExecuteAdditionalData {
  return {
    credentialsHelper: credentialsHelper(credentialType, credentials),
    restApiUrl: `${base}/rest`,
    instanceBaseUrl: `${base}/`,
    webhookBaseUrl: `${base}/webhook`,
    webhookWaitingBaseUrl: `${base}/webhook-waiting`,
    webhookTestBaseUrl: `${base}/webhook-test`,
    formWaitingBaseUrl: `${base}/form-waiting`,
    variables: {},
    currentNodeExecutionIndex: 0,
    logAiEvent: () => {},
    encryptedRunnerIdentity: undefined,
  } as unknown as IWorkflowExecuteAdditionalData;
}

let executions = 0;

/**
 * Runs a workflow through n8n-core's engine: from `startNode` (a manual run), or, given
 * `triggerItems`, from those items entering `startNode`, as n8n does when a webhook trigger fires.
 */
export async function runWorkflow(
  json: WorkflowJson & { id: string; name: string },
  options: {
    nodeTypes: Record<string, INodeType>;
    additionalData: IWorkflowExecuteAdditionalData;
    startNode: string;
    triggerItems?: INodeExecutionData[];
  },
): Promise<IRun> {
  const { WorkflowExecute, ExecutionLifecycleHooks } = await import('n8n-core');
  const { Workflow, createRunExecutionData } = workflowModule();
  await quietEngine();
  const workflowData = {
    id: json.id,
    name: json.name,
    nodes: json.nodes,
    connections: json.connections,
    active: false,
    activeVersionId: null,
    isArchived: false,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  const workflow = new Workflow({ ...workflowData, nodeTypes: nodeTypeRegistry(options.nodeTypes) });
  const mode = options.triggerItems ? 'webhook' : 'manual';
  const additionalData = {
    ...options.additionalData,
    hooks: new ExecutionLifecycleHooks(mode, `exec${++executions}`, workflowData),
  } as IWorkflowExecuteAdditionalData;
  const startNode = workflow.getNode(options.startNode)!;
  if (!options.triggerItems) {
    return await new WorkflowExecute(additionalData, mode).run({ workflow, startNode });
  }
  const runExecutionData = createRunExecutionData({
    executionData: {
      nodeExecutionStack: [{ node: startNode, data: { main: [options.triggerItems] }, source: null }],
    },
  });
  return await new WorkflowExecute(additionalData, mode, runExecutionData).processRunExecutionData(workflow);
}

/** A webhook trigger of an active workflow, reachable the way n8n serves it. */
export interface TriggerRoute {
  /** The n8n instance's address: `http://127.0.0.1:<port>`. */
  base: string;
  /** The trigger's production URL (its POST webhook). */
  webhookUrl: string;
  /** Node-context data under `base`, with the trigger's credentials. */
  additionalData: IWorkflowExecuteAdditionalData;
  /** The context n8n gives `checkExists`, `create` and `delete` when the workflow is activated. */
  hook(): IHookFunctions;
  close(): Promise<void>;
}

/**
 * n8n's webhook server, reduced to one trigger's routes (`/webhook/<webhookId>/<path>`): a request runs
 * the node's `webhook()`; n8n answers 200 at once (respond "On Received", no data) and hands the items
 * the trigger produced to `onItems`, unless the node answered itself.
 */
export async function serveTrigger(options: {
  workflow: Workflow;
  node: INode;
  nodeType: INodeType;
  credentialType: ICredentialType;
  credentials: ICredentialDataDecryptedObject;
  onItems(items: INodeExecutionData[]): void;
}): Promise<TriggerRoute> {
  const { HookContext, WebhookContext } = await import('n8n-core');
  await quietEngine();
  const { workflow, node, nodeType } = options;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receive(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        res.writeHead(500).end(error instanceof Error ? error.message : 'Workflow could not be started');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const additionalData = additionalDataFor(options.credentialType, options.credentials, base);

  const webhookData = (method: 'GET' | 'POST'): IWebhookData => {
    const description = nodeType.description.webhooks!.find((webhook) => webhook.httpMethod === method)!;
    return {
      httpMethod: method,
      node: node.name,
      path: `${node.webhookId}/${String(description.path)}`,
      webhookDescription: description,
      workflowId: workflow.id,
      workflowExecuteAdditionalData: additionalData,
      webhookId: node.webhookId,
    };
  };

  async function receive(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    if (!req.url?.startsWith(`/webhook/${node.webhookId}/`)) {
      res.writeHead(404).end();
      return;
    }
    const url = new URL(req.url, base);
    const method = req.method === 'GET' ? 'GET' : 'POST';
    let body: unknown = {};
    try {
      body = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    } catch {
      // Not JSON: the trigger reads the raw body.
    }
    const request = Object.assign(req, { query: Object.fromEntries(url.searchParams), body, rawBody: raw });
    const context = new WebhookContext(
      workflow,
      node,
      { ...additionalData, httpRequest: request, httpResponse: expressLike(res) } as never,
      'webhook',
      webhookData(method),
      [],
      null,
    );
    const result = await nodeType.webhook!.call(context);
    if (result.noWebhookResponse) return;
    res.writeHead(200).end();
    const items = result.workflowData?.[0];
    if (items) options.onItems(items);
  }

  return {
    base,
    webhookUrl: `${base}/webhook/${node.webhookId}/webhook`,
    additionalData,
    hook: () => new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData('POST')),
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
