import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { useSandbox, type Json } from '../test-helpers.ts';

const sandbox = useSandbox();
beforeEach(() => sandbox().control.reset());

const S = SEED_IDS;

function eventTypes(): string[] {
  return sandbox()
    .control.events()
    .map((event) => event.type);
}

async function openOnNewMessage(as: 'bot' | 'agent' = 'bot') {
  const { content } = sandbox().control.customerMessage({ body: 'I need help' });
  const opened = await sandbox().call('POST', '/interventions', { as, json: { content_id: content.id } });
  expect(opened.status).toBe(200);
  return { content, intervention: opened.body as Json };
}

async function reply(as: 'bot' | 'agent', inReplyTo: string) {
  const response = await sandbox().call('POST', '/contents', {
    as,
    json: { in_reply_to_id: inReplyTo, body: 'On it.' },
  });
  expect(response.status).toBe(200);
  return response.body as Json;
}

describe('POST /interventions', () => {
  it('opens an intervention as the token user and fires opened then assigned', async () => {
    const { content, intervention } = await openOnNewMessage();
    expect(intervention).toMatchObject({
      content_id: content.id,
      thread_id: content.thread_id,
      user_id: S.users.bot,
      identity_id: content.author_id,
      closed: false,
      status: 'opened',
      category_ids: [S.categories.bot],
      custom_fields: { order_number: null, resolution: null },
    });
    expect(eventTypes().slice(-2)).toEqual(['intervention.opened', 'intervention.assigned']);
    const opened = sandbox().control.events().at(-2)!;
    expect(opened).toMatchObject({
      user_id: S.users.bot,
      resource: {
        type: 'intervention',
        id: intervention.id,
        metadata: { thread_id: content.thread_id, user_id: S.users.bot, closed_at: null },
      },
    });
    expect((await sandbox().call('GET', `/contents/${content.id}`)).body).toMatchObject({
      status: 'assigned',
      intervention_id: intervention.id,
    });
  });

  it('answers 422 when the thread already has an open intervention', async () => {
    const { content } = await openOnNewMessage();
    const again = await sandbox().call('POST', '/interventions', {
      as: 'agent',
      json: { content_id: content.id },
    });
    expect(again.status).toBe(422);
    expect(again.body.error).toBe('intervention_already_opened');
    const missing = await sandbox().call('POST', '/interventions', { json: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.message).toContain('"content_id"');
  });

  it('reopens the closed intervention of the thread (intervention.reopened)', async () => {
    const contents = await sandbox().call('GET', '/contents', {
      query: { q: `thread:${S.threads.orderStatus}` },
    });
    const reopened = await sandbox().call('POST', '/interventions', {
      as: 'agent',
      json: { content_id: contents.body.records[0].id },
    });
    expect(reopened.body).toMatchObject({
      id: S.interventions.orderStatus,
      status: 'reopened',
      closed: false,
      closed_at: null,
      user_id: S.users.alice,
    });
    expect(eventTypes().at(-1)).toBe('intervention.reopened');
  });

  it('is reopened by a customer follow-up after it was closed', () => {
    const { content } = sandbox().control.customerMessage({
      body: 'One more question',
      thread_id: S.threads.orderStatus,
    });
    expect(content).toMatchObject({ intervention_id: S.interventions.orderStatus, status: 'assigned' });
    expect(eventTypes().slice(-2)).toEqual(['intervention.reopened', 'content.imported']);
  });
});

describe('closing and canceling', () => {
  it('refuses to close without an agent reply (403), then closes once answered', async () => {
    const { content, intervention } = await openOnNewMessage();
    const early = await sandbox().call('PUT', `/interventions/${intervention.id}/close`, { as: 'bot' });
    expect(early.status).toBe(403);
    expect(early.body.error).toBe('intervention_has_no_agent_reply');
    await reply('bot', content.id);
    const closed = await sandbox().call('PUT', `/interventions/${intervention.id}/close`, { as: 'bot' });
    expect(closed.body).toMatchObject({ closed: true, status: 'closed', user_replies_count: 1 });
    expect(closed.body.closed_at).toMatch(/Z$/);
    expect(eventTypes().at(-1)).toBe('intervention.closed');
    const twice = await sandbox().call('PUT', `/interventions/${intervention.id}/close`, { as: 'bot' });
    expect(twice.body.error).toBe('intervention_already_closed');
  });

  it('lets only the owner, or a user allowed to update interventions, close it', async () => {
    const { content, intervention } = await openOnNewMessage();
    await reply('agent', content.id);
    const notOwner = await sandbox().call('PUT', `/interventions/${intervention.id}/close`, { as: 'agent' });
    expect(notOwner.status).toBe(403);
    expect(notOwner.body.error).toBe('not_intervention_owner');
    expect(
      (await sandbox().call('PUT', `/interventions/${intervention.id}/close`, { as: 'admin' })).status,
    ).toBe(200);
  });

  it('cancels only without agent replies, putting its messages back to new', async () => {
    const { content, intervention } = await openOnNewMessage();
    const canceled = await sandbox().call('DELETE', `/interventions/${intervention.id}/cancel`, {
      as: 'bot',
    });
    expect(canceled.status).toBe(200);
    expect(eventTypes().at(-1)).toBe('intervention.canceled');
    expect((await sandbox().call('GET', `/interventions/${intervention.id}`)).status).toBe(404);
    expect((await sandbox().call('GET', `/contents/${content.id}`)).body).toMatchObject({
      status: 'new',
      intervention_id: null,
    });

    const refused = await sandbox().call('DELETE', `/interventions/${S.interventions.invoice}/cancel`, {
      as: 'agent',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('intervention_has_agent_replies');
  });
});

describe('reassigning, categorizing, custom fields', () => {
  it('reassigns (user_updated then assigned); needs the right to', async () => {
    const moved = await sandbox().call('PUT', `/interventions/${S.interventions.invoice}/reassign`, {
      as: 'agent',
      form: { user_id: S.users.bruno },
    });
    expect(moved.body.user_id).toBe(S.users.bruno);
    expect(eventTypes().slice(-2)).toEqual(['intervention.user_updated', 'intervention.assigned']);
    const notMine = await sandbox().call('PUT', `/interventions/${S.interventions.invoice}/reassign`, {
      as: 'agent',
      form: { user_id: S.users.alice },
    });
    expect(notMine.status).toBe(403);
    const unknown = await sandbox().call('PUT', `/interventions/${S.interventions.invoice}/reassign`, {
      form: { user_id: 'nobody' },
    });
    expect(unknown.status).toBe(404);
  });

  it('recategorizes (intervention.recategorized) and sets custom fields, validating keys and choices', async () => {
    const categorized = await sandbox().call(
      'PUT',
      `/interventions/${S.interventions.invoice}/update_categories`,
      {
        as: 'agent',
        json: { category_ids: [S.categories.billing] },
      },
    );
    expect(categorized.body.category_ids).toEqual([S.categories.billing]);
    expect(eventTypes().at(-1)).toBe('intervention.recategorized');
    const wrongKey = await sandbox().call('PUT', `/interventions/${S.interventions.invoice}`, {
      as: 'agent',
      json: { custom_field_values: { colour: 'red' } },
    });
    expect(wrongKey.status).toBe(422);
    expect(wrongKey.body.message).toContain('order_number');
    const wrongChoice = await sandbox().call('PUT', `/interventions/${S.interventions.invoice}`, {
      as: 'agent',
      json: { custom_field_values: { resolution: 'maybe' } },
    });
    expect(wrongChoice.status).toBe(422);
  });
});

describe('GET /interventions', () => {
  it('lists newest first and filters by thread, user, identity and status', async () => {
    const all = await sandbox().call('GET', '/interventions');
    expect(all.body.count).toBe(5);
    const dates = all.body.records.map((intervention: Json) => intervention.created_at);
    expect(dates).toEqual([...dates].sort().reverse());
    const ids = async (query: Record<string, unknown>) =>
      (await sandbox().call('GET', '/interventions', { query })).body.records.map(
        (intervention: Json) => intervention.id,
      );
    expect(await ids({ thread_id: S.threads.invoice })).toEqual([S.interventions.invoice]);
    expect((await ids({ user_id: S.users.alice })).sort()).toEqual(
      [S.interventions.addressChange, S.interventions.invoice, S.interventions.archivedChat].sort(),
    );
    expect(await ids({ identity_id: [S.identities.david] })).toEqual([S.interventions.invoice]);
    expect((await ids({ status: 'active' })).sort()).toEqual(
      [S.interventions.addressChange, S.interventions.invoice].sort(),
    );
    expect(await ids({ status: 'closed' })).toHaveLength(3);
    expect((await sandbox().call('GET', '/interventions', { query: { status: 'sleeping' } })).status).toBe(
      400,
    );
  });
});
