import { SEED_BASE_TIME, SEED_IDS, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, searchQuery, type RingCxClient } from '../src/index.ts';
import { clientFor, startTestSandbox } from './harness.ts';

/** Search (`q=`) built with `searchQuery` and read with the page iterator, on more data than one page holds. */

const EMAIL_THREADS = 160;
const CHAT_THREADS = 12;

let sandbox: RunningSandbox;
let admin: RingCxClient;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  admin = clientFor(sandbox, 'admin');
  for (let n = 1; n <= EMAIL_THREADS; n++) {
    sandbox.control.customerMessage({
      source_id: SEED_IDS.sources.email,
      body: `My parcel ${n} never arrived`,
      title: `Parcel ${n}`,
      author: { name: `Customer ${n}`, email: `customer${n}@example.com` },
    });
  }
  for (let n = 1; n <= CHAT_THREADS; n++) {
    sandbox.control.customerMessage({ body: `Chat about my parcel ${n}` });
  }
});
afterAll(() => sandbox?.stop());

/** The thread-list requests the sandbox received since the last clear. */
function threadListRequests(): URLSearchParams[] {
  return sandbox.control
    .requests()
    .filter((entry) => entry.method === 'GET' && entry.route === '/1.0/content_threads')
    .map((entry) => new URL(entry.path, sandbox.url).searchParams);
}

describe('threads.iterate with a search', () => {
  it('walks every matching thread in full pages of 150 and exposes the total', async () => {
    const q = searchQuery({ source: SEED_IDS.sources.email }).text('parcel');
    sandbox.control.clearRequests();

    const iterator = admin.threads.iterate({ q });
    expect(iterator.count).toBeUndefined();
    const threads = await iterator.toArray();

    expect(iterator.count).toBe(EMAIL_THREADS);
    expect(threads).toHaveLength(EMAIL_THREADS);
    expect(new Set(threads.map((thread) => thread.id)).size).toBe(EMAIL_THREADS);
    expect(threads.every((thread) => thread.source_id === SEED_IDS.sources.email)).toBe(true);

    const requests = threadListRequests();
    expect(requests.map((params) => [params.get('offset'), params.get('limit')])).toEqual([
      ['0', String(MAX_PAGE_SIZE)],
      [String(MAX_PAGE_SIZE), String(MAX_PAGE_SIZE)],
    ]);
    expect(requests.every((params) => params.get('q') === q.toString())).toBe(true);
  });

  it('pages with a smaller page size, OR-ing a repeated keyword, in the order asked', async () => {
    const q = searchQuery({ source: [SEED_IDS.sources.email, SEED_IDS.sources.messaging] })
      .text('parcel')
      .order('created_at', 'asc');
    sandbox.control.clearRequests();

    const pages = [];
    const iterator = admin.threads.iterate({ q }, { pageSize: 50 });
    for await (const page of iterator.pages()) pages.push(page.records.length);

    expect(iterator.count).toBe(EMAIL_THREADS + CHAT_THREADS);
    expect(pages).toEqual([50, 50, 50, 22]);
    expect(threadListRequests()).toHaveLength(4);

    const oldestFirst = await admin.threads.iterate({ q }, { max: 3 }).toArray();
    expect(oldestFirst.map((thread) => thread.title)).toEqual(['Parcel 1', 'Parcel 2', 'Parcel 3']);
  });

  it('filters on dates sent as UTC ISO-8601 and on negated categories', async () => {
    // The seeded conversations are from January 2025; everything created by this test is newer.
    const q = searchQuery({ first_content_after: new Date(SEED_BASE_TIME + 30 * 86_400_000) }).not(
      'categorized_in',
      SEED_IDS.categories.bot,
    );
    const threads = await admin.threads.iterate({ q }).toArray();
    // New web chats start in the Bot category; new emails in Human support.
    expect(threads).toHaveLength(EMAIL_THREADS);
    expect(threads.every((thread) => !thread.thread_category_ids.includes(SEED_IDS.categories.bot))).toBe(
      true,
    );
  });

  it('stops fetching when the caller stops reading', async () => {
    sandbox.control.clearRequests();
    const iterator = admin.threads.iterate({ q: searchQuery().text('parcel') });
    let read = 0;
    for await (const _thread of iterator) if (++read === 10) break;
    expect(threadListRequests()).toHaveLength(1);
    expect(iterator.count).toBe(EMAIL_THREADS + CHAT_THREADS);
  });
});

describe('contents.list by thread', () => {
  it('lists the messages of one thread, newest first, with their count', async () => {
    const { thread } = sandbox.control.customerMessage({ body: 'First question' });
    sandbox.control.customerMessage({ thread_id: thread.id, body: 'Second question' });
    sandbox.control.customerMessage({ thread_id: thread.id, body: 'Third question' });

    const page = await admin.contents.list({ q: searchQuery({ thread: thread.id }) });
    expect(page.count).toBe(3);
    expect(page.records.map((content) => content.body)).toEqual([
      'Third question',
      'Second question',
      'First question',
    ]);
    expect(page.records.every((content) => content.thread_id === thread.id)).toBe(true);

    const seeded = await admin.contents.list({
      q: searchQuery({ thread: SEED_IDS.threads.invoice, status_in: ['user_reply'] }),
    });
    expect(seeded.records.map((content) => content.creator_id)).toEqual([SEED_IDS.users.alice]);
  });
});
