import { describe, expect, it } from 'vitest';
import { SEED_IDS } from './seed.ts';
import { openSandbox, useSandbox, type Json } from './test-helpers.ts';
import type { ApiResponseInfo } from './server.ts';

const sandbox = useSandbox();

describe('authentication', () => {
  it('accepts the token as a Bearer header', async () => {
    const { status, body } = await sandbox().call('GET', '/users/me', { as: 'bot' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ id: SEED_IDS.users.bot, firstname: 'Bot' });
  });

  it('accepts the token as access_token in the query, a form body or a JSON body', async () => {
    const { tokens } = sandbox();
    const inQuery = await sandbox().call('GET', '/users/me', {
      as: null,
      query: { access_token: tokens.agent },
    });
    expect(inQuery.body.id).toBe(SEED_IDS.users.alice);
    const inForm = await sandbox().call('POST', '/interventions', {
      as: null,
      form: { access_token: tokens.agent, content_id: 'nope' },
    });
    expect(inForm.status).toBe(404);
    const inJson = await sandbox().call('POST', '/interventions', {
      as: null,
      json: { access_token: tokens.agent },
    });
    expect(inJson.status).toBe(422);
  });

  it('answers 401 in the API format without a token or with a wrong one, never echoing it', async () => {
    const missing = await sandbox().call('GET', '/content_threads', { as: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      error: 'missing_access_token',
      message: expect.stringContaining('Bearer'),
      status: 401,
    });
    const wrong = await sandbox().call('GET', '/content_threads', { token: 'not-a-real-token-123' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('invalid_access_token');
    expect(wrong.text).not.toContain('not-a-real-token-123');
  });

  it('lets an admin impersonate a user and refuses it to others with 400', async () => {
    const asAlice = await sandbox().call('GET', '/users/me', {
      query: { impersonated_user_id: SEED_IDS.users.alice },
    });
    expect(asAlice.body.id).toBe(SEED_IDS.users.alice);
    const refused = await sandbox().call('GET', '/users/me', {
      as: 'agent',
      query: { impersonated_user_id: SEED_IDS.users.bruno },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('impersonation_not_allowed');
  });
});

describe('visibility', () => {
  it('hides objects of a source the token user cannot read: 404 on show, filtered from lists', async () => {
    const hidden = SEED_IDS.threads.lockedAccount;
    expect((await sandbox().call('GET', `/content_threads/${hidden}`, { as: 'agent' })).status).toBe(200);
    const show = await sandbox().call('GET', `/content_threads/${hidden}`, { as: 'restricted' });
    expect(show.status).toBe(404);
    expect(show.body.error).toBe('not_found');
    const list = await sandbox().call('GET', '/content_threads', { as: 'restricted' });
    expect(list.body.records.map((thread: Json) => thread.id)).not.toContain(hidden);
    const sources = await sandbox().call('GET', '/content_sources', { as: 'restricted' });
    expect(sources.body.records.map((source: Json) => source.id)).not.toContain(SEED_IDS.sources.twitter);
    const contents = await sandbox().call('GET', '/contents', {
      as: 'restricted',
      query: { q: `thread:${hidden}` },
    });
    expect(contents.body.count).toBe(0);
  });
});

describe('parameters', () => {
  it('reads x[] arrays and a[b] hashes from the query, a form and JSON alike', async () => {
    const { call } = sandbox();
    const categories = [SEED_IDS.categories.sales, SEED_IDS.categories.technical];
    const thread = SEED_IDS.threads.shipping;
    const viaQuery = await call('PUT', `/content_threads/${thread}/update_categories`, {
      query: `thread_category_ids[]=${categories[0]}&thread_category_ids[]=${categories[1]}`,
    });
    expect(viaQuery.body.thread_category_ids).toEqual(categories);
    await sandbox().control.settle();
    const viaForm = await call('PUT', `/content_threads/${thread}/update_categories`, {
      form: `thread_category_ids%5B%5D=${categories[1]}`,
    });
    expect(viaForm.body.thread_category_ids).toEqual([categories[1]]);
    await sandbox().control.settle();
    const viaJson = await call('PUT', `/content_threads/${thread}/update_categories`, {
      json: { 'thread_category_ids[]': [categories[0]] },
    });
    expect(viaJson.body.thread_category_ids).toEqual([categories[0]]);
    await sandbox().control.settle();

    const hash = await call('PUT', `/interventions/${SEED_IDS.interventions.invoice}`, {
      form: 'custom_field_values%5Border_number%5D=A-42&custom_field_values%5Bresolution%5D=escalated',
    });
    expect(hash.body.custom_fields).toEqual({ order_number: 'A-42', resolution: 'escalated' });
  });

  it('answers 400 for a malformed value and for invalid JSON, in the API format', async () => {
    const badLimit = await sandbox().call('GET', '/tags', { query: { limit: 'ten' } });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body).toMatchObject({ error: 'invalid_parameter', status: 400 });
    expect(badLimit.body.message).toContain('"limit"');
    const badJson = await sandbox().call('POST', '/tags', {
      headers: { 'content-type': 'application/json' },
      form: '{"name":',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error).toBe('invalid_json');
  });
});

describe('lists', () => {
  it('wraps records in {count, offset, limit, records} with limit 30 by default', async () => {
    const { body } = await sandbox().call('GET', '/content_threads');
    expect(Object.keys(body).sort()).toEqual(['count', 'limit', 'offset', 'records']);
    expect(body).toMatchObject({ count: 6, offset: 0, limit: 30 });
  });

  it('pages with offset and limit, lowers a limit above 150 to 150, refuses negatives', async () => {
    const first = await sandbox().call('GET', '/content_threads', { query: { limit: 2 } });
    const second = await sandbox().call('GET', '/content_threads', { query: { limit: 2, offset: 2 } });
    expect(first.body.records).toHaveLength(2);
    expect(second.body.records[0].id).not.toBe(first.body.records[1].id);
    const huge = await sandbox().call('GET', '/content_threads', { query: { limit: 1000 } });
    expect(huge.body.limit).toBe(150);
    expect((await sandbox().call('GET', '/content_threads', { query: { offset: -1 } })).status).toBe(400);
  });

  it('returns each resource in its documented default order', async () => {
    const call = sandbox().call;
    const dates = (records: Json[], key = 'created_at') => records.map((record) => record[key] as string);
    const threads = (await call('GET', '/content_threads')).body.records;
    expect(dates(threads, 'last_content_at')).toEqual(
      [...dates(threads, 'last_content_at')].sort().reverse(),
    );
    const contents = (await call('GET', '/contents')).body.records;
    expect(dates(contents)).toEqual([...dates(contents)].sort().reverse());
    const sources = (await call('GET', '/content_sources')).body.records;
    expect(dates(sources)).toEqual([...dates(sources)].sort());
    const tags = (await call('GET', '/tags')).body.records.map((tag: Json) => tag.name);
    expect(tags).toEqual(['Churn risk', 'Newsletter', 'VIP']);
    const fields = (await call('GET', '/custom_fields')).body.records.map((field: Json) => field.position);
    expect(fields).toEqual([0, 1, 2, 3]);
  });
});

describe('errors and limits', () => {
  it('answers an unknown route with a JSON 404', async () => {
    const { status, body } = await sandbox().call('GET', '/no_such_thing');
    expect(status).toBe(404);
    expect(body).toMatchObject({ error: 'not_found', status: 404 });
  });

  it('answers 429 rate_limit_exceeded per token past the limit, until the window slides', async () => {
    const limited = await openSandbox({ rateLimit: 3, rateLimitWindowMs: 400 });
    try {
      for (let i = 0; i < 3; i++) expect((await limited.call('GET', '/tags')).status).toBe(200);
      const over = await limited.call('GET', '/tags');
      expect(over.status).toBe(429);
      expect(over.body).toEqual({
        error: 'rate_limit_exceeded',
        message: 'Rate limit exceeded',
        status: 429,
      });
      // Another token has its own budget.
      expect((await limited.call('GET', '/tags', { as: 'bot' })).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 450));
      expect((await limited.call('GET', '/tags')).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });

  it('reports every API response to onApiResponse with its route pattern', async () => {
    const seen: ApiResponseInfo[] = [];
    const watched = await openSandbox({ onApiResponse: (info) => seen.push(info) });
    try {
      await watched.call('GET', `/content_threads/${SEED_IDS.threads.invoice}`);
      await watched.call('GET', '/content_threads/unknown');
      expect(seen).toEqual([
        expect.objectContaining({
          method: 'GET',
          route: '/1.0/content_threads/:threadId',
          status: 200,
          body: expect.objectContaining({ id: SEED_IDS.threads.invoice }),
        }),
        expect.objectContaining({ status: 404, body: expect.objectContaining({ error: 'not_found' }) }),
      ]);
    } finally {
      await watched.stop();
    }
  });
});
