import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { useSandbox, type Json } from '../test-helpers.ts';

const sandbox = useSandbox();
beforeEach(() => sandbox().control.reset());

async function control(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sandbox().url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

describe('faults', () => {
  it('answers a status fault without running the request: 429 as the API, 503 as a gateway page', async () => {
    sandbox().control.faults.add({ route: 'POST /1.0/tags', kind: 429, times: 1 });
    const limited = await sandbox().call('POST', '/tags', { form: { name: 'Never created' } });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      error: 'rate_limit_exceeded',
      message: 'Rate limit exceeded',
      status: 429,
    });
    expect((await sandbox().call('GET', '/tags')).body.count).toBe(3);
    // times: 1 — the next request goes through.
    expect((await sandbox().call('POST', '/tags', { form: { name: 'Created' } })).status).toBe(200);

    sandbox().control.faults.add({ route: '/1.0/content_threads/:threadId', kind: '503' });
    const gateway = await sandbox().call('GET', `/content_threads/${SEED_IDS.threads.invoice}`);
    expect(gateway.status).toBe(503);
    expect(gateway.headers.get('content-type')).toContain('text/html');
    expect((await sandbox().call('GET', '/content_threads')).status).toBe(200);
  });

  it('hits a deterministic share of requests with rate', async () => {
    sandbox().control.faults.add({ route: 'GET /1.0/tags', kind: 500, rate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await sandbox().call('GET', '/tags')).status);
    expect(statuses).toEqual([200, 500, 200, 500]);
  });

  it('delays a request, then runs it', async () => {
    sandbox().control.faults.add({ route: 'GET /1.0/tags', kind: 'delay', delay_ms: 150 });
    const started = performance.now();
    expect((await sandbox().call('GET', '/tags')).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('reset applies the write, then drops the connection', async () => {
    sandbox().control.faults.add({ route: 'POST /1.0/tags', kind: 'reset', times: 1 });
    await expect(sandbox().call('POST', '/tags', { form: { name: 'Applied' } })).rejects.toThrow();
    const tags = await sandbox().call('GET', '/tags');
    expect(tags.body.records.map((tag: Json) => tag.name)).toContain('Applied');
    expect(
      sandbox()
        .control.requests()
        .find((entry) => entry.fault === 'reset'),
    ).toMatchObject({ status: null, route: '/1.0/tags' });
  });

  it('timeout never answers; the client gives up', async () => {
    sandbox().control.faults.add({ route: 'GET /1.0/tags', kind: 'timeout', delay_ms: 5000 });
    await expect(
      fetch(`${sandbox().baseUrl}/tags`, {
        headers: { authorization: `Bearer ${sandbox().tokens.admin}` },
        signal: AbortSignal.timeout(200),
      }),
    ).rejects.toThrow();
  });

  it('is managed through the control API and refuses nonsense', async () => {
    const added = await control('POST', '/faults', { kind: 'delay', route: '*', delay_ms: 1 });
    expect(added.body).toMatchObject({ kind: 'delay', route: '*', rate: 1 });
    expect((await control('GET', '/faults')).body).toHaveLength(1);
    expect((await control('DELETE', `/faults/${added.body.id}`)).body).toEqual([]);
    const bad = await control('POST', '/faults', { kind: 'explode' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('status code');
  });
});

describe('logs', () => {
  it('logs API requests with route, status and token name, never the token', async () => {
    await sandbox().call('GET', '/users/me', { as: null, query: { access_token: sandbox().tokens.bot } });
    const [entry] = sandbox().control.requests(1);
    expect(entry).toMatchObject({
      method: 'GET',
      route: '/1.0/users/me',
      status: 200,
      token: 'bot',
      user_id: SEED_IDS.users.bot,
    });
    expect(entry!.path).toBe('/1.0/users/me?access_token=[redacted]');
    const log = await control('GET', '/requests?limit=5');
    expect(JSON.stringify(log.body)).not.toContain(sandbox().tokens.bot);
  });

  it('shows emitted events and webhook deliveries', async () => {
    sandbox().control.customerMessage({ body: 'hi' });
    const events = await control('GET', '/events?limit=1');
    expect(events.body[0].type).toBe('content.imported');
    expect((await control('GET', '/webhook-deliveries')).body).toEqual([]);
  });
});

describe('control API', () => {
  it('describes the sandbox without revealing token values', async () => {
    const info = await control('GET', '');
    expect(info.body).toMatchObject({
      seed: 'default',
      base_url: `${sandbox().url}/1.0`,
      rate_limit_per_minute: 500,
    });
    expect(info.body.tokens.map((token: Json) => token.name)).toEqual([
      'admin',
      'bot',
      'agent',
      'agent2',
      'restricted',
    ]);
    expect(JSON.stringify(info.body)).not.toContain(sandbox().tokens.admin);
  });

  it('simulates customers: a new thread on a chosen source, or a follow-up', async () => {
    const fresh = await control('POST', '/customer-messages', {
      body: 'Do you deliver on Sundays?',
      source_id: SEED_IDS.sources.whatsapp,
      author: { name: 'Ana Lima', phone: '+5511999990000' },
    });
    expect(fresh.body).toMatchObject({
      new_thread: true,
      thread: { source_id: SEED_IDS.sources.whatsapp },
      identity: { mobile_phone: '+5511999990000' },
    });
    const followUp = await control('POST', '/customer-messages', {
      body: 'Hello?',
      thread_id: fresh.body.thread.id,
    });
    expect(followUp.body).toMatchObject({
      new_thread: false,
      content: { author_id: fresh.body.identity.id, first_in_thread: false },
    });
    const closed = await control('POST', '/customer-messages', {
      body: 'Me again',
      thread_id: SEED_IDS.threads.archivedChat,
    });
    expect(closed.body.new_thread).toBe(true);
    expect(closed.body.thread.id).not.toBe(SEED_IDS.threads.archivedChat);
    const missing = await control('POST', '/customer-messages', { thread_id: SEED_IDS.threads.invoice });
    expect(missing.status).toBe(422);
  });

  it('resets to the seed, or loads the empty one', async () => {
    await sandbox().call('POST', '/tags', { form: { name: 'Temporary' } });
    sandbox().control.faults.add({ kind: 500, route: 'GET /1.0/tags' });
    await control('POST', '/reset', {});
    expect((await sandbox().call('GET', '/tags')).body.count).toBe(3);
    const empty = await control('POST', '/reset', { seed: 'empty' });
    expect(empty.body).toMatchObject({ seed: 'empty', counts: { threads: 0, users: 5 } });
    expect((await sandbox().call('GET', '/users/me', { as: 'bot' })).status).toBe(200);
    expect((await control('POST', '/reset', { seed: 'galaxy' })).status).toBe(400);
  });

  it('settles pending jobs', async () => {
    await sandbox().call('PUT', `/content_threads/${SEED_IDS.threads.orderStatus}/close`);
    expect((await control('POST', '/settle')).body).toEqual({ settled: true });
    expect(
      (await sandbox().call('GET', `/content_threads/${SEED_IDS.threads.orderStatus}`)).body.closed,
    ).toBe(true);
  });
});
