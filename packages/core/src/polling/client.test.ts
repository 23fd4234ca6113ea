import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RingCxClient } from '../defaults.ts';
import { pollClosedInterventions, pollNewCustomerMessages, pollNewThreads, sampleThreads } from './feeds.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Lists on 127.0.0.1 that answer like the API: newest first by the field the request asks for. */
const data: Record<string, Array<Record<string, unknown>>> = {
  content_threads: [],
  contents: [],
  interventions: [],
};
const requests: URL[] = [];
let server: Server;
let client: RingCxClient;
const shown = (url: URL) =>
  `${url.pathname}?${[...url.searchParams].map(([key, value]) => `${key}=${value}`).join('&')}`;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    const collection = url.pathname.replace(/^\/1\.0\//, '');
    const q = url.searchParams.get('q') ?? '';
    const field =
      collection === 'content_threads' && !q.includes('order:created_at.desc')
        ? 'last_content_at'
        : url.searchParams.get('sort') === 'updated_at'
          ? 'updated_at'
          : 'created_at';
    const records = (data[collection] ?? [])
      .filter((record) => url.searchParams.get('status') !== 'closed' || record.closed === true)
      .sort((a, b) => String(b[field]).localeCompare(String(a[field])));
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? 30);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(
      JSON.stringify({
        count: records.length,
        offset,
        limit,
        records: records.slice(offset, offset + limit),
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  client = new RingCxClient({
    baseUrl: `http://127.0.0.1:${port}`,
    accessToken: 'test-token-123456',
    rateLimit: false,
    retry: false,
  });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('pollers on the real client', () => {
  it('asks the thread list for creation order, then checks who started each new thread', async () => {
    data.content_threads = [
      { id: 'a1', source_id: 's1', created_at: iso(T0 - 7_200_000), last_content_at: iso(T0 + 1000) },
      { id: 'b2', source_id: 's1', created_at: iso(T0 - 3_600_000), last_content_at: iso(T0 - 3_600_000) },
    ];
    const start = await pollNewThreads(client, undefined, { sources: 's1', now: () => T0 });
    data.content_threads.push({
      id: 'c3',
      source_id: 's1',
      created_at: iso(T0 + 2000),
      last_content_at: iso(T0 + 2000),
    });

    requests.length = 0;
    const next = await pollNewThreads(client, start.cursor, { sources: 's1', now: () => T0 + 5000 });
    expect(next.items.map((thread) => thread.id)).toEqual(['c3']);
    expect(requests.map(shown)).toEqual([
      '/1.0/content_threads?q=source:s1 order:created_at.desc&offset=0&limit=100',
      '/1.0/contents?q=thread:c3 order:created_at.asc&limit=1',
    ]);
    expect((await sampleThreads(client)).map((thread) => thread.id)).toEqual(['c3']);
  });

  it('reads messages and closed interventions through the same client', async () => {
    data.contents = [{ id: 'm1', source_id: 's1', creator_id: null, status: 'new', created_at: iso(T0) }];
    data.interventions = [
      { id: 'i1', source_id: 's1', closed: true, closed_at: iso(T0), updated_at: iso(T0) },
    ];
    const messages = await pollNewCustomerMessages(client, undefined, { now: () => T0 });
    const closes = await pollClosedInterventions(client, undefined, { now: () => T0 });
    data.contents.push({
      id: 'm2',
      source_id: 's1',
      creator_id: null,
      status: 'new',
      created_at: iso(T0 + 1000),
    });
    data.interventions.push({
      id: 'i2',
      source_id: 's1',
      closed: true,
      closed_at: iso(T0 + 1000),
      updated_at: iso(T0 + 1000),
    });

    requests.length = 0;
    const later = { now: () => T0 + 2000 };
    expect((await pollNewCustomerMessages(client, messages.cursor, later)).items.map((m) => m.id)).toEqual([
      'm2',
    ]);
    expect((await pollClosedInterventions(client, closes.cursor, later)).items.map((i) => i.id)).toEqual([
      'i2',
    ]);
    expect(requests.map(shown)).toEqual([
      '/1.0/contents?q=order:created_at.desc&offset=0&limit=100',
      '/1.0/interventions?status=closed&sort=updated_at&offset=0&limit=100',
    ]);
  });
});
