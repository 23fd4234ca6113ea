// `pnpm bench`: webhook events per second into the RingCX trigger, and the p99 latency from the
// request to the next node, against Node-RED's own HTTP In node on the same runtime in the same run.
import { performance } from 'node:perf_hooks';
import { customerMessage, delivery } from '../src/test-support/events.ts';
import { startRuntime, until } from '../src/test-support/runtime.ts';

const REQUESTS = 3000;
const WARMUP = 300;
const CONCURRENCY = 16;
const SECRET = 'bench-secret-0123456789';

const started = new Map<string, number>();
const latencies: number[] = [];
const record = (key: string) => {
  const start = started.get(key);
  if (start !== undefined) latencies.push(performance.now() - start);
};

const runtime = await startRuntime({ record });
const sink = (id: string, key: string, next: string[] = []) => ({
  id,
  z: 'f1',
  type: 'function',
  func: `global.get('record')(${key}); return msg;`,
  outputs: 1,
  wires: [next],
});
await runtime.deploy(
  [
    { id: 'f1', type: 'tab' },
    { id: 't1', z: 'f1', type: 'ringcx-trigger', mode: 'webhook', path: '/bench/ringcx', wires: [['s1']] },
    sink('s1', 'msg.payload.id'),
    { id: 'h1', z: 'f1', type: 'http in', url: '/bench/http-in', method: 'post', wires: [['s2']] },
    sink('s2', 'msg.payload.events[0].resource.id', ['r2']),
    { id: 'r2', z: 'f1', type: 'http response', statusCode: '200', wires: [] },
  ],
  { t1: { secret: SECRET } },
  async () => (await fetch(`${runtime.base}/bench/ringcx`, { method: 'POST', body: '{}' })).status !== 404,
);

async function measure(path: string, prefix: string) {
  let sent = 0;
  const post = async (index: number) => {
    const key = `${prefix}-${index}`;
    started.set(key, performance.now());
    const response = await fetch(`${runtime.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dimelo-secret': SECRET },
      body: JSON.stringify(delivery(`d-${key}`, [customerMessage(key)])),
    });
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
    await response.arrayBuffer();
  };
  const worker = async (total: number, offset: number) => {
    while (sent < total) await post(offset + sent++);
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(WARMUP, 0)));
  await until(() => latencies.length >= WARMUP, 'the warm-up events to reach the next node', 5000);
  latencies.length = 0;
  sent = 0;
  const begin = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, () => worker(REQUESTS, WARMUP)));
  // The trigger answers once the messages are handed to the runtime, which delivers them just after.
  await until(() => latencies.length >= REQUESTS, 'every event to reach the next node', 5000);
  const seconds = (performance.now() - begin) / 1000;
  const sorted = [...latencies].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return {
    eventsPerSecond: Math.round(REQUESTS / seconds),
    p50: p(0.5),
    p99: p(0.99),
    delivered: sorted.length,
  };
}

try {
  const trigger = await measure('/bench/ringcx', 'rcx');
  const httpIn = await measure('/bench/http-in', 'http');
  const row = (name: string, r: typeof trigger) =>
    `${name.padEnd(16)} ${String(r.eventsPerSecond).padStart(7)} ev/s   p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   (${r.delivered} delivered)`;
  console.log(`${REQUESTS} POSTs, ${CONCURRENCY} concurrent, one event each, on one Node-RED runtime:`);
  console.log(row('ringcx-trigger', trigger));
  console.log(row('http in', httpIn));
  console.log(
    `trigger / http in: ${(trigger.eventsPerSecond / httpIn.eventsPerSecond).toFixed(2)}× the rate`,
  );
} finally {
  await runtime.stop();
}
