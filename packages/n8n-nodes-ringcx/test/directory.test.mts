import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRingCx } from './n8n-harness.mts';
import {
  botCredentials,
  requestsSince,
  SEED_IDS,
  startTestSandbox,
  type RunningSandbox,
} from './sandbox.mts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

function run(parameters: Record<string, unknown>) {
  return runRingCx({ credentials: botCredentials(sandbox), parameters });
}

function lastQuery(since: number): URLSearchParams {
  return new URL(requestsSince(sandbox, since).at(-1)!.path, sandbox.url).searchParams;
}

describe('Identity, Source, User, Category, Team and Agent Status', () => {
  it('Identity: Get and Get Many with filters', async () => {
    const got = await run({ resource: 'identity', operation: 'get', identityId: SEED_IDS.identities.chloe });
    expect(got.items[0]?.json.id).toBe(SEED_IDS.identities.chloe);
    const since = sandbox.control.requests().length;
    const many = await run({
      resource: 'identity',
      operation: 'getMany',
      returnAll: false,
      limit: 1,
      filters: { source_id: ` ${SEED_IDS.sources.messaging} ` },
    });
    expect(many.items).toHaveLength(1);
    expect(lastQuery(since).get('source_id')).toBe(SEED_IDS.sources.messaging);
  });

  it('Source: Get and Get Many', async () => {
    const got = await run({
      resource: 'source',
      operation: 'get',
      sourceId: { mode: 'list', value: SEED_IDS.sources.messaging },
    });
    expect(got.items[0]?.json.type).toBe('engage_messaging');
    const many = await run({
      resource: 'source',
      operation: 'getMany',
      returnAll: true,
      filters: { active: true },
    });
    expect(many.items.map((item) => item.json.id)).toContain(SEED_IDS.sources.email);
  });

  it('User: Get, Get Many and Get Me', async () => {
    const got = await run({
      resource: 'user',
      operation: 'get',
      userId: { mode: 'id', value: SEED_IDS.users.alice },
    });
    expect(got.items[0]?.json.firstname).toBe('Alice');
    const since = sandbox.control.requests().length;
    const many = await run({
      resource: 'user',
      operation: 'getMany',
      returnAll: true,
      filters: { category_id: SEED_IDS.categories.technical },
    });
    expect(many.items.map((item) => item.json.id)).toEqual(
      expect.arrayContaining([SEED_IDS.users.alice, SEED_IDS.users.bruno]),
    );
    expect(lastQuery(since).get('category_id')).toBe(SEED_IDS.categories.technical);
    const me = await run({ resource: 'user', operation: 'getMe' });
    expect(me.items[0]?.json.id).toBe(SEED_IDS.users.bot);
  });

  it('Category and Team: Get Many', async () => {
    const categories = await run({ resource: 'category', operation: 'getMany', returnAll: true });
    expect(categories.items.map((item) => item.json.id)).toEqual(
      expect.arrayContaining(Object.values(SEED_IDS.categories)),
    );
    const sub = await run({
      resource: 'category',
      operation: 'getMany',
      returnAll: true,
      filters: { parentId: { __rl: true, mode: 'list', value: SEED_IDS.categories.human } },
    });
    expect(sub.items.map((item) => item.json.id).sort()).toEqual(
      [SEED_IDS.categories.billing, SEED_IDS.categories.technical].sort(),
    );
    const teams = await run({ resource: 'team', operation: 'getMany', returnAll: false, limit: 1 });
    expect(teams.items).toHaveLength(1);
  });

  it("Agent Status: Get tells an agent's availability per channel", async () => {
    const status = await run({
      resource: 'agentStatus',
      operation: 'get',
      userId: { mode: 'id', value: SEED_IDS.users.alice },
    });
    expect(status.items[0]?.json.agent_id).toBe(SEED_IDS.users.alice);
    expect(status.items[0]?.json.channels).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'Realtime', status: 'available' })]),
    );
  });
});
