import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type {
  ICredentialDataDecryptedObject,
  ICredentialsHelper,
  ICredentialType,
  IConnections,
  IDataObject,
  IHttpRequestOptions,
  INode,
  INodeExecutionData,
  INodeType,
  IRun,
  ITaskData,
  IWebhookData,
  IWorkflowExecuteAdditionalData,
  Workflow,
} from 'n8n-workflow';
import type * as n8nWorkflow from 'n8n-workflow';

// n8n-workflow as CommonJS, the instance n8n-core loads, so both agree on its classes.
const require = createRequire(import.meta.url);
const PACKAGE = '@ringcx-connectors/n8n-nodes-ringcx';

/** A workflow as n8n exports it (the fields the engine reads). */
export interface WorkflowJson {
  name: string;
  nodes: INode[];
  connections: IConnections;
}

/** A workflow whose RingCX Trigger is registered on RingCX and served by this runtime. */
export interface ActiveWorkflow {
  /** The RingCX webhook the trigger registered. */
  readonly webhookId: string;
  readonly webhookUrl: string;
  deactivate(): Promise<void>;
}

/** A node that finished in a run: its output items, or its error. */
export type NodeFinished = (node: string, task: ITaskData) => void;

/**
 * The parts of n8n the customer story needs, in process: the community package loaded from its
 * installed folder by n8n's own loader, workflows run by n8n-core's engine, and trigger webhooks
 * served on loopback the way n8n's webhook server routes them (`/webhook/<webhookId>/<path>`).
 */
export interface N8nRuntime {
  /** The node types n8n loaded from the package, by the names workflows use. */
  readonly nodeTypes: readonly string[];
  /** A workflow shipped in the package's `examples` folder. */
  example(file: string): WorkflowJson;
  /** Registers the workflow's RingCX Trigger; each firing calls `onTrigger` with the trigger's items. */
  activate(workflow: WorkflowJson, onTrigger: (items: INodeExecutionData[]) => void): Promise<ActiveWorkflow>;
  /** Runs a workflow from its trigger's items, as n8n does when a webhook fires. */
  run(workflow: WorkflowJson, items: INodeExecutionData[], onNode: NodeFinished): Promise<IRun>;
  close(): Promise<void>;
}

export async function startN8n(credentials: ICredentialDataDecryptedObject): Promise<N8nRuntime> {
  prepareInstance();
  const {
    ErrorReporter,
    ExecutionLifecycleHooks,
    HookContext,
    PackageDirectoryLoader,
    WebhookContext,
    WorkflowExecute,
  } = await import('n8n-core');
  const { LoggerProxy, Workflow, createRunExecutionData } = require('n8n-workflow') as typeof n8nWorkflow;
  // The demo prints its own transcript: n8n's logger and error reporter (Sentry) stay quiet.
  LoggerProxy.init({ error() {}, warn() {}, info() {}, debug() {} } as never);
  ErrorReporter.prototype.error = () => {};

  const packageDir = dirname(require.resolve(`${PACKAGE}/package.json`));
  const loader = new PackageDirectoryLoader(packageDir);
  await loader.loadAll();
  const types: Record<string, INodeType> = Object.fromEntries(
    Object.entries(loader.nodeTypes).map(([name, data]) => [
      `${loader.packageName}.${name}`,
      data.type as INodeType,
    ]),
  );
  const credentialType = Object.values(loader.credentialTypes)[0]!.type as ICredentialType;
  const registry = {
    getByName: (type: string) => known(type),
    getByNameAndVersion: (type: string) => known(type),
    getKnownTypes: () => ({}),
  };
  function known(type: string): INodeType {
    const nodeType = types[type];
    if (!nodeType) throw new Error(`n8n has no node type "${type}" installed`);
    return nodeType;
  }

  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse, raw: Buffer) => Promise<void>>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const webhookId = /^\/webhook\/([^/]+)\//.exec(req.url ?? '')?.[1];
      const route = webhookId ? routes.get(webhookId) : undefined;
      if (!route) {
        res.writeHead(404).end('The requested webhook is not registered.');
        return;
      }
      route(req, res, Buffer.concat(chunks)).catch((error: unknown) => {
        res.writeHead(500).end(error instanceof Error ? error.message : 'Workflow could not be started');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const additionalData = {
    credentialsHelper: credentialsHelper(credentials, credentialType),
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

  const workflowOf = (json: WorkflowJson, active: boolean): Workflow =>
    new Workflow({
      id: json.name,
      name: json.name,
      nodes: json.nodes,
      connections: json.connections,
      active,
      staticData: {},
      nodeTypes: registry,
    });

  return {
    nodeTypes: Object.keys(types),
    example: (file) => JSON.parse(readFileSync(join(packageDir, 'examples', file), 'utf8')) as WorkflowJson,

    async activate(json, onTrigger) {
      // One Workflow object while active: the trigger keeps its webhook id and seen events in its
      // static data, as n8n keeps them with the saved workflow.
      const workflow = workflowOf(json, true);
      const node = triggerOf(json);
      const nodeType = known(node.type);
      const webhookData = (method: 'GET' | 'POST'): IWebhookData => {
        const description = nodeType.description.webhooks!.find((hook) => hook.httpMethod === method)!;
        return {
          httpMethod: method,
          node: node.name,
          path: `${node.webhookId}/${String(description.path)}`,
          webhookDescription: description,
          workflowId: json.name,
          workflowExecuteAdditionalData: additionalData,
          webhookId: node.webhookId,
        };
      };
      routes.set(node.webhookId!, async (req, res, raw) => {
        const method = req.method === 'GET' ? 'GET' : 'POST';
        const url = new URL(req.url ?? '/', base);
        const request = Object.assign(req, {
          query: Object.fromEntries(url.searchParams),
          body: parseJson(raw),
          rawBody: raw,
        });
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
        // responseMode 'onReceived' with no data: n8n answers 200 at once, then runs the workflow.
        res.writeHead(200).end();
        if (result.workflowData) onTrigger(result.workflowData[0]!);
      });
      const hooks = nodeType.webhookMethods!.default!;
      const hook = () =>
        new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData('POST'));
      await hooks.create!.call(hook());
      const state = workflow.getStaticData('node', node) as { webhookId?: string };
      return {
        webhookId: state.webhookId!,
        webhookUrl: `${base}/webhook/${node.webhookId}/webhook`,
        async deactivate() {
          await hooks.delete!.call(hook());
          routes.delete(node.webhookId!);
        },
      };
    },

    async run(json, items, onNode) {
      const workflow = workflowOf(json, false);
      const workflowData = {
        id: json.name,
        name: json.name,
        nodes: json.nodes,
        connections: json.connections,
        active: false,
        activeVersionId: null,
        isArchived: false,
        createdAt: new Date(),
        updatedAt: new Date(),
      };
      const hooks = new ExecutionLifecycleHooks('webhook', `${json.name}-${Date.now()}`, workflowData);
      hooks.addHandler('nodeExecuteAfter', (name, task) => onNode(name, task));
      const execution = createRunExecutionData({
        executionData: {
          nodeExecutionStack: [{ node: triggerOf(json), data: { main: [items] }, source: null }],
        },
      });
      return await new WorkflowExecute(
        { ...additionalData, hooks } as IWorkflowExecuteAdditionalData,
        'webhook',
        execution,
      ).processRunExecutionData(workflow);
    },

    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * n8n-core keeps an instance folder (it writes a settings file there) and needs an encryption key:
 * a throwaway folder for this process, unless the environment already names one.
 */
function prepareInstance(): void {
  if (process.env.N8N_USER_FOLDER) return;
  const folder = mkdtempSync(join(tmpdir(), 'ringcx-demo-n8n-'));
  process.env.N8N_USER_FOLDER = folder;
  process.env.N8N_ENCRYPTION_KEY ??= 'ringcx-demo-only';
  process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
}

function triggerOf(json: WorkflowJson): INode {
  const trigger = json.nodes.find((node) => node.webhookId);
  if (!trigger) throw new Error(`The workflow "${json.name}" has no webhook trigger`);
  return trigger;
}

function parseJson(raw: Buffer): unknown {
  try {
    return raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    return {};
  }
}

/** What n8n's credentials helper does for this credential: decrypt (here: hand over) and authenticate. */
function credentialsHelper(data: ICredentialDataDecryptedObject, type: ICredentialType): ICredentialsHelper {
  const helper = {
    getParentTypes: () => [],
    isCredentialUsableByNode: () => true,
    getDecrypted: async () => ({ ...data }),
    getCredentialsProperties: () => type.properties,
    preAuthentication: async () => undefined,
    runPreAuthentication: async () => undefined,
    updateCredentials: async () => {},
    updateCredentialsOauthTokenData: async () => {},
    authenticate: async (
      credentials: ICredentialDataDecryptedObject,
      _type: string,
      request: IHttpRequestOptions,
    ) => {
      // The credential authenticates with headers templated on its fields (`{{ $credentials.x }}`).
      const headers = { ...request.headers };
      const authenticate = type.authenticate as { properties: { headers?: IDataObject } };
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
