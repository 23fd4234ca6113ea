/**
 * `pnpm bench` for the n8n package: the built package (`dist`, as n8n installs it) loaded by n8n's
 * own loader and run by n8n-core's engine in this process, against the sandbox on loopback.
 *
 * (a) Customer message → bot reply: the shipped example workflow is activated (its RingCX Trigger
 *     registers a webhook served on 127.0.0.1); each `control.customerMessage` is timed until the
 *     workflow's reply (`POST /1.0/contents` answering that message) has been answered by the sandbox.
 * (b) Thread → Get Many with Return All over 3,000 threads, against a baseline in the same engine:
 *     n8n-nodes-base (the HTTP Request node) is not installed, so the baseline is a minimal node that
 *     calls the helper the HTTP Request node's pagination runs on (`requestWithAuthenticationPaginated`,
 *     with the RingCX credential), configured as a user would: offset += 150 per page, done when
 *     `offset + records.length >= count`.
 *
 * Bounded in count (150 messages, 5 rounds of each listing) and time (well under 60 s). Exits non-zero
 * when a must-hold check fails.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startSandbox, type ApiResponseInfo } from '@ringcx-connectors/sandbox';
import type * as n8nWorkflow from 'n8n-workflow';
import type {
  ICredentialType,
  IDataObject,
  IExecuteFunctions,
  INodeExecutionData,
  INodeType,
  INodeTypeDescription,
  IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import {
  additionalDataFor,
  nodeTypeRegistry,
  quietEngine,
  runWorkflow as runInEngine,
  serveTrigger,
  type WorkflowJson as EngineWorkflow,
} from '../test/n8n-engine.mts';

const MESSAGES = 120;
const THREADS = 3000;
const PAGE = 150;
const ROUNDS = 5;
const REPLY_TIMEOUT_MS = 5000;
// Core paces each account at RingCX's budget (500 requests per minute, in process): the node's
// requests in this run must stay under it, or the limiter's waits would be measured as latency.
const ACCOUNT_BUDGET = 500;

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const failures: string[] = [];

function progress(line: string): void {
  console.log(`  … ${line}`);
}

function check(ok: boolean, failure: string): void {
  if (!ok) failures.push(failure);
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

// --- n8n in process ---------------------------------------------------------------------------------

// n8n-core writes a settings file into its instance folder and needs an encryption key.
const instance = mkdtempSync(join(tmpdir(), 'ringcx-n8n-bench-'));
process.env.N8N_USER_FOLDER = instance;
process.env.N8N_ENCRYPTION_KEY ??= 'bench-only';
process.once('exit', () => rmSync(instance, { recursive: true, force: true }));

const { PackageDirectoryLoader } = await import('n8n-core');
await quietEngine();

const loader = new PackageDirectoryLoader(packageDir);
try {
  await loader.loadAll();
} catch (error) {
  throw new Error(`Could not load the built package from dist/ (run \`pnpm build\` first): ${String(error)}`);
}
const nodeTypes: Record<string, INodeType> = Object.fromEntries(
  Object.entries(loader.nodeTypes).map(([name, data]) => [
    `${loader.packageName}.${name}`,
    data.type as INodeType,
  ]),
);
const credentialType = Object.values(loader.credentialTypes)[0]!.type as ICredentialType;

/** The baseline: the pagination engine of n8n's HTTP Request node, with the RingCX credential. */
class PaginatedHttpRequest implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Paginated HTTP Request',
    name: 'paginatedHttpRequest',
    group: ['transform'],
    version: 1,
    description: 'GET with offset pagination, as the HTTP Request node does it',
    defaults: { name: 'HTTP Request' },
    inputs: ['main'],
    outputs: ['main'],
    credentials: [{ name: 'ringCxApi', required: true }],
    properties: [{ displayName: 'URL', name: 'url', type: 'string', default: '' }],
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    const url = this.getNodeParameter('url', 0) as string;
    const responses = (await this.helpers.requestWithAuthenticationPaginated.call(
      this,
      { method: 'GET', uri: url, qs: { limit: PAGE }, json: true },
      0,
      {
        request: { qs: { offset: `={{ $pageCount * ${PAGE} }}` } },
        continue: '={{ !($response.body.offset + $response.body.records.length >= $response.body.count) }}',
        requestInterval: 0,
      },
      'ringCxApi',
    )) as Array<{ body: IDataObject }>;
    // One item per response, as the HTTP Request node outputs paginated JSON.
    return [responses.map((response) => ({ json: response.body, pairedItem: { item: 0 } }))];
  }
}
nodeTypes['bench.paginatedHttpRequest'] = new PaginatedHttpRequest();

interface WorkflowJson extends EngineWorkflow {
  name: string;
}

/** Runs a workflow from its first node's input items, as n8n does when a trigger fires. */
async function runWorkflow(
  json: WorkflowJson,
  additionalData: IWorkflowExecuteAdditionalData,
  items: INodeExecutionData[],
) {
  return await runInEngine(
    { id: json.name, name: json.name, nodes: json.nodes, connections: json.connections },
    { nodeTypes, additionalData, startNode: json.nodes[0]!.name, triggerItems: items },
  );
}

// --- the sandbox --------------------------------------------------------------------------------------

const replyWaiters = new Map<string, () => void>();
let apiRequests = 0;
const sandbox = await startSandbox({
  rateLimit: 0,
  timeScale: 1000,
  onApiResponse(info: ApiResponseInfo) {
    apiRequests++;
    if (info.method !== 'POST' || info.route !== '/1.0/contents' || typeof info.body !== 'object') return;
    const inReplyTo = (info.body as { in_reply_to_id?: string } | null)?.in_reply_to_id;
    if (inReplyTo) replyWaiters.get(inReplyTo)?.();
  },
});
const botCredentials = { host: 'custom', baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.bot };
const adminCredentials = { host: 'custom', baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.admin };

// --- (a) customer message → reply -------------------------------------------------------------------

console.log(
  `n8n package bench: n8n-core ${String(require('n8n-core/package.json').version)}, sandbox ${sandbox.url}`,
);
console.log('(a) customer message → the example workflow’s reply reaching the sandbox');

const example = JSON.parse(
  readFileSync(join(packageDir, 'examples', 'bot-workflow.json'), 'utf8'),
) as WorkflowJson;
const trigger = example.nodes.find((node) => node.webhookId)!;
const triggerType = nodeTypes[trigger.type]!;
const workflowErrors: string[] = [];

// The CommonJS n8n-workflow, the instance n8n-core and the built nodes load.
const { Workflow } = require('n8n-workflow') as typeof n8nWorkflow;
const activeWorkflow = new Workflow({
  id: example.name,
  name: example.name,
  nodes: example.nodes,
  connections: example.connections,
  active: true,
  staticData: {},
  nodeTypes: nodeTypeRegistry(nodeTypes),
});
// n8n answers the delivery at once (respond "On Received"), then runs the workflow.
const route = await serveTrigger({
  workflow: activeWorkflow,
  node: trigger,
  nodeType: triggerType,
  credentialType,
  credentials: botCredentials,
  onItems(items) {
    void runWorkflow(example, botData, items).then(
      (run) => {
        if (run.data.resultData.error) workflowErrors.push(run.data.resultData.error.message);
      },
      (error: unknown) => workflowErrors.push(String(error)),
    );
  },
});
const n8nBase = route.base;
const botData = route.additionalData;
const lifecycle = triggerType.webhookMethods!.default!;
await lifecycle.create!.call(route.hook());
progress(`“${example.name}” activated; RingCX Trigger served at ${n8nBase}/webhook/${trigger.webhookId}/…`);

const latencies: number[] = [];
let missing = 0;
for (let index = 1; index <= MESSAGES; index++) {
  const started = performance.now();
  const messageId = sandbox.control.customerMessage({
    body: `Bench message ${index}`,
    author: { name: `Customer ${index}` },
  }).content.id;
  // Set before the event loop turns: the webhook delivery, and so the reply, come later.
  const replied = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), REPLY_TIMEOUT_MS);
    replyWaiters.set(messageId, () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (await replied) latencies.push(performance.now() - started);
  else missing++;
  replyWaiters.delete(messageId);
  if (index % 50 === 0) progress(`${index}/${MESSAGES} messages answered`);
}
await lifecycle.delete!.call(route.hook());
await sandbox.control.settle();
await route.close();
const workflowRequests = apiRequests;
check(missing === 0, `(a) ${missing} of ${MESSAGES} messages got no reply within ${REPLY_TIMEOUT_MS} ms`);
check(workflowErrors.length === 0, `(a) workflow runs failed: ${workflowErrors.slice(0, 3).join('; ')}`);

// --- (b) Get Many × 3,000 threads ----------------------------------------------------------------------

console.log(
  `(b) ${THREADS} threads: RingCX › Thread › Get Many (Return All) vs the HTTP Request node's pagination`,
);
async function threadCount(): Promise<number> {
  const response = await fetch(`${sandbox.baseUrl}/content_threads?limit=1`, {
    headers: { authorization: `Bearer ${sandbox.tokens.admin}` },
  });
  return ((await response.json()) as { count: number }).count;
}
const existing = await threadCount();
progress(`creating ${THREADS - existing} threads (the sandbox has ${existing})`);
for (let index = existing; index < THREADS; index++) {
  sandbox.control.customerMessage({ body: `Thread ${index}`, author: { name: `Customer ${index}` } });
}
await sandbox.control.settle();
const total = await threadCount();
check(total === THREADS, `(b) the sandbox lists ${total} threads, expected ${THREADS}`);

const adminData = additionalDataFor(credentialType, adminCredentials, n8nBase);
const credentials = { ringCxApi: { id: '1', name: 'RingCX account' } };
const ringCxWorkflow: WorkflowJson = {
  name: 'Get Many threads (RingCX)',
  nodes: [
    {
      id: 'ringcx',
      name: 'RingCX',
      type: `${loader.packageName}.ringCx`,
      typeVersion: 1,
      position: [0, 0],
      parameters: { resource: 'thread', operation: 'getMany', returnAll: true },
      credentials,
    },
  ],
  connections: {},
};
const baselineWorkflow: WorkflowJson = {
  name: 'Get Many threads (HTTP Request pagination)',
  nodes: [
    {
      id: 'http',
      name: 'HTTP Request',
      type: 'bench.paginatedHttpRequest',
      typeVersion: 1,
      position: [0, 0],
      parameters: { url: `${sandbox.baseUrl}/content_threads` },
      credentials,
    },
  ],
  connections: {},
};

interface Listing {
  ms: number;
  requests: number;
  records: number;
}

async function list(json: WorkflowJson, records: (items: INodeExecutionData[]) => number): Promise<Listing> {
  sandbox.control.clearRequests();
  const started = performance.now();
  const run = await runWorkflow(json, adminData, [{ json: {} }]);
  const elapsed = performance.now() - started;
  const error = run.data.resultData.error;
  if (error) throw new Error(`${json.name} failed: ${error.message}`);
  const items = run.data.resultData.runData[json.nodes[0]!.name]?.[0]?.data?.main?.[0] ?? [];
  return { ms: elapsed, requests: sandbox.control.requests().length, records: records(items) };
}

const ringCxRuns: Listing[] = [];
const baselineRuns: Listing[] = [];
for (let round = 1; round <= ROUNDS; round++) {
  // Alternated, so both see the same warm-up and the same machine noise.
  ringCxRuns.push(await list(ringCxWorkflow, (items) => items.length));
  baselineRuns.push(
    await list(baselineWorkflow, (items) =>
      items.reduce((sum, item) => sum + (item.json.records as unknown[]).length, 0),
    ),
  );
  progress(
    `round ${round}/${ROUNDS}: RingCX ${ms(ringCxRuns.at(-1)!.ms)}, HTTP Request pagination ${ms(baselineRuns.at(-1)!.ms)}`,
  );
}
await sandbox.stop();

const expectedRequests = Math.ceil(THREADS / PAGE);
for (const run of ringCxRuns) {
  check(
    run.requests === expectedRequests,
    `(b) the RingCX node made ${run.requests} requests, expected ${expectedRequests}`,
  );
  check(run.records === THREADS, `(b) the RingCX node returned ${run.records} threads, expected ${THREADS}`);
}
const nodeRequests = workflowRequests + ringCxRuns.reduce((sum, run) => sum + run.requests, 0);
check(
  nodeRequests < ACCOUNT_BUDGET,
  `the nodes made ${nodeRequests} requests, over the ${ACCOUNT_BUDGET}/min account budget: lower the counts`,
);
for (const run of baselineRuns) {
  check(run.records === THREADS, `(b) the baseline returned ${run.records} threads, expected ${THREADS}`);
}

// --- results ---------------------------------------------------------------------------------------------

const sorted = [...latencies].sort((a, b) => a - b);
console.log('');
console.log(
  `(a) customer message → reply, ${MESSAGES} messages one after another (webhook batch window 20 ms, sandbox default)`,
);
table([
  ['workflow', 'replies', 'p50', 'p99', 'max', 'API requests'],
  [
    example.name,
    `${latencies.length}/${MESSAGES}`,
    sorted.length ? ms(percentile(sorted, 50)) : '-',
    sorted.length ? ms(percentile(sorted, 99)) : '-',
    sorted.length ? ms(sorted.at(-1)!) : '-',
    String(workflowRequests),
  ],
]);
console.log('');
console.log(`(b) ${THREADS} threads, median of ${ROUNDS} rounds`);
const ringCxMs = median(ringCxRuns.map((run) => run.ms));
const baselineMs = median(baselineRuns.map((run) => run.ms));
table([
  ['node', 'requests', 'threads', 'output items', 'time', 'time ratio'],
  [
    'RingCX › Thread › Get Many (Return All)',
    String(ringCxRuns[0]!.requests),
    String(ringCxRuns[0]!.records),
    String(ringCxRuns[0]!.records),
    ms(ringCxMs),
    (ringCxMs / baselineMs).toFixed(2),
  ],
  [
    'baseline: HTTP Request pagination helper*',
    String(baselineRuns[0]!.requests),
    String(baselineRuns[0]!.records),
    String(baselineRuns[0]!.requests),
    ms(baselineMs),
    '1.00',
  ],
]);
console.log(
  '* n8n-nodes-base is not installed: the baseline is a one-call node on n8n-core’s requestWithAuthenticationPaginated\n' +
    '  (the HTTP Request node’s pagination), offset += 150, done when offset + records >= count; one item per page.',
);

console.log(
  `RingCX nodes' requests in this run: ${nodeRequests} (under core's ${ACCOUNT_BUDGET}/min account budget, so no pacing waits)`,
);

if (failures.length) {
  console.error(`\nFAILED:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exit(1);
}
console.log('\nAll checks passed.');
