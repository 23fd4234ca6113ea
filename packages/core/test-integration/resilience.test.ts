import { SEED_IDS, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isRingCxError, searchQuery, type RingCxError } from '../src/index.ts';
import { clientFor, rejectionOf, startTestSandbox } from './harness.ts';

/** Retries and the rate limit against the sandbox's fault injection and its own 429s. */

const LIMIT = 6;
const WINDOW_MS = 400;
/** The client's budget, set to the sandbox's: what a user on a smaller plan would configure. */
const MATCHING_LIMIT = { requests: LIMIT, perMs: WINDOW_MS };

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox({ rateLimit: LIMIT, rateLimitWindowMs: WINDOW_MS });
});
afterAll(() => sandbox?.stop());
beforeEach(() => sandbox.control.reset());

describe('retries', () => {
  it('repeats a read that met gateway errors until it succeeds', async () => {
    const bot = clientFor(sandbox, 'bot', { rateLimit: MATCHING_LIMIT });
    sandbox.control.faults.add({
      kind: 503,
      route: 'GET /1.0/content_threads/:threadId',
      times: 2,
    });

    const thread = await bot.threads.get(SEED_IDS.threads.orderStatus);
    expect(thread.id).toBe(SEED_IDS.threads.orderStatus);
    expect(sandbox.control.requests().map((entry) => [entry.status, entry.fault])).toEqual([
      [503, '503'],
      [503, '503'],
      [200, null],
    ]);
  });

  it('gives up on a read after the configured retries, with the gateway status', async () => {
    const bot = clientFor(sandbox, 'bot', {
      rateLimit: MATCHING_LIMIT,
      retry: { retries: 1, minDelayMs: 10 },
    });
    sandbox.control.faults.add({ kind: 503, route: 'GET /1.0/content_threads/:threadId' });

    const error = (await rejectionOf(bot.threads.get(SEED_IDS.threads.orderStatus))) as RingCxError;
    expect(error).toMatchObject({ kind: 'server', status: 503, retryable: true });
    expect(sandbox.control.requests()).toHaveLength(2);
  });

  it('never repeats a reply whose connection broke after the sandbox applied it', async () => {
    const bot = clientFor(sandbox, 'bot', { rateLimit: MATCHING_LIMIT });
    const { content: incoming, thread } = sandbox.control.customerMessage({ body: 'Is anyone there?' });
    sandbox.control.faults.add({ kind: 'reset', route: 'POST /1.0/contents', times: 1 });

    const error = (await rejectionOf(
      bot.contents.reply(incoming.id, { body: 'Yes, how can I help?' }),
    )) as RingCxError;
    expect(isRingCxError(error, 'network')).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.hint).toMatch(/may have been applied: check before sending it again/);

    const posts = sandbox.control.requests().filter((entry) => entry.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ route: '/1.0/contents', fault: 'reset' });

    // Following the hint: the reply is there, exactly once.
    const replies = await bot.contents.list({
      q: searchQuery({ thread: thread.id, status_in: ['user_reply'] }),
    });
    expect(replies.count).toBe(1);
    expect(replies.records[0]).toMatchObject({ body: 'Yes, how can I help?', in_reply_to_id: incoming.id });
  });

  it('repeats a read that got no answer in time', async () => {
    const bot = clientFor(sandbox, 'bot', { rateLimit: MATCHING_LIMIT, timeoutMs: 200 });
    sandbox.control.faults.add({ kind: 'timeout', route: 'GET /1.0/users/me', delay_ms: 2000, times: 1 });

    expect((await bot.users.me()).id).toBe(SEED_IDS.users.bot);
    expect(sandbox.control.requests().map((entry) => entry.fault)).toEqual(['timeout', null]);
  });

  it('never repeats a reply that got no answer in time', async () => {
    const bot = clientFor(sandbox, 'bot', { rateLimit: MATCHING_LIMIT, timeoutMs: 200 });
    const { content: incoming } = sandbox.control.customerMessage({ body: 'Hello?' });
    sandbox.control.faults.add({ kind: 'timeout', route: 'POST /1.0/contents', delay_ms: 2000 });

    const error = (await rejectionOf(bot.contents.reply(incoming.id, { body: 'Hello!' }))) as RingCxError;
    expect(error).toMatchObject({ kind: 'timeout', retryable: false });
    expect(error.hint).toMatch(/check before sending it again/);
    expect(sandbox.control.requests().filter((entry) => entry.method === 'POST')).toHaveLength(1);
  });

  it('retries a write refused with 429 before it ran', async () => {
    const bot = clientFor(sandbox, 'bot', { rateLimit: MATCHING_LIMIT });
    const { content: incoming, thread } = sandbox.control.customerMessage({ body: 'Hello?' });
    sandbox.control.faults.add({ kind: 429, route: 'POST /1.0/contents', times: 1 });

    await bot.contents.reply(incoming.id, { body: 'Hello!' });
    const replies = await bot.contents.list({
      q: searchQuery({ thread: thread.id, status_in: ['user_reply'] }),
    });
    expect(replies.count).toBe(1);
    expect(
      sandbox.control
        .requests()
        .filter((entry) => entry.method === 'POST')
        .map((entry) => entry.status),
    ).toEqual([429, 200]);
  });
});

describe('rate limit', () => {
  const burst = LIMIT * 3;

  it("stays under the sandbox's limit when the client's limiter matches it: no 429 at all", async () => {
    const bot = clientFor(sandbox, 'bot', { rateLimit: MATCHING_LIMIT, retry: false });

    const users = await Promise.all(Array.from({ length: burst }, () => bot.users.me()));
    expect(users).toHaveLength(burst);
    const statuses = sandbox.control.requests().map((entry) => entry.status);
    expect(statuses).toHaveLength(burst);
    expect(statuses.every((status) => status === 200)).toBe(true);
  });

  it('meets rate_limit_exceeded without a limiter, which the sandbox does enforce', async () => {
    const bot = clientFor(sandbox, 'bot', { rateLimit: false, retry: false });

    const results = await Promise.allSettled(Array.from({ length: burst }, () => bot.users.me()));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({
      kind: 'rate_limit',
      status: 429,
      code: 'rate_limit_exceeded',
      retryable: true,
    });
  });
});
