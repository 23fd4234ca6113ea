import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { useSandbox, type Json } from '../test-helpers.ts';

// Thread jobs hold their thread for 0.3 real seconds, long enough to see the 409.
const sandbox = useSandbox({ threadJobMs: 300_000 });
beforeEach(() => sandbox().control.reset());

const T = SEED_IDS.threads;
const ids = (body: Json) => body.records.map((record: Json) => record.id);

async function search(q: string, as: 'admin' | 'agent' = 'admin') {
  const response = await sandbox().call('GET', '/content_threads', { as, query: { q } });
  expect(response.status).toBe(200);
  return ids(response.body);
}

describe('GET /content_threads search', () => {
  it('filters by source, identity and text', async () => {
    expect(await search(`source:${SEED_IDS.sources.email}`)).toEqual([T.invoice]);
    expect(await search(`identity:${SEED_IDS.identities.hugo}`)).toEqual([T.addressChange]);
    expect(await search('text:"delivery address"')).toEqual([T.addressChange]);
    expect(await search('Spain')).toEqual([T.shipping]);
  });

  it('ORs a repeated keyword, ANDs different ones and negates with -', async () => {
    const both = await search(`source:${SEED_IDS.sources.email} source:${SEED_IDS.sources.whatsapp}`);
    expect(both.sort()).toEqual([T.invoice, T.shipping].sort());
    expect(await search(`source:${SEED_IDS.sources.messaging} text:order`)).toEqual([T.orderStatus]);
    const notMessaging = await search(`-source:${SEED_IDS.sources.messaging}`);
    expect(notMessaging.sort()).toEqual([T.invoice, T.shipping, T.lockedAccount].sort());
  });

  it('filters by status_in and by category', async () => {
    expect(await search('status_in:new')).toEqual([T.shipping]);
    expect((await search('status_in:new,assigned')).sort()).toEqual(
      [T.addressChange, T.invoice, T.shipping].sort(),
    );
    expect(await search(`categorized_in:${SEED_IDS.categories.billing}`)).toEqual([T.invoice]);
  });

  it('filters by first and last content dates (ISO, date-only and relative)', async () => {
    expect(await search('first_content_before:2025-01-06')).toEqual([T.archivedChat]);
    expect(await search('last_content_after:"2025-01-07 08:00"')).toEqual([T.invoice]);
    expect(
      (
        await search('first_content_after:2025-01-06T02:00:00Z last_content_before:2025-01-06T12:10:00Z')
      ).sort(),
    ).toEqual([T.orderStatus, T.addressChange, T.shipping].sort());
    expect(await search('last_content_after:"2 hours ago"')).toEqual([]);
  });

  it('sorts by last_content_at desc by default, or as order: asks', async () => {
    const byDefault = await search('');
    expect(byDefault[0]).toBe(T.invoice);
    expect(byDefault.at(-1)).toBe(T.archivedChat);
    const oldestFirst = await search('order:created_at.asc');
    expect(oldestFirst[0]).toBe(T.archivedChat);
    expect(oldestFirst[1]).toBe(T.orderStatus);
  });

  it('refuses an unknown keyword or sort field with 400 naming the known ones', async () => {
    const unknown = await sandbox().call('GET', '/content_threads', { query: { q: 'colour:red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe('invalid_search_query');
    expect(unknown.body.message).toContain('status_in');
    const badOrder = await sandbox().call('GET', '/content_threads', { query: { q: 'order:title.asc' } });
    expect(badOrder.status).toBe(400);
  });
});

describe('thread jobs', () => {
  it('closes asynchronously: the answer shows the old state, then content.thread_closed fires', async () => {
    const closing = await sandbox().call('PUT', `/content_threads/${T.orderStatus}/close`, { as: 'bot' });
    expect(closing.status).toBe(200);
    expect(closing.body.closed).toBe(false);
    const busy = await sandbox().call('PUT', `/content_threads/${T.orderStatus}/ignore`);
    expect(busy.status).toBe(409);
    expect(busy.body.error).toBe('thread_job_in_progress');
    await sandbox().control.settle();
    expect((await sandbox().call('GET', `/content_threads/${T.orderStatus}`)).body.closed).toBe(true);
    const event = sandbox()
      .control.events()
      .find((candidate) => candidate.type === 'content.thread_closed');
    expect(event).toMatchObject({
      user_id: SEED_IDS.users.bot,
      resource: {
        type: 'content_thread',
        id: T.orderStatus,
        metadata: { closed: true, source_id: SEED_IDS.sources.messaging },
      },
    });
  });

  it('opens a closed thread with GET .../open, firing content.thread_opened', async () => {
    const opening = await sandbox().call('GET', `/content_threads/${T.archivedChat}/open`, { as: 'agent' });
    expect(opening.body.closed).toBe(true);
    await sandbox().control.settle();
    expect((await sandbox().call('GET', `/content_threads/${T.archivedChat}`)).body.closed).toBe(false);
    expect(
      sandbox()
        .control.events()
        .map((event) => event.type),
    ).toContain('content.thread_opened');
  });

  it('refuses to close threads of sources that cannot (403)', async () => {
    const refused = await sandbox().call('PUT', `/content_threads/${T.shipping}/close`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('thread_cannot_be_closed');
  });

  it('ignores a thread: its waiting messages become ignored', async () => {
    const { status } = await sandbox().call('PUT', `/content_threads/${T.shipping}/ignore`);
    expect(status).toBe(200);
    const contents = await sandbox().call('GET', '/contents', { query: { q: `thread:${T.shipping}` } });
    expect(contents.body.records.map((content: Json) => content.status)).toEqual(['ignored']);
  });

  it('replaces thread categories, answers 409 while that job runs, and validates the ids', async () => {
    const swapped = await sandbox().call('PUT', `/content_threads/${T.shipping}/update_categories`, {
      as: 'bot',
      json: { thread_category_ids: [SEED_IDS.categories.human] },
    });
    expect(swapped.body.thread_category_ids).toEqual([SEED_IDS.categories.human]);
    const again = await sandbox().call('PUT', `/content_threads/${T.shipping}/update_categories`, {
      json: { thread_category_ids: [] },
    });
    expect(again.status).toBe(409);
    await sandbox().control.settle();
    const unknown = await sandbox().call('PUT', `/content_threads/${T.shipping}/update_categories`, {
      json: { thread_category_ids: ['000000000000000000000000'] },
    });
    expect(unknown.status).toBe(422);
    const missing = await sandbox().call('PUT', `/content_threads/${T.shipping}/update_categories`);
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain('thread_category_ids');
  });

  it('disables and enables text input on messaging threads only', async () => {
    const disabled = await sandbox().call('PUT', `/content_threads/${T.orderStatus}/disable_text_input`, {
      as: 'bot',
    });
    expect(disabled.body.disable_text_input).toBe(true);
    const twice = await sandbox().call('PUT', `/content_threads/${T.orderStatus}/disable_text_input`, {
      as: 'bot',
    });
    expect(twice.status).toBe(403);
    expect(
      (await sandbox().call('PUT', `/content_threads/${T.orderStatus}/enable_text_input`, { as: 'bot' }))
        .status,
    ).toBe(200);
    expect((await sandbox().call('PUT', `/content_threads/${T.invoice}/disable_text_input`)).status).toBe(
      404,
    );
  });
});
