/**
 * `pnpm bench`: what the core client costs and whether its guarantees hold, against a local server.
 *
 * (a) Listing 10,000 threads through `client.threads.iterate()` against a hand-written `fetch` loop:
 *     requests made (must be ceil(10000/150) = 67), wall time and ratio, and memory: the heap held
 *     while iterating (must stay near one page) against holding every record.
 * (b) The rate limiter: 900 requests fired at once with a budget of 300 per 3 s, at a server that
 *     refuses with 429 above that budget: achieved rate against the budget, and the 429s (must be 0).
 *
 * Exits non-zero when a must-hold check fails.
 */
import { setFlagsFromString, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker } from 'node:worker_threads';
import { isRingCxError, RateLimiter, RingCxClient, RingCxHttp } from '../src/index.ts';
import type { ServerConfig, ServerStats } from './server.ts';

const RECORDS = 10_000;
const PAGE = 150;
const EXPECTED_REQUESTS = Math.ceil(RECORDS / PAGE);
const ROUNDS = 5;
const BUDGET = 300;
const WINDOW_MS = 3000;
const BURST = 900;
const TOKEN = 'bench0123456789abcdef0123';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const failures: string[] = [];
function check(ok: boolean, what: string): string {
  if (!ok) failures.push(what);
  return ok ? 'ok' : 'FAILED';
}

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

const ms = (value: number) => `${value.toFixed(1)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

// --- the server -------------------------------------------------------------------------------------

const worker = new Worker(new URL('./server.ts', import.meta.url), {
  workerData: { records: RECORDS, budget: BUDGET, windowMs: WINDOW_MS } satisfies ServerConfig,
});
const port = await new Promise<number>((resolve, reject) => {
  worker.once('message', resolve);
  worker.once('error', reject);
});
const origin = `http://127.0.0.1:${port}`;
const baseUrl = `${origin}/1.0`;

async function serverStats(): Promise<ServerStats> {
  return (await (await fetch(`${origin}/__stats`)).json()) as ServerStats;
}
async function resetServer(): Promise<void> {
  await fetch(`${origin}/__reset`, { method: 'POST' });
}

// --- (a) listing ------------------------------------------------------------------------------------

interface Pass {
  records: number;
  /** Sum of the numeric ids, to check every record came once and in full. */
  checksum: number;
}

const EXPECTED_CHECKSUM = (RECORDS * (RECORDS - 1)) / 2;

// The limiter is measured in (b); here it would only add its bookkeeping, never a wait.
const client = new RingCxClient({ baseUrl, accessToken: TOKEN, rateLimit: false, retry: false });

async function viaIterator(onPage?: () => void): Promise<Pass> {
  const pass: Pass = { records: 0, checksum: 0 };
  for await (const thread of client.threads.iterate()) {
    if (onPage && pass.records % PAGE === 0) onPage();
    pass.records++;
    pass.checksum += Number.parseInt(thread.id, 16);
  }
  return pass;
}

/** What a careful user writes by hand with `fetch`: the baseline. */
async function viaFetchLoop(): Promise<Pass> {
  const pass: Pass = { records: 0, checksum: 0 };
  const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/json' };
  for (let offset = 0; ;) {
    const response = await fetch(`${baseUrl}/content_threads?offset=${offset}&limit=${PAGE}`, { headers });
    if (!response.ok) throw new Error(`baseline got ${response.status}`);
    const page = (await response.json()) as { count: number; records: Array<{ id: string }> };
    for (const thread of page.records) {
      pass.records++;
      pass.checksum += Number.parseInt(thread.id, 16);
    }
    offset += page.records.length;
    if (page.records.length < PAGE || offset >= page.count) return pass;
  }
}

interface Timed {
  pass: Pass;
  ms: number;
  requests: number;
  /** Peak growth during the pass, sampled every 2 ms, without forcing collections. */
  heapGrowth: number;
  rssGrowth: number;
}

async function timed(run: () => Promise<Pass>): Promise<Timed> {
  await resetServer();
  const heapStart = getHeapStatistics().used_heap_size;
  const rssStart = process.memoryUsage.rss();
  let heapPeak = heapStart;
  let rssPeak = rssStart;
  const sample = () => {
    heapPeak = Math.max(heapPeak, getHeapStatistics().used_heap_size);
    rssPeak = Math.max(rssPeak, process.memoryUsage.rss());
  };
  const sampler = setInterval(sample, 2);
  const started = performance.now();
  const pass = await run();
  const elapsed = performance.now() - started;
  clearInterval(sampler);
  sample();
  const { listRequests } = await serverStats();
  return {
    pass,
    ms: elapsed,
    requests: listRequests,
    heapGrowth: heapPeak - heapStart,
    rssGrowth: rssPeak - rssStart,
  };
}

console.log(`\n(a) listing ${RECORDS.toLocaleString('en')} threads, ${PAGE} per page, from ${baseUrl}`);
await viaFetchLoop();
await viaIterator();
progress('warmed up');

const results = { iterator: [] as Timed[], fetch: [] as Timed[] };
for (let round = 1; round <= ROUNDS; round++) {
  results.iterator.push(await timed(() => viaIterator()));
  results.fetch.push(await timed(viaFetchLoop));
  progress(
    `round ${round}/${ROUNDS}: iterator ${ms(results.iterator.at(-1)!.ms)}, fetch loop ${ms(results.fetch.at(-1)!.ms)}`,
  );
}

// Memory: the heap after a full GC at every page boundary while iterating. Holding one page at a
// time, it stays flat; holding the records read so far, it would climb by a page per request.
// Undici frees response bodies through finalizers, which run only between collections: settle them
// first so that the samples show what the iterator holds, not what earlier passes left behind.
async function settleHeap(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}
await settleHeap();
const heapSamples: number[] = [];
await viaIterator(() => {
  gc();
  heapSamples.push(getHeapStatistics().used_heap_size);
});
// Accumulating records would lift the last third of the samples ~3.5 MB above the first third; the
// medians ignore a one-off spike (a buffer or a compilation caught by one sample).
const third = Math.floor(heapSamples.length / 3);
const heapTrend = median(heapSamples.slice(-third)) - median(heapSamples.slice(0, third));
await settleHeap();
const heapBeforeAll = getHeapStatistics().used_heap_size;
const everything = await client.threads.iterate().toArray();
await settleHeap();
const allHeld = getHeapStatistics().used_heap_size - heapBeforeAll;
const onePage = allHeld / EXPECTED_REQUESTS;
progress(
  `memory measured at ${heapSamples.length} page boundaries; ${everything.length} records held for reference`,
);
everything.length = 0;

const summary = (runs: Timed[]) => ({
  ms: median(runs.map((run) => run.ms)),
  requests: [...new Set(runs.map((run) => run.requests))],
  correct: runs.every((run) => run.pass.records === RECORDS && run.pass.checksum === EXPECTED_CHECKSUM),
  heapGrowth: Math.max(...runs.map((run) => run.heapGrowth)),
  rssGrowth: Math.max(...runs.map((run) => run.rssGrowth)),
});
const iterator = summary(results.iterator);
const baseline = summary(results.fetch);
const perSecond = (elapsed: number) => Math.round((RECORDS / elapsed) * 1000).toLocaleString('en');

console.log('');
table([
  ['listing 10,000 records', 'threads.iterate()', 'fetch loop (baseline)', 'check'],
  [
    'requests per pass',
    iterator.requests.join(', '),
    baseline.requests.join(', '),
    `${check(
      iterator.requests.length === 1 && iterator.requests[0] === EXPECTED_REQUESTS,
      `the iterator made ${iterator.requests.join(', ')} requests, not ${EXPECTED_REQUESTS}`,
    )} (must be ${EXPECTED_REQUESTS})`,
  ],
  [
    'records received',
    iterator.correct ? 'all, once' : 'WRONG',
    baseline.correct ? 'all, once' : 'WRONG',
    check(iterator.correct, 'the iterator lost or repeated records'),
  ],
  [`wall time (median of ${ROUNDS})`, ms(iterator.ms), ms(baseline.ms), ''],
  ['time ratio vs baseline', `${(iterator.ms / baseline.ms).toFixed(2)}×`, '1.00×', ''],
  ['records per second', perSecond(iterator.ms), perSecond(baseline.ms), ''],
  ['peak heap growth in a pass', mb(iterator.heapGrowth), mb(baseline.heapGrowth), ''],
  ['peak RSS growth in a pass', mb(iterator.rssGrowth), mb(baseline.rssGrowth), ''],
  [
    `heap after GC at each of ${heapSamples.length} pages`,
    `${heapTrend >= 0 ? '+' : ''}${kb(heapTrend)} first→last third`,
    '',
    `${check(
      heapTrend < 2 * onePage,
      `the heap grew by ${kb(heapTrend)} while iterating, more than 2 pages`,
    )} (must stay < 2 pages)`,
  ],
  ['heap to hold all 10,000 (toArray)', mb(allHeld), '', `one page ≈ ${kb(onePage)}`],
]);

// --- (b) the limiter --------------------------------------------------------------------------------

console.log(`\n(b) the limiter: ${BURST} requests fired at once, budget ${BUDGET} per ${WINDOW_MS / 1000} s`);

async function burst(
  http: RingCxHttp,
  report: boolean,
): Promise<{ ok: number; refused: number; ms: number; stats: ServerStats }> {
  await resetServer();
  let ok = 0;
  let refused = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: BURST }, () =>
      http.request('GET', '/users/me').then(
        () => {
          if (++ok % BUDGET === 0 && report)
            progress(`${ok}/${BURST} answered after ${ms(performance.now() - started)}`);
        },
        (error: unknown) => {
          if (!isRingCxError(error, 'rate_limit')) throw error;
          refused++;
        },
      ),
    ),
  );
  const elapsed = performance.now() - started;
  const stats = await serverStats();
  // The next run must not start inside this run's window on the server.
  await resetServer();
  return { ok, refused, ms: elapsed, stats };
}

/** The most arrivals found in any window of `WINDOW_MS`. */
function peakInWindow(arrivals: number[]): number {
  let peak = 0;
  for (let first = 0, last = 0; last < arrivals.length; last++) {
    while (arrivals[first]! <= arrivals[last]! - WINDOW_MS) first++;
    peak = Math.max(peak, last - first + 1);
  }
  return peak;
}

const unlimited = await burst(
  new RingCxHttp({ baseUrl, accessToken: TOKEN, rateLimit: false, retry: false }),
  false,
);
progress(`without the limiter: ${unlimited.refused} of ${BURST} refused with 429 (the server does count)`);
const limited = await burst(
  new RingCxHttp({
    baseUrl,
    accessToken: TOKEN,
    rateLimit: new RateLimiter({ requests: BUDGET, perMs: WINDOW_MS }),
    retry: false,
  }),
  true,
);

const budgetRate = BUDGET / (WINDOW_MS / 1000);
const sorted = [...limited.stats.arrivals].sort((a, b) => a - b);
// Each window's budget goes out at its start, so the last batch still occupies a whole window.
const achievedRate = BURST / ((sorted.at(-1)! - sorted[0]!) / 1000 + WINDOW_MS / 1000);
const peak = peakInWindow(sorted);

console.log('');
table([
  ['limiter', 'with limiter', 'without (contrast)', 'check'],
  [
    '429 responses',
    String(limited.stats.refused),
    String(unlimited.stats.refused),
    `${check(limited.stats.refused === 0 && limited.refused === 0, `${limited.stats.refused} requests were refused with 429`)} (must be 0)`,
  ],
  [
    'answered 200',
    `${limited.ok}/${BURST}`,
    `${unlimited.ok}/${BURST}`,
    check(limited.ok === BURST, 'not every request was answered'),
  ],
  [
    `peak arrivals in any ${WINDOW_MS / 1000} s window`,
    String(peak),
    String(peakInWindow([...unlimited.stats.arrivals].sort((a, b) => a - b))),
    `${check(peak <= BUDGET, `${peak} arrivals in one window`)} (budget ${BUDGET})`,
  ],
  [
    'achieved rate: requests / (first→last + 1 window)',
    `${achievedRate.toFixed(1)} req/s`,
    '',
    `budget ${budgetRate.toFixed(1)} req/s (${((achievedRate / budgetRate) * 100).toFixed(0)}% used)`,
  ],
  ['wall time', ms(limited.ms), ms(unlimited.ms), ''],
]);

await worker.terminate();
if (failures.length > 0) {
  console.error(`\nbench FAILED:\n${failures.map((failure) => `  - ${failure}`).join('\n')}`);
  process.exitCode = 1;
} else {
  console.log('\nbench: every must-hold check passed');
}
