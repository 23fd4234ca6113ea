import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { useSandbox, type Json } from '../test-helpers.ts';

const sandbox = useSandbox();
beforeEach(() => sandbox().control.reset());

const S = SEED_IDS;
const names = (body: Json, key = 'name') => body.records.map((record: Json) => record[key]);

describe('users', () => {
  it('GET /users/me returns the token user with teams and identities', async () => {
    const me = await sandbox().call('GET', '/users/me', { as: 'agent' });
    expect(me.body).toMatchObject({
      id: S.users.alice,
      firstname: 'Alice',
      team_ids: [S.teams.support],
      identity_ids: [S.identities.aliceMessaging, S.identities.aliceEmail],
      role_id: S.roles.agent,
    });
  });

  it('lists newest first with filters, creates, updates and deletes (admin only)', async () => {
    const byCategory = await sandbox().call('GET', '/users', { query: { category_id: S.categories.bot } });
    expect(byCategory.body.records.map((user: Json) => user.id)).toEqual([S.users.bot]);
    const byEmail = await sandbox().call('GET', '/users', {
      query: { email: 'ALICE.MOREAU@sandbox.example.com' },
    });
    expect(byEmail.body.count).toBe(1);

    const refused = await sandbox().call('POST', '/users', { as: 'agent', json: {} });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('create_user');
    const incomplete = await sandbox().call('POST', '/users', { json: { email: 'x@example.com' } });
    expect(incomplete.status).toBe(422);
    const created = await sandbox().call('POST', '/users', {
      json: {
        email: 'new.agent@example.com',
        firstname: 'New',
        lastname: 'Agent',
        password: 'secret-password',
        role_id: S.roles.agent,
        team_ids: [S.teams.support],
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ email: 'new.agent@example.com', team_ids: [S.teams.support] });
    expect(created.text).not.toContain('secret-password');
    const duplicate = await sandbox().call('POST', '/users', {
      json: {
        email: 'new.agent@example.com',
        firstname: 'A',
        lastname: 'B',
        password: 'x',
        role_id: S.roles.agent,
      },
    });
    expect(duplicate.status).toBe(422);
    const updated = await sandbox().call('PUT', `/users/${created.body.id}`, {
      form: { nickname: 'Newbie', 'team_ids[]': '' },
    });
    expect(updated.body).toMatchObject({ nickname: 'Newbie', team_ids: [] });
    expect((await sandbox().call('DELETE', `/users/${created.body.id}`)).status).toBe(200);
    expect((await sandbox().call('GET', `/users/${created.body.id}`)).status).toBe(404);
  });

  it("shows and changes a user's source permissions, which drive visibility", async () => {
    const permissions = await sandbox().call('GET', `/users/${S.users.rita}/sources_permissions`);
    expect(permissions.body[S.sources.twitter]).toBeUndefined();
    await sandbox().call('PUT', `/users/${S.users.rita}/sources_permissions`, {
      form: { [S.sources.twitter]: 'read,reply' },
    });
    expect(
      (await sandbox().call('GET', `/content_threads/${S.threads.lockedAccount}`, { as: 'restricted' }))
        .status,
    ).toBe(200);
  });

  it('lists roles with their permissions', async () => {
    const roles = await sandbox().call('GET', '/roles');
    expect(names(roles.body, 'label')).toEqual(['Admin', 'Agent', 'Virtual agent']);
    expect(roles.body.records[1]).toMatchObject({
      update_own_intervention: true,
      update_intervention: false,
    });
  });
});

describe('provisioning resources', () => {
  it('creates, reads, updates and deletes tags, sorted by name', async () => {
    const created = await sandbox().call('POST', '/tags', { form: { name: 'Angry' } });
    expect(created.body).toMatchObject({ name: 'Angry', id: expect.stringMatching(/^[0-9a-f]{24}$/) });
    expect(names((await sandbox().call('GET', '/tags')).body)[0]).toBe('Angry');
    const renamed = await sandbox().call('PUT', `/tags/${created.body.id}`, { form: { name: 'Upset' } });
    expect(renamed.body.name).toBe('Upset');
    expect((await sandbox().call('DELETE', `/tags/${created.body.id}`)).body.name).toBe('Upset');
    expect((await sandbox().call('GET', `/tags/${created.body.id}`)).status).toBe(404);
    expect((await sandbox().call('POST', '/tags', { as: 'agent', form: { name: 'x' } })).status).toBe(403);
    const byIds = await sandbox().call('GET', '/tags', {
      query: { ids: `${S.tags.vip},${S.tags.newsletter}` },
    });
    expect(names(byIds.body)).toEqual(['Newsletter', 'VIP']);
  });

  it('manages categories: children of a parent, delete moves them to a take-over category', async () => {
    const children = await sandbox().call('GET', '/categories', { query: { parent_id: S.categories.human } });
    expect(names(children.body)).toEqual(['Billing', 'Technical']);
    const badColor = await sandbox().call('POST', '/categories', { form: { name: 'X', color: 9 } });
    expect(badColor.status).toBe(400);
    await sandbox().call('DELETE', `/categories/${S.categories.billing}`, {
      query: { take_over_category_id: S.categories.technical },
    });
    const thread = await sandbox().call('GET', `/content_threads/${S.threads.invoice}`);
    expect(thread.body.thread_category_ids).toEqual([S.categories.human, S.categories.technical]);
  });

  it('manages custom fields and teams', async () => {
    const field = await sandbox().call('POST', '/custom_fields', {
      json: { associated_type_name: 'Intervention', label: 'Refund amount', type: 'float' },
    });
    expect(field.body).toMatchObject({ key: 'refund_amount', type: 'float', position: -1 });
    expect((await sandbox().call('GET', '/custom_fields')).body.records[0].key).toBe('refund_amount');
    const team = await sandbox().call('POST', '/teams', {
      json: { name: 'Night shift', user_ids: [S.users.bruno] },
    });
    expect(team.body).toMatchObject({ name: 'Night shift', user_ids: [S.users.bruno], leader_ids: [] });
    const me = await sandbox().call('GET', '/users/me', { as: 'agent2' });
    expect(me.body.team_ids).toContain(team.body.id);
    const badUser = await sandbox().call('POST', '/teams', {
      json: { name: 'Ghosts', user_ids: ['nobody'] },
    });
    expect(badUser.status).toBe(422);
  });

  it('serves sources, communities and channels', async () => {
    const sources = await sandbox().call('GET', '/content_sources');
    expect(names(sources.body)).toEqual(['Web chat', 'Support email', 'WhatsApp', 'Twitter']);
    expect(sources.body.records[0]).toMatchObject({
      type: 'engage_messaging',
      channel_id: S.channels.realtime,
      active: true,
    });
    const compose = await sandbox().call('GET', '/content_sources', {
      as: 'bot',
      query: { permission: 'initiate_discussion' },
    });
    expect(compose.body.count).toBe(3);
    const updated = await sandbox().call('PUT', `/content_sources/${S.sources.email}`, {
      form: { name: 'Billing email', active: 'false' },
    });
    expect(updated.body).toMatchObject({ name: 'Billing email', active: false });
    expect((await sandbox().call('GET', '/content_sources', { query: { active: 'true' } })).body.count).toBe(
      3,
    );
    expect(names((await sandbox().call('GET', '/channels')).body)).toEqual(['Async', 'Realtime']);
    expect((await sandbox().call('GET', `/communities/${S.communities.whatsapp}`)).body.type).toBe(
      'whats_app',
    );
  });
});

describe('identities', () => {
  it('lists the identities of readable sources and filters them', async () => {
    const restricted = await sandbox().call('GET', '/identities', { as: 'restricted' });
    expect(restricted.body.records.map((identity: Json) => identity.id)).not.toContain(S.identities.mika);
    expect(
      (await sandbox().call('GET', `/identities/${S.identities.mika}`, { as: 'restricted' })).status,
    ).toBe(404);
    const byGroup = await sandbox().call('GET', '/identities', {
      query: { identity_group_id: S.identityGroups.chloe },
    });
    expect(byGroup.body.count).toBe(2);
    const bySource = await sandbox().call('GET', '/identities', { query: { source_id: S.sources.whatsapp } });
    expect(bySource.body.records.map((identity: Json) => identity.id).sort()).toEqual(
      [S.identities.botWhatsapp, S.identities.lucia].sort(),
    );
  });

  it('imports email and phone identities with 201, sanitizing phone numbers', async () => {
    const phone = await sandbox().call('POST', '/identities/import', {
      form: { source_id: S.sources.whatsapp, identifier: '+336.23.45.67.89', firstname: 'Jo' },
    });
    expect(phone.status).toBe(201);
    expect(phone.body).toMatchObject({
      foreign_id: '33623456789',
      mobile_phone: '33623456789',
      firstname: 'Jo',
    });
    const again = await sandbox().call('POST', '/identities/import', {
      form: { source_id: S.sources.whatsapp, identifier: '+33623456789' },
    });
    expect(again.status).toBe(422);
    const upsert = await sandbox().call('POST', '/identities/import', {
      form: { source_id: S.sources.whatsapp, identifier: '+33623456789', upsert: 'true', lastname: 'Doe' },
    });
    expect(upsert.body).toMatchObject({ id: phone.body.id, lastname: 'Doe' });
    const chat = await sandbox().call('POST', '/identities/import', {
      form: { source_id: S.sources.messaging, identifier: 'x' },
    });
    expect(chat.status).toBe(422);
  });

  it('reads, updates and merges identity groups', async () => {
    const found = await sandbox().call('GET', '/identity_groups', {
      query: { email: 'david.lee@example.com' },
    });
    expect(found.body.records.map((group: Json) => group.id)).toEqual([S.identityGroups.david]);
    const updated = await sandbox().call('PUT', `/identity_groups/${S.identityGroups.david}`, {
      form: {
        notes: 'Called twice',
        'custom_field_values[customer_tier]': 'gold',
        'tag_ids[]': [S.tags.vip],
      },
    });
    expect(updated.body).toMatchObject({
      notes: 'Called twice',
      custom_field_values: { customer_tier: 'gold' },
      tag_ids: [S.tags.vip],
    });
    const merged = await sandbox().call('PUT', `/identity_groups/${S.identityGroups.david}/merge`, {
      form: { associated_identity_id: S.identities.lucia },
    });
    expect(merged.body.identity_ids).toContain(S.identities.lucia);
    expect(sandbox().control.events().at(-1)!.type).toBe('identity.merged');
  });
});
