import { describe, expect, it } from 'vitest';
import { isRingCxError } from '../errors.ts';
import { searchQuery } from '../search.ts';
import { hexId, useRecordingServer } from './recording-server.ts';

const { server, client } = useRecordingServer();
const THREAD = hexId(1);

describe('Threads', () => {
  it('lists with a search query sent as q', async () => {
    server.respond = () => ({ body: { count: 1, offset: 0, limit: 30, records: [{ id: THREAD }] } });
    const q = searchQuery({ source: 'src1', status_in: ['new', 'assigned'] }).order('created_at', 'asc');
    const page = await client().threads.list({ q, limit: 30 });

    expect(page.records.map((thread) => thread.id)).toEqual([THREAD]);
    expect(server.last.method).toBe('GET');
    expect(server.last.path).toBe('/content_threads');
    expect(server.last.searchParams.get('q')).toBe('source:src1 status_in:new,assigned order:created_at.asc');
    expect(server.last.searchParams.get('limit')).toBe('30');
  });

  it('iterates every thread, 150 per request', async () => {
    server.respond = ({ searchParams }) => {
      const offset = Number(searchParams.get('offset'));
      const limit = Number(searchParams.get('limit'));
      const size = Math.max(0, Math.min(limit, 320 - offset));
      const records = Array.from({ length: size }, (_, i) => ({ id: hexId(offset + i) }));
      return { body: { count: 320, offset, limit, records } };
    };
    const ids: string[] = [];
    for await (const thread of client().threads.iterate({ q: 'source:src1' })) ids.push(thread.id);

    expect(ids).toHaveLength(320);
    expect(new Set(ids).size).toBe(320);
    expect(server.requests.map((r) => [r.searchParams.get('offset'), r.searchParams.get('limit')])).toEqual([
      ['0', '150'],
      ['150', '150'],
      ['300', '150'],
    ]);
    expect(server.requests.every((r) => r.searchParams.get('q') === 'source:src1')).toBe(true);
  });

  it('keeps response fields that are not in the types', async () => {
    server.respond = () => ({
      body: { id: THREAD, closed: false, last_content_at: '2024-01-02T03:04:05Z', brand_new_field: { a: 1 } },
    });
    const thread = await client().threads.get(THREAD);

    expect(server.last.path).toBe(`/content_threads/${THREAD}`);
    expect(thread.last_content_at).toBe('2024-01-02T03:04:05Z');
    expect(thread['brand_new_field']).toEqual({ a: 1 });
  });

  it('closes with PUT and opens with GET, as the API defines them', async () => {
    const threads = client().threads;
    await threads.close(THREAD);
    await threads.open(THREAD);
    await threads.ignore(THREAD);

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /content_threads/${THREAD}/close`,
      `GET /content_threads/${THREAD}/open`,
      `PUT /content_threads/${THREAD}/ignore`,
    ]);
    expect(server.requests.map((r) => r.body.length)).toEqual([0, 0, 0]);
  });

  it('replaces the thread categories with a JSON body', async () => {
    await client().threads.updateCategories(THREAD, [hexId(7), hexId(8)]);

    expect(server.last.method).toBe('PUT');
    expect(server.last.path).toBe(`/content_threads/${THREAD}/update_categories`);
    expect(server.last.headers['content-type']).toBe('application/json');
    expect(server.last.json).toEqual({ thread_category_ids: [hexId(7), hexId(8)] });
  });

  it('retries the GET open on a 503 but never repeats the PUT close', async () => {
    server.respond = () => ({
      status: 503,
      body: { error: 'unavailable', message: 'Try later', status: 503 },
    });
    const threads = client({ retry: { retries: 2, minDelayMs: 1, maxDelayMs: 1 } }).threads;

    await expect(threads.open(THREAD)).rejects.toMatchObject({ kind: 'server' });
    expect(server.requests).toHaveLength(3);

    server.requests.length = 0;
    await expect(threads.close(THREAD)).rejects.toMatchObject({ kind: 'server' });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses an empty id before sending anything, naming the parameter', () => {
    expect(() => client().threads.close('  ')).toThrow(/threadId is required/);
    expect(server.requests).toHaveLength(0);
  });

  it('reports a 404 as not_found', async () => {
    server.respond = () => ({ status: 404, body: { error: 'not_found', message: 'Not found', status: 404 } });
    const error: unknown = await client()
      .threads.get(THREAD)
      .catch((e: unknown) => e);
    expect(isRingCxError(error, 'not_found')).toBe(true);
  });
});
