import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { useSandbox, type Json } from '../test-helpers.ts';

const sandbox = useSandbox();

describe('events journal', () => {
  it('records every emitted event, newest first, searchable by name, thread and user', async () => {
    const { content } = sandbox().control.customerMessage({ body: 'Journal me' });
    await sandbox().call('POST', '/interventions', { as: 'bot', json: { content_id: content.id } });
    const all = await sandbox().call('GET', '/events');
    expect(all.body.records.map((event: Json) => event.name).slice(0, 3)).toEqual([
      'intervention.assigned',
      'intervention.opened',
      'content.imported',
    ]);
    expect(all.body.records[2]).toMatchObject({
      user_id: null,
      extra_infos: {
        content_id: content.id,
        content_thread_id: content.thread_id,
        content_source_id: SEED_IDS.sources.messaging,
      },
    });
    const imported = await sandbox().call('GET', '/events', {
      query: { q: `name_in:content.imported content_thread:${content.thread_id}` },
    });
    expect(imported.body.count).toBe(1);
    const byBot = await sandbox().call('GET', '/events', {
      query: { q: `user:${SEED_IDS.users.bot} order:created_at.asc` },
    });
    expect(byBot.body.records.map((event: Json) => event.name)).toEqual([
      'intervention.opened',
      'intervention.assigned',
    ]);
    const one = await sandbox().call('GET', `/events/${byBot.body.records[0].id}`);
    expect(one.body.name).toBe('intervention.opened');
    expect((await sandbox().call('GET', '/events', { as: 'agent' })).status).toBe(403);
  });
});
