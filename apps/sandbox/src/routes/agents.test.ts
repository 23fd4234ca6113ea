import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { useSandbox, type Json } from '../test-helpers.ts';

const sandbox = useSandbox();
beforeEach(() => sandbox().control.reset());

const S = SEED_IDS;

describe('agent status', () => {
  it('GET /status is a bare array of connected agents with channel availability and busyness', async () => {
    const { status, body } = await sandbox().call('GET', '/status', { as: 'bot' });
    expect(status).toBe(200);
    expect(Array.isArray(body)).toBe(true);
    expect(body.map((agent: Json) => agent.agent_id)).toEqual([S.users.alice, S.users.bruno]);
    expect(body[0]).toEqual({
      agent_id: S.users.alice,
      channels: [
        { id: S.channels.async, name: 'Async', status: 'available', busyness: 'ok' },
        { id: S.channels.realtime, name: 'Realtime', status: 'available', busyness: 'ok' },
      ],
      custom_status: null,
    });
    const technical = await sandbox().call('GET', '/status', {
      as: 'bot',
      query: { category_ids: [S.categories.billing] },
    });
    expect(technical.body.map((agent: Json) => agent.agent_id)).toEqual([S.users.alice]);
    expect((await sandbox().call('GET', '/status', { as: 'agent' })).status).toBe(403);
  });

  it('answers 404 disconnected for an agent who is not connected', async () => {
    const rita = await sandbox().call('GET', `/status/${S.users.rita}`);
    expect(rita.status).toBe(404);
    expect(rita.body.error).toBe('disconnected');
  });

  it('changes availability per channel (every channel required) or to a custom status', async () => {
    const partial = await sandbox().call('PUT', `/status/${S.users.alice}`, {
      as: 'agent',
      form: { [`status[${S.channels.async}]`]: 'away' },
    });
    expect(partial.status).toBe(422);
    expect(partial.body.message).toContain('Realtime');
    const away = await sandbox().call('PUT', `/status/${S.users.alice}`, {
      as: 'agent',
      json: { status: { [S.channels.async]: 'away', [S.channels.realtime]: 'available' } },
    });
    expect(away.body.channels[0].status).toBe('away');
    expect(sandbox().control.events().at(-1)!.type).toBe('push_agent.availability_change');
    const lunch = await sandbox().call('PUT', `/status/${S.users.alice}`, {
      as: 'agent',
      form: { custom_status_id: S.presenceStatuses.lunch },
    });
    expect(lunch.body.custom_status).toEqual({ id: S.presenceStatuses.lunch });
    const other = await sandbox().call('PUT', `/status/${S.users.bruno}`, {
      as: 'agent',
      form: { custom_status_id: S.presenceStatuses.lunch },
    });
    expect(other.status).toBe(403);
  });
});
