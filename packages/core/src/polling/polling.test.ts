import { describe, expect, it } from 'vitest';
import { isRingCxError } from '../errors.ts';
import type { ListPage } from '../pagination.ts';
import type { PollCursor } from './cursor.ts';
import type { PollOptions, PollResult } from './engine.ts';
import {
  pollClosedInterventions,
  pollNewCustomerMessages,
  pollNewThreads,
  sampleCustomerMessages,
  type PolledContent,
  type PolledIntervention,
  type PolledThread,
} from './feeds.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const seconds = (n: number) => n * 1000;

interface Request {
  offset: number;
  limit: number;
  params: Record<string, unknown>;
}

/**
 * An in-memory list endpoint: filters, sorts newest first by a field, pages with offset/limit and
 * answers `{count, offset, limit, records}` like the API. `beforeAnswer` runs before each answer,
 * to change the data between the requests of one poll.
 */
class FakeList<T extends { id: string }> {
  records: T[] = [];
  requests: Request[] = [];
  beforeAnswer: ((request: Request) => void) | undefined;

  private readonly sortField: (params: Record<string, unknown>) => keyof T & string;
  private readonly filter: (record: T, params: Record<string, unknown>) => boolean;

  constructor(
    sortField: (params: Record<string, unknown>) => keyof T & string,
    filter: (record: T, params: Record<string, unknown>) => boolean = () => true,
  ) {
    this.sortField = sortField;
    this.filter = filter;
  }

  async list(params: Record<string, unknown>): Promise<ListPage<T>> {
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 30);
    const request = { offset, limit, params };
    this.requests.push(request);
    this.beforeAnswer?.(request);
    const field = this.sortField(params);
    const matching = this.records
      .filter((record) => this.filter(record, params))
      .sort((a, b) => String(b[field]).localeCompare(String(a[field])) || b.id.localeCompare(a.id));
    return { count: matching.length, offset, limit, records: matching.slice(offset, offset + limit) };
  }
}

type Thread = PolledThread & { last_content_at: string; title: string };

/** `GET /content_threads`: by last message unless `q` asks for `order:created_at.desc`; `source:` filters. */
function threadsApi() {
  const list = new FakeList<Thread>(
    (params) => (String(params.q ?? '').includes('order:created_at.desc') ? 'created_at' : 'last_content_at'),
    (thread, params) => {
      const sources = [...String(params.q ?? '').matchAll(/(?:^|\s)source:(\S+)/g)].map((match) => match[1]);
      return sources.length === 0 || sources.includes(thread.source_id ?? '');
    },
  );
  // The first message of each thread, for the "started by a customer" check.
  const firstMessages = new Map<string, PolledContent>();
  const contents = {
    requests: [] as Array<Record<string, unknown>>,
    async list(params: Record<string, unknown>): Promise<ListPage<PolledContent>> {
      contents.requests.push(params);
      const threadId = /(?:^|\s)thread:(\S+)/.exec(String(params.q ?? ''))?.[1] ?? '';
      const first = firstMessages.get(threadId);
      const records = first ? [first] : [];
      return { count: records.length, offset: 0, limit: Number(params.limit ?? 30), records };
    },
  };
  let next = 0;
  const add = (
    createdAt: number,
    fields: Partial<Thread> = {},
    startedBy: 'customer' | 'agent' = 'customer',
  ): Thread => {
    next += 1;
    const thread: Thread = {
      id: `t${String(next).padStart(4, '0')}`,
      source_id: 's1',
      title: `thread ${next}`,
      created_at: iso(createdAt),
      last_content_at: iso(createdAt),
      ...fields,
    };
    list.records.push(thread);
    firstMessages.set(thread.id, {
      id: `m${thread.id}`,
      created_at: thread.created_at,
      creator_id: startedBy === 'agent' ? 'agent-user' : null,
      status: startedBy === 'agent' ? 'user_initiated' : 'new',
    });
    return thread;
  };
  return { api: { threads: list, contents }, list, contents, add };
}

/** Polls with a fake clock, committing the cursor like a well-behaved caller. */
function poller<T>(
  poll: (cursor: PollCursor | undefined, options: PollOptions) => Promise<PollResult<T>>,
  options: PollOptions = {},
) {
  const clock = { now: T0 };
  let cursor: PollCursor | undefined;
  return {
    clock,
    get cursor() {
      return cursor;
    },
    async next(extra: PollOptions = {}): Promise<PollResult<T>> {
      const result = await poll(cursor, { now: () => clock.now, ...options, ...extra });
      cursor = result.cursor;
      return result;
    },
  };
}

const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

describe('pollNewThreads', () => {
  it('starts without delivering history, then an idle poll costs exactly one request', async () => {
    const { api, list, add } = threadsApi();
    for (let i = 0; i < 40; i++) add(T0 - seconds(3600 - i * 60));
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options));

    const first = await threads.next();
    expect(first.items).toEqual([]);
    expect(first.established).toBe(true);

    list.requests = [];
    const idle = await threads.next();
    expect(idle.items).toEqual([]);
    expect(idle.hasMore).toBe(false);
    expect(list.requests).toHaveLength(1);
  });

  it('returns the latest items on the first poll only when asked', async () => {
    const { api, add } = threadsApi();
    for (let i = 0; i < 5; i++) add(T0 - seconds(100 - i));
    const result = await pollNewThreads(api, undefined, { initialItems: 2, now: () => T0 });
    expect(ids(result.items)).toEqual(['t0004', 't0005']);
    const newestFirst = await pollNewThreads(api, undefined, {
      initialItems: 2,
      order: 'newest-first',
      now: () => T0,
    });
    expect(ids(newestFirst.items)).toEqual(['t0005', 't0004']);
  });

  it('delivers new threads oldest first, and again when the caller did not save the cursor', async () => {
    const { api, add } = threadsApi();
    add(T0 - seconds(600));
    const start = await pollNewThreads(api, undefined, { now: () => T0 });
    add(T0 + seconds(20));
    add(T0 + seconds(10));

    const options = { now: () => T0 + seconds(30) };
    const result = await pollNewThreads(api, start.cursor, options);
    expect(ids(result.items)).toEqual(['t0003', 't0002']);
    // The hand-over failed and the cursor was not saved: the same items come again.
    const retried = await pollNewThreads(api, start.cursor, options);
    expect(ids(retried.items)).toEqual(['t0003', 't0002']);
    // Saved: nothing more.
    expect((await pollNewThreads(api, result.cursor, options)).items).toEqual([]);
  });

  it('delivers each of several threads sharing a timestamp once, across polls', async () => {
    const { api, add } = threadsApi();
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options));
    add(T0 - seconds(60));
    await threads.next();
    add(T0 + seconds(5));
    add(T0 + seconds(5));
    threads.clock.now = T0 + seconds(6);
    expect(ids((await threads.next()).items)).toEqual(['t0002', 't0003']);
    add(T0 + seconds(5)); // same second, visible only now
    expect(ids((await threads.next()).items)).toEqual(['t0004']);
    expect((await threads.next()).items).toEqual([]);
  });

  it('does not report an old thread again when it receives a new message', async () => {
    const { api, list, add } = threadsApi();
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options));
    const old = add(T0 - seconds(3600));
    await threads.next();
    old.last_content_at = iso(T0 + seconds(30)); // the API's default order would now put it first
    add(T0 + seconds(20));
    threads.clock.now = T0 + seconds(40);
    list.requests = [];
    expect(ids((await threads.next()).items)).toEqual(['t0002']);
    expect(list.requests[0]?.params.q).toBe('order:created_at.desc');
  });

  it('leaves out threads an agent started, checking only new threads (none on an idle poll)', async () => {
    const { api, contents, add } = threadsApi();
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options));
    await threads.next();
    add(T0 + seconds(5));
    add(T0 + seconds(6), {}, 'agent'); // an outbound message: the bot must not answer its own thread
    threads.clock.now = T0 + seconds(10);
    contents.requests = [];
    expect(ids((await threads.next()).items)).toEqual(['t0001']);
    expect(contents.requests.map((params) => params.q)).toEqual([
      'thread:t0001 order:created_at.asc',
      'thread:t0002 order:created_at.asc',
    ]);
    contents.requests = [];
    expect((await threads.next()).items).toEqual([]);
    expect(contents.requests).toEqual([]);
    const withAgents = await pollNewThreads(api, undefined, {
      initialItems: 2,
      includeAgentStarted: true,
      now: () => T0 + seconds(10),
    });
    expect(ids(withAgents.items)).toEqual(['t0001', 't0002']);
  });

  it('re-reads an overlap window so that a thread which shows up late is still delivered', async () => {
    const { api, add } = threadsApi();
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options), { overlapSeconds: 5 });
    await threads.next();
    add(T0 + seconds(10));
    threads.clock.now = T0 + seconds(11);
    expect(ids((await threads.next()).items)).toEqual(['t0001']);

    add(T0 + seconds(7)); // created before the one delivered, visible only now: inside the window
    add(T0 + seconds(2)); // older than the window: counted as already past
    expect(ids((await threads.next()).items)).toEqual(['t0002']);
  });

  it('never lets a timestamp in the future hold back later threads', async () => {
    const { api, add } = threadsApi();
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options));
    await threads.next();
    add(T0 + seconds(3600)); // a clock an hour ahead
    const skewed = await threads.next();
    expect(ids(skewed.items)).toEqual(['t0001']);
    expect(threads.cursor?.at).toBe(new Date(T0).toISOString());

    threads.clock.now = T0 + seconds(120);
    add(T0 + seconds(60));
    expect(ids((await threads.next()).items)).toEqual(['t0002']);
    expect((await threads.next()).items).toEqual([]);
  });

  it('hands over at most maxItems per poll, the oldest first, and the rest on the next polls', async () => {
    const { api, add } = threadsApi();
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options), { maxItems: 3 });
    await threads.next();
    for (let i = 1; i <= 7; i++) add(T0 + seconds(i));
    threads.clock.now = T0 + seconds(60);

    const first = await threads.next();
    expect([ids(first.items), first.hasMore]).toEqual([['t0001', 't0002', 't0003'], true]);
    const second = await threads.next({ order: 'newest-first' });
    expect([ids(second.items), second.hasMore]).toEqual([['t0006', 't0005', 't0004'], true]);
    const third = await threads.next();
    expect([ids(third.items), third.hasMore]).toEqual([['t0007'], false]);
  });

  it('filters by source in the query', async () => {
    const { api, list, add } = threadsApi();
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options), {
      sources: ['s2', 's3'],
    });
    await threads.next();
    add(T0 + seconds(1), { source_id: 's1' });
    add(T0 + seconds(2), { source_id: 's2' });
    threads.clock.now = T0 + seconds(10);
    expect(ids((await threads.next()).items)).toEqual(['t0002']);
    expect(list.requests.at(-1)?.params.q).toBe('source:s2 source:s3 order:created_at.desc');
  });

  it('works off a backlog far larger than a page in bounded polls, in order, missing nothing', async () => {
    const { api, list, add } = threadsApi();
    for (let i = 0; i < 500; i++) add(T0 - seconds(10_000 - i));
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options), {
      pageSize: 20,
      maxItems: 50,
      maxPages: 5,
    });
    await threads.next();
    const backlog = Array.from({ length: 400 }, (_, i) => add(T0 + seconds(1 + Math.floor(i / 3))));
    threads.clock.now = T0 + seconds(1000);

    const delivered: string[] = [];
    for (let poll = 0; poll < 20; poll++) {
      list.requests = [];
      const result = await threads.next();
      delivered.push(...ids(result.items));
      expect(list.requests.length).toBeLessThanOrEqual(25);
      if (!result.hasMore) break;
    }
    expect(delivered).toEqual(ids(backlog));
  });

  it('reads a backlog page by page without a gap while new threads push it down', async () => {
    const { api, list, add } = threadsApi();
    add(T0 - seconds(3600));
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options), {
      pageSize: 10,
      maxPages: 10,
    });
    await threads.next();
    // Half an hour of threads, one every 30 s: each page spans far more than the overlap window.
    const backlog = Array.from({ length: 60 }, (_, i) => add(T0 - seconds(1800 - i * 30)).id);
    const arrivals: string[] = [];
    list.beforeAnswer = (request) => {
      if (request.limit > 1) arrivals.push(add(threads.clock.now).id); // lands on top, shifting every offset
    };
    const first = await threads.next();
    list.beforeAnswer = undefined;
    expect(ids(first.items).slice(0, backlog.length)).toEqual(backlog);

    const rest = await threads.next();
    expect([...ids(first.items), ...ids(rest.items)]).toEqual([...backlog, ...arrivals]);
  });

  it('misses and repeats nothing while threads keep arriving between the requests of a poll', async () => {
    const { api, list, add } = threadsApi();
    for (let i = 0; i < 100; i++) add(T0 - seconds(1000 - i));
    const threads = poller((cursor, options) => pollNewThreads(api, cursor, options), {
      pageSize: 8,
      maxItems: 15,
      maxPages: 3,
      overlapSeconds: 5,
    });
    await threads.next();

    // A fixed pseudo-random sequence: threads arrive during polls, several per second, some a few
    // seconds late (but within the overlap window).
    let seed = 42;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
    const created: string[] = [];
    list.beforeAnswer = () => {
      if (random() < 0.5) created.push(add(threads.clock.now - (random() < 0.2 ? seconds(3) : 0)).id);
    };
    const delivered: string[] = [];
    for (let poll = 0; poll < 40; poll++) {
      threads.clock.now += seconds(1);
      for (let i = 0; i < 6; i++) created.push(add(threads.clock.now - seconds(i % 2)).id);
      delivered.push(...ids((await threads.next()).items));
    }
    list.beforeAnswer = undefined;
    for (let poll = 0; poll < 200; poll++) {
      threads.clock.now += seconds(10);
      const result = await threads.next();
      delivered.push(...ids(result.items));
      if (!result.hasMore && result.items.length === 0) break;
    }
    expect(new Set(delivered).size).toBe(delivered.length);
    expect([...delivered].sort()).toEqual([...created].sort());
  });

  it('starts afresh from a cursor that is not its own', async () => {
    const { api, add } = threadsApi();
    add(T0 - seconds(10));
    const foreign = { v: 1, feed: 'customer_messages', at: iso(T0 - seconds(3600)), seen: {} } as PollCursor;
    const result = await pollNewThreads(api, foreign, { now: () => T0 });
    expect([result.items, result.established]).toEqual([[], true]);
  });

  it('refuses unusable options with the field name', async () => {
    const { api } = threadsApi();
    await expect(pollNewThreads(api, undefined, { maxItems: 0 })).rejects.toThrow(/Invalid maxItems: 0/);
    await expect(pollNewThreads(api, undefined, { pageSize: 500 })).rejects.toThrow(
      /Invalid pageSize: 500.*4 to 150/,
    );
    const error = await pollNewThreads(api, undefined, { overlapSeconds: -1 }).catch((e: unknown) => e);
    expect(isRingCxError(error, 'config')).toBe(true);
  });
});

type Content = PolledContent & { thread_id: string; body: string; private_message?: boolean };

function contentsApi() {
  const list = new FakeList<Content>(() => 'created_at');
  let next = 0;
  const add = (createdAt: number, fields: Partial<Content> = {}): Content => {
    next += 1;
    const content: Content = {
      id: `c${String(next).padStart(4, '0')}`,
      thread_id: 't1',
      source_id: 's1',
      author_id: 'customer-identity',
      creator_id: null,
      status: 'new',
      body: `message ${next}`,
      created_at: iso(createdAt),
      ...fields,
    };
    list.records.push(content);
    return content;
  };
  return { api: { contents: list }, list, add };
}

describe('pollNewCustomerMessages', () => {
  it("delivers customers' messages only: not agents', bots', private notes or the caller's own identity's", async () => {
    const { api, list, add } = contentsApi();
    const messages = poller((cursor, options) =>
      pollNewCustomerMessages(api, cursor, { ...options, ownIdentityIds: ['bot-identity'] }),
    );
    await messages.next();
    add(T0 + seconds(1), { body: 'Hello, my order is late' });
    add(T0 + seconds(2), { creator_id: 'agent-1', status: 'replied', author_id: 'agent-identity' });
    add(T0 + seconds(3), { creator_id: null, status: 'user_reply', author_id: 'agent-identity' });
    add(T0 + seconds(4), { creator_id: 'agent-1', status: 'new', private_message: true, body: 'note' });
    add(T0 + seconds(5), { author_id: 'bot-identity', body: 'Bot here, how can I help?' });
    add(T0 + seconds(6), { private_message: true, body: 'web chat messages are private' });
    messages.clock.now = T0 + seconds(10);

    list.requests = [];
    expect(ids((await messages.next()).items)).toEqual(['c0001', 'c0006']);
    expect(list.requests[0]?.params.q).toBe('order:created_at.desc');
  });

  it('samples the latest customer message for a test run without a cursor', async () => {
    const { api, add } = contentsApi();
    add(T0 - seconds(30), { body: 'first question' });
    add(T0 - seconds(20), { body: 'second question' });
    add(T0 - seconds(10), { creator_id: 'agent-1', status: 'user_reply' });
    expect(ids(await sampleCustomerMessages(api))).toEqual(['c0002']);
    expect(ids(await sampleCustomerMessages(api, { limit: 2 }))).toEqual(['c0002', 'c0001']);
  });
});

type Intervention = PolledIntervention & { created_at: string; thread_id: string };

function interventionsApi() {
  const list = new FakeList<Intervention>(
    (params) => (params.sort === 'updated_at' ? 'updated_at' : 'created_at'),
    (intervention, params) => params.status !== 'closed' || intervention.closed === true,
  );
  let next = 0;
  const add = (createdAt: number, fields: Partial<Intervention> = {}): Intervention => {
    next += 1;
    const intervention: Intervention = {
      id: `i${String(next).padStart(4, '0')}`,
      thread_id: 't1',
      source_id: 's1',
      closed: false,
      closed_at: null,
      created_at: iso(createdAt),
      updated_at: iso(createdAt),
      ...fields,
    };
    list.records.push(intervention);
    return intervention;
  };
  const close = (intervention: Intervention, at: number) =>
    Object.assign(intervention, { closed: true, closed_at: iso(at), updated_at: iso(at) });
  return { api: { interventions: list }, list, add, close };
}

describe('pollClosedInterventions', () => {
  it('reports each close once: not again when a closed intervention is edited, again after a reopen', async () => {
    const { api, list, add, close } = interventionsApi();
    const closes = poller((cursor, options) => pollClosedInterventions(api, cursor, options));
    close(add(T0 - seconds(7200)), T0 - seconds(3600));
    const open = add(T0 - seconds(600));
    await closes.next();

    close(open, T0 + seconds(30));
    closes.clock.now = T0 + seconds(40);
    list.requests = [];
    expect(ids((await closes.next()).items)).toEqual(['i0002']);
    expect(list.requests[0]?.params).toMatchObject({ status: 'closed', sort: 'updated_at' });

    // Categorised after the close, long after: not a new close.
    closes.clock.now = T0 + seconds(600);
    open.updated_at = iso(T0 + seconds(590));
    expect((await closes.next()).items).toEqual([]);

    // Reopened by a customer message and closed again: a new close.
    Object.assign(open, { closed: false, closed_at: null, updated_at: iso(T0 + seconds(700)) });
    close(open, T0 + seconds(800));
    closes.clock.now = T0 + seconds(810);
    const again = await closes.next();
    expect(again.items.map((item) => `${item.id} ${item.closed_at}`)).toEqual([
      `i0002 ${iso(T0 + seconds(800))}`,
    ]);
  });

  it('reports every close exactly once while a backlog is worked off, even when closes are edited', async () => {
    const { api, add, close } = interventionsApi();
    const closes = poller((cursor, options) => pollClosedInterventions(api, cursor, options), {
      maxItems: 2,
      overlapSeconds: 0,
    });
    close(add(T0 - seconds(7200)), T0 - seconds(3600));
    await closes.next();
    const backlog = [1, 2, 3, 4, 5].map((n) => close(add(T0), T0 + seconds(n)));
    backlog[2]!.updated_at = iso(T0 + seconds(20)); // edited after its close, before any poll saw it
    closes.clock.now = T0 + seconds(60);

    expect(ids((await closes.next()).items)).toEqual(['i0002', 'i0003']);
    backlog[0]!.updated_at = iso(T0 + seconds(10)); // categorised: moves up the list
    expect(ids((await closes.next()).items)).toEqual(['i0005', 'i0006']);
    const last = await closes.next();
    expect([ids(last.items), last.hasMore]).toEqual([['i0004'], false]);
    expect((await closes.next()).items).toEqual([]);
  });

  it('filters by source on the records', async () => {
    const { api, add, close } = interventionsApi();
    const closes = poller((cursor, options) => pollClosedInterventions(api, cursor, options), {
      sources: 's2',
    });
    await closes.next();
    close(add(T0, { source_id: 's1' }), T0 + seconds(1));
    close(add(T0, { source_id: 's2' }), T0 + seconds(2));
    closes.clock.now = T0 + seconds(10);
    expect(ids((await closes.next()).items)).toEqual(['i0002']);
  });
});
