import { SEED_IDS, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRingCxError, resolveBaseUrl, RingCxClient, type RingCxError } from '../src/index.ts';
import { clientFor, rejectionOf, startTestSandbox } from './harness.ts';

let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox?.stop());

describe('connection settings', () => {
  it('resolves the sandbox address typed without a path to its API root and talks to it', async () => {
    expect(resolveBaseUrl({ baseUrl: `${sandbox.url}/` })).toBe(sandbox.baseUrl);

    const ringcx = new RingCxClient({ baseUrl: sandbox.url, accessToken: sandbox.tokens.bot });
    expect(ringcx.baseUrl).toBe(sandbox.baseUrl);
    const me = await ringcx.users.me();
    expect(me.id).toBe(SEED_IDS.users.bot);
  });

  it('acts as the user the token belongs to', async () => {
    const [bot, agent, restricted] = await Promise.all([
      clientFor(sandbox, 'bot').users.me(),
      clientFor(sandbox, 'agent').users.me(),
      clientFor(sandbox, 'restricted').users.me(),
    ]);
    expect(bot.id).toBe(SEED_IDS.users.bot);
    expect(agent).toMatchObject({ id: SEED_IDS.users.alice, firstname: 'Alice' });
    expect(restricted.id).toBe(SEED_IDS.users.rita);
  });
});

describe('authentication errors', () => {
  const wrongToken = 'wrong-token-4f1c9a2e7b';

  it('reports a wrong token as kind auth with what to check, never showing the token', async () => {
    const ringcx = new RingCxClient({ baseUrl: sandbox.baseUrl, accessToken: wrongToken });
    const error = (await rejectionOf(ringcx.users.me())) as RingCxError;

    expect(isRingCxError(error, 'auth')).toBe(true);
    expect(error.status).toBe(401);
    expect(error.code).toBe('invalid_access_token');
    expect(error.retryable).toBe(false);
    expect(error.hint).toMatch(/access token/i);
    expect(error.message).toContain(error.hint);
    for (const text of [error.message, String(error), JSON.stringify(error), error.stack ?? '']) {
      expect(text).not.toContain(wrongToken);
    }
  });

  it('does not retry a refused token', async () => {
    const ringcx = new RingCxClient({ baseUrl: sandbox.baseUrl, accessToken: `${wrongToken}-2` });
    sandbox.control.clearRequests();
    await rejectionOf(ringcx.threads.list());
    expect(sandbox.control.requests().map((entry) => entry.status)).toEqual([401]);
  });
});

describe('visibility', () => {
  it('answers not_found, with a hint about source permissions, for a thread the token user cannot read', async () => {
    const restricted = clientFor(sandbox, 'restricted');
    const error = (await rejectionOf(restricted.threads.get(SEED_IDS.threads.lockedAccount))) as RingCxError;

    expect(isRingCxError(error, 'not_found')).toBe(true);
    expect(error.status).toBe(404);
    expect(error.hint).toContain(`thread ${SEED_IDS.threads.lockedAccount}`);
    expect(error.hint).toMatch(/source the token's user cannot read/);

    // The admin reads the same thread: it exists, it is only hidden from this user.
    const thread = await clientFor(sandbox, 'admin').threads.get(SEED_IDS.threads.lockedAccount);
    expect(thread.source_id).toBe(SEED_IDS.sources.twitter);
  });

  it('leaves the unreadable source out of lists', async () => {
    const restricted = clientFor(sandbox, 'restricted');
    const threads = await restricted.threads.iterate().toArray();
    expect(threads.length).toBeGreaterThan(0);
    expect(threads.map((thread) => thread.source_id)).not.toContain(SEED_IDS.sources.twitter);

    const admin = await clientFor(sandbox, 'admin').threads.list();
    expect(admin.count).toBe(threads.length + 1);
    await expect(restricted.sources.get(SEED_IDS.sources.twitter)).rejects.toMatchObject({
      kind: 'not_found',
    });
  });
});
