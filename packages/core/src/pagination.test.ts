import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RingCxHttp } from './defaults.ts';
import { sendJson, startServer, type TestServer } from './http/test-server.ts';
import { PageIterator, type IterateOptions, type ListPage } from './pagination.ts';

interface Item {
  id: number;
}

/**
 * A list endpoint over `stored` records. `reportedCount` lets the server claim a total that differs
 * from what it holds; `afterPage` changes the data between requests.
 */
let stored: Item[];
let reportedCount: (() => number) | undefined;
let afterPage: (() => void) | undefined;
let server: TestServer;
beforeAll(async () => {
  server = await startServer((req, res) => {
    const query = new URL(req.url, server.origin).searchParams;
    const offset = Number(query.get('offset') ?? 0);
    const limit = Math.min(Number(query.get('limit') ?? 30), 150);
    const page: ListPage<Item> = {
      count: reportedCount?.() ?? stored.length,
      offset,
      limit,
      records: stored.slice(offset, offset + limit),
    };
    sendJson(res, 200, page);
    afterPage?.();
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
  reportedCount = undefined;
  afterPage = undefined;
  setRecords(0);
});

function setRecords(count: number): void {
  stored = Array.from({ length: count }, (_, index) => ({ id: index }));
}

function iterate(options: IterateOptions & { startOffset?: number } = {}): PageIterator<Item> {
  const client = new RingCxHttp({ baseUrl: server.baseUrl, rateLimit: false, retry: false });
  return new PageIterator<Item>(
    (page) => client.request<ListPage<Item>>('GET', '/items', { query: { q: 'status_in:new', ...page } }),
    options,
  );
}

/** The offset and limit of each request the server saw. */
function requested(): string[] {
  return server.requests.map((r) => {
    const query = new URL(r.url, server.origin).searchParams;
    return `${query.get('offset')}+${query.get('limit')}`;
  });
}

describe('PageIterator', () => {
  it.each([
    [0, 1],
    [1, 1],
    [149, 1],
    [150, 1],
    [151, 2],
    [300, 2],
    [1000, 7],
  ])('lists %i records in %i requests of 150', async (total, requests) => {
    setRecords(total);
    const items = await iterate().toArray();
    expect(items.map((item) => item.id)).toEqual(stored.map((item) => item.id));
    expect(server.requests).toHaveLength(requests);
    expect(requested().slice(0, 3)).toEqual(['0+150', '150+150', '300+150'].slice(0, requests));
    expect(server.requests[0]!.url).toContain('q=status_in%3Anew');
  });

  it('stops at a short page even when count promises more', async () => {
    setRecords(200);
    reportedCount = () => 1000;
    expect(await iterate().toArray()).toHaveLength(200);
    expect(requested()).toEqual(['0+150', '150+150']);
  });

  it('stops at an empty page', async () => {
    setRecords(300);
    reportedCount = () => 1000;
    expect(await iterate().toArray()).toHaveLength(300);
    expect(requested()).toEqual(['0+150', '150+150', '300+150']);
  });

  it('stops at `max`, asking only for what is missing', async () => {
    setRecords(1000);
    const items = await iterate({ max: 200 }).toArray();
    expect(items.map((item) => item.id)).toEqual(stored.slice(0, 200).map((item) => item.id));
    expect(requested()).toEqual(['0+150', '150+50']);
  });

  it('sends nothing for `max: 0`', async () => {
    setRecords(10);
    expect(await iterate({ max: 0 }).toArray()).toEqual([]);
    expect(server.requests).toHaveLength(0);
  });

  it('exposes `count` once the first page arrived', async () => {
    setRecords(420);
    const iterator = iterate();
    expect(iterator.count).toBeUndefined();
    for await (const item of iterator) {
      expect(item.id).toBe(0);
      break;
    }
    expect(iterator.count).toBe(420);
  });

  it('starts at `startOffset`', async () => {
    setRecords(400);
    const items = await iterate({ startOffset: 300 }).toArray();
    expect(items[0]!.id).toBe(300);
    expect(items).toHaveLength(100);
    expect(requested()).toEqual(['300+150']);
  });

  it('stops fetching when the caller breaks', async () => {
    setRecords(1000);
    let seen = 0;
    for await (const _item of iterate()) {
      if (++seen === 160) break;
    }
    expect(requested()).toEqual(['0+150', '150+150']);
  });

  it('follows a count that shrinks while it walks', async () => {
    setRecords(400);
    afterPage = () => {
      stored = stored.slice(0, 300);
      afterPage = undefined;
    };
    const items = await iterate().toArray();
    expect(items).toHaveLength(300);
    expect(requested()).toEqual(['0+150', '150+150']);
  });

  it.each([
    [50, '0+50'],
    [500, '0+150'],
    [0, '0+150'],
    [Number.NaN, '0+150'],
    [10.7, '0+10'],
  ])('takes pageSize %d as %s', async (pageSize, first) => {
    setRecords(5);
    await iterate({ pageSize }).toArray();
    expect(requested()[0]).toBe(first);
  });

  it('yields whole pages through pages()', async () => {
    setRecords(320);
    const sizes: number[] = [];
    for await (const page of iterate().pages()) sizes.push(page.records.length);
    expect(sizes).toEqual([150, 150, 20]);
  });

  it('stops between pages when the signal aborts', async () => {
    setRecords(1000);
    const controller = new AbortController();
    const walk = async () => {
      for await (const item of iterate({ signal: controller.signal }))
        if (item.id === 149) controller.abort();
    };
    await expect(walk()).rejects.toMatchObject({ name: 'AbortError' });
    expect(server.requests).toHaveLength(1);
  });

  it('holds one page at a time', async () => {
    let fetched = 0;
    const iterator = new PageIterator<Item>(async ({ offset, limit }) => {
      fetched++;
      return {
        count: 10_000,
        offset,
        limit,
        records: Array.from({ length: Math.min(limit, 10_000 - offset) }, (_, i) => ({ id: offset + i })),
      };
    });
    let seen = 0;
    for await (const item of iterator) {
      // Never more than one page ahead of what the caller has consumed.
      expect(fetched).toBe(Math.floor(item.id / 150) + 1);
      seen++;
    }
    expect(seen).toBe(10_000);
    expect(fetched).toBe(67);
  });
});
