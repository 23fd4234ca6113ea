/**
 * `pnpm bench`: what the sandbox serves per second on loopback, and how fast its webhooks arrive.
 *
 * (a) Requests per second, with autocannon, for a list (`GET /1.0/content_threads`) and a reply
 *     (`POST /1.0/contents` with `in_reply_to_id`), against the sandbox (rate limit off) and against a
 *     bare node:http server answering the same bytes: the ratio is the sandbox's own cost.
 * (b) Webhook delivery latency: customer messages (`control.customerMessage`) one after another, each
 *     timed until a real node:http receiver has answered 200 to the delivery carrying its
 *     `content.imported`; p50/p99 with the default 20 ms batch window, and with the window at 0.
 *
 * Loopback only, about 35 s in all. Exits non-zero when a request fails or a delivery is missing.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';
import { startSandbox } from '../src/index.ts';
import type { ServerConfig, ServerReady } from './servers.ts';

const WARMUP_S = 1;
const MEASURE_S = 4;
const CONNECTIONS = 10;
const MESSAGES = 300;

const failures: string[] = [];

function progress(line: string): void {
  console.log(`  … ${line}`);
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;
  console.log(line(rows[0]!));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows.slice(1)) console.log(line(row));
}

async function startWorker(config: ServerConfig): Promise<{ ready: ServerReady; worker: Worker }> {
  const worker = new Worker(new URL('./servers.ts', import.meta.url), { workerData: config });
  const ready = await new Promise<ServerReady>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { ready, worker };
}

interface Target {
  name: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Requests per second after a warm-up; every answer must be a 2xx. */
async function rps(label: string, target: Target): Promise<number> {
  const options = {
    url: target.url,
    method: target.method,
    headers: target.headers,
    connections: CONNECTIONS,
    ...(target.body === undefined ? {} : { body: target.body }),
  };
  progress(`${label}: ${target.method} ${new URL(target.url).pathname}, warm-up ${WARMUP_S} s`);
  await autocannon({ ...options, duration: WARMUP_S });
  progress(`${label}: measuring ${MEASURE_S} s with ${CONNECTIONS} connections`);
  const result = await autocannon({ ...options, duration: MEASURE_S });
  if (result.errors > 0 || result.non2xx > 0) {
    failures.push(`${label} ${target.name}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  }
  return result.requests.average;
}

// --- (a) requests per second ----------------------------------------------------------------------

const sandbox = await startWorker({ kind: 'sandbox' });
const auth = { authorization: `Bearer ${sandbox.ready.token}` };
const json = { ...auth, 'content-type': 'application/json' };
const replyBody = JSON.stringify({ in_reply_to_id: sandbox.ready.contentId, body: 'On it, checking now.' });
const list: Target = {
  name: 'list',
  method: 'GET',
  url: `${sandbox.ready.url}/1.0/content_threads`,
  headers: auth,
};
const reply: Target = {
  name: 'reply',
  method: 'POST',
  url: `${sandbox.ready.url}/1.0/contents`,
  headers: json,
  body: replyBody,
};

// The baseline answers what the sandbox answers, byte for byte in size.
const sample = async (target: Target) =>
  (
    await fetch(target.url, {
      method: target.method,
      headers: target.headers,
      ...(target.body ? { body: target.body } : {}),
    })
  ).text();
const listBytes = await sample(list);
const replyBytes = await sample(reply);

console.log('Sandbox benchmark (loopback)');
const sandboxList = await rps('sandbox', list);
const sandboxReply = await rps('sandbox', reply);
await sandbox.worker.terminate();

const baseline = await startWorker({ kind: 'baseline', list: listBytes, reply: replyBytes });
const baselineList = await rps('bare node:http', {
  ...list,
  url: `${baseline.ready.url}/1.0/content_threads`,
});
const baselineReply = await rps('bare node:http', { ...reply, url: `${baseline.ready.url}/1.0/contents` });
await baseline.worker.terminate();

// --- (b) webhook delivery latency -----------------------------------------------------------------

/** When each customer message was written, by content id; the receiver resolves the waiters. */
const writtenAt = new Map<string, number>();
const waiters = new Map<string, (latencyMs: number) => void>();
const receiver = createServer((request, response) => {
  const url = new URL(request.url ?? '/', 'http://receiver');
  if (request.method === 'GET') {
    response.writeHead(200).end(url.searchParams.get('hub.challenge') ?? '');
    return;
  }
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const delivery = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      events: { type: string; resource: { id: string } }[];
    };
    response.writeHead(200).end();
    // The 200 is written: that is when the sandbox's delivery counts as done.
    const now = performance.now();
    for (const event of delivery.events) {
      const started = writtenAt.get(event.resource.id);
      if (started !== undefined) waiters.get(event.resource.id)?.(now - started);
    }
  });
});
receiver.listen(0, '127.0.0.1');
await once(receiver, 'listening');
const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

async function deliveryLatency(batchWindowMs: number): Promise<number[]> {
  const running = await startSandbox({ rateLimit: 0, webhooks: { batchWindowMs } });
  try {
    const created = await fetch(`${running.baseUrl}/webhooks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${running.tokens.bot}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiverUrl, registered_events: ['content.imported'] }),
    });
    if (!created.ok) throw new Error(`webhook create failed: ${await created.text()}`);
    await running.webhooks.settle();
    progress(`webhook latency, batch window ${batchWindowMs} ms: ${MESSAGES} customer messages`);
    const latencies: number[] = [];
    for (let index = 0; index < MESSAGES; index++) {
      let resolveLatency!: (latencyMs: number) => void;
      const delivered = new Promise<number>((resolve) => (resolveLatency = resolve));
      const timeout = sleep(2000, undefined, { ref: false });
      const started = performance.now();
      const { content } = running.control.customerMessage({ body: `Message ${index}` });
      writtenAt.set(content.id, started);
      waiters.set(content.id, resolveLatency);
      const latency = await Promise.race([delivered, timeout]);
      if (latency === undefined) failures.push(`no delivery within 2 s for message ${index}`);
      else latencies.push(latency);
    }
    return latencies;
  } finally {
    await running.stop();
  }
}

const batched = await deliveryLatency(20);
const unbatched = await deliveryLatency(0);
receiver.close();

// --- report ---------------------------------------------------------------------------------------

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const ratio = (sandboxValue: number, baselineValue: number) =>
  `${((sandboxValue / baselineValue) * 100).toFixed(0)}%`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

console.log('');
table([
  ['requests per second', 'sandbox', 'bare node:http, same bytes', 'sandbox / bare'],
  [
    `GET /1.0/content_threads (${Buffer.byteLength(listBytes)} B)`,
    n(sandboxList),
    n(baselineList),
    ratio(sandboxList, baselineList),
  ],
  [
    `POST /1.0/contents reply (${Buffer.byteLength(replyBytes)} B)`,
    n(sandboxReply),
    n(baselineReply),
    ratio(sandboxReply, baselineReply),
  ],
]);
console.log('');
table([
  ['webhook delivery latency (message → receiver 200)', 'p50', 'p99', 'max', 'messages'],
  ...[
    ['default 20 ms batch window', batched],
    ['batch window 0 ms', unbatched],
  ].map(([label, values]) => {
    const latencies = values as number[];
    return [
      label as string,
      ms(percentile(latencies, 0.5)),
      ms(percentile(latencies, 0.99)),
      ms(Math.max(...latencies)),
      String(latencies.length),
    ];
  }),
]);
console.log(`\n${CONNECTIONS} connections, ${MEASURE_S} s per rps figure after ${WARMUP_S} s of warm-up.`);

if (failures.length > 0) {
  console.error(`\nFAILED:\n- ${failures.join('\n- ')}`);
  process.exitCode = 1;
}
