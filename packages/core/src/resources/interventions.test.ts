import { describe, expect, it } from 'vitest';
import { hexId, useRecordingServer } from './recording-server.ts';

const { server, client } = useRecordingServer();
const INTERVENTION = hexId(1);

describe('Interventions', () => {
  it('lists with plain query filters, several identities as identity_id[]', async () => {
    server.respond = () => ({ body: { count: 0, offset: 0, limit: 30, records: [] } });
    await client().interventions.list({
      thread_id: hexId(2),
      identity_id: [hexId(3), hexId(4)],
      status: 'active',
      sort: 'updated_at',
    });

    expect(server.last.path).toBe('/interventions');
    expect(server.last.query).toBe(
      [
        `thread_id=${hexId(2)}`,
        `identity_id[]=${hexId(3)}`,
        `identity_id[]=${hexId(4)}`,
        'status=active',
        'sort=updated_at',
      ].join('&'),
    );
  });

  it('opens one on a message and keeps the fields it answers', async () => {
    server.respond = () => ({ body: { id: INTERVENTION, status: 'Fermée', future_field: 42 } });
    const intervention = await client().interventions.create({ content_id: hexId(5) });

    expect(`${server.last.method} ${server.last.path}`).toBe('POST /interventions');
    expect(server.last.json).toEqual({ content_id: hexId(5) });
    expect(intervention.status).toBe('Fermée');
    expect(intervention['future_field']).toBe(42);
  });

  it('writes custom field values as a hash', async () => {
    await client().interventions.update(INTERVENTION, {
      custom_field_values: { order_number: 'A-1', topics: ['billing', 'refund'] },
    });

    expect(`${server.last.method} ${server.last.path}`).toBe(`PUT /interventions/${INTERVENTION}`);
    expect(server.last.json).toEqual({
      custom_field_values: { order_number: 'A-1', topics: ['billing', 'refund'] },
    });
  });

  it('closes with PUT and cancels with DELETE', async () => {
    const interventions = client().interventions;
    await interventions.close(INTERVENTION);
    await interventions.cancel(INTERVENTION);

    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `PUT /interventions/${INTERVENTION}/close`,
      `DELETE /interventions/${INTERVENTION}/cancel`,
    ]);
  });

  it('reassigns with user_id and recategorizes with category_ids', async () => {
    const interventions = client().interventions;
    await interventions.reassign(INTERVENTION, hexId(6));
    await interventions.updateCategories(INTERVENTION, [hexId(7), hexId(8)]);

    expect(server.requests.map((r) => [`${r.method} ${r.path}`, r.json])).toEqual([
      [`PUT /interventions/${INTERVENTION}/reassign`, { user_id: hexId(6) }],
      [`PUT /interventions/${INTERVENTION}/update_categories`, { category_ids: [hexId(7), hexId(8)] }],
    ]);
  });

  it('surfaces the documented 403 on close as a permission error with the API message', async () => {
    server.respond = () => ({
      status: 403,
      body: { error: 'forbidden', message: 'Intervention has no agent reply', status: 403 },
    });
    await expect(client().interventions.close(INTERVENTION)).rejects.toMatchObject({
      kind: 'permission',
      status: 403,
      apiMessage: 'Intervention has no agent reply',
    });
  });
});
