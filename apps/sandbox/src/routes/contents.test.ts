import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { openSandbox, useSandbox, type Json } from '../test-helpers.ts';

// Exports take half a real second, so a test sees the reply before it is exported.
const sandbox = useSandbox({ exportMs: 500_000 });
beforeEach(() => sandbox().control.reset());

const S = SEED_IDS;

function customerSays(body: string, extra: Record<string, unknown> = {}) {
  return sandbox().control.customerMessage({ body, ...extra });
}

describe('customer messages', () => {
  it('fire content.imported with the documented metadata for a new web chat thread', () => {
    const { content, thread } = customerSays('Hello, anyone there?', { author: { name: 'Zoé Petit' } });
    const event = sandbox().control.events().at(-1)!;
    expect(event.type).toBe('content.imported');
    expect(event.user_id).toBeUndefined();
    expect(event.id).toMatch(/^[0-9a-f]{24}$/);
    expect(event.issued_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(event.resource).toEqual({
      type: 'message',
      id: content.id,
      metadata: expect.objectContaining({
        first_in_thread: true,
        status: 'new',
        creator_id: null,
        intervention_id: null,
        thread_id: thread.id,
        source_id: S.sources.messaging,
        author_id: content.author_id,
        body: 'Hello, anyone there?',
        private: true,
        category_ids: [S.categories.bot],
        created_from: 'synchronizer',
        in_reply_to_id: null,
      }),
    });
  });

  it('name email messages <source type>/<content type> and continue a thread', () => {
    customerSays('Any news?', { thread_id: S.threads.invoice });
    const event = sandbox().control.events().at(-1)!;
    expect(event.resource.type).toBe('emails/email');
    expect(event.resource.metadata).toMatchObject({
      first_in_thread: false,
      status: 'assigned',
      intervention_id: S.interventions.invoice,
    });
  });
});

describe('POST /contents replies', () => {
  it('inherit thread and source, answer the customer, then export asynchronously', async () => {
    const { content } = customerSays('Where is my parcel?');
    const reply = await sandbox().call('POST', '/contents', {
      as: 'bot',
      form: { in_reply_to_id: content.id, body: 'It arrives tomorrow.' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      thread_id: content.thread_id,
      source_id: S.sources.messaging,
      in_reply_to_id: content.id,
      in_reply_to_author_id: content.author_id,
      author_id: S.identities.botMessaging,
      creator_id: S.users.bot,
      status: 'user_reply',
      private_message: true,
      synchronization_status: 'export_pending',
    });
    const types = () =>
      sandbox()
        .control.events()
        .map((event) => event.type);
    expect(types()).toContain('content.replied');
    expect(types()).not.toContain('content.exported');
    await sandbox().control.settle();
    const exported = sandbox()
      .control.events()
      .find((event) => event.type === 'content.exported')!;
    expect(exported).toMatchObject({
      user_id: S.users.bot,
      resource: { id: reply.body.id, metadata: { synchronization_status: 'success' } },
    });
    const after = await sandbox().call('GET', `/contents/${reply.body.id}`);
    expect(after.body.synchronization_status).toBe('success');
    expect(after.body.foreign_id).toEqual(expect.any(String));
    expect((await sandbox().call('GET', `/contents/${content.id}`)).body.status).toBe('replied');
  });

  it('refuse a reply in a closed thread with 403 cant_reply_to_closed_thread', async () => {
    const archived = await sandbox().call('GET', '/contents', {
      query: { q: `thread:${S.threads.archivedChat}` },
    });
    const last = archived.body.records[0];
    const refused = await sandbox().call('POST', '/contents', {
      as: 'agent',
      json: { in_reply_to_id: last.id, body: 'Hi again' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      error: 'cant_reply_to_closed_thread',
      message: "Can't reply to closed thread",
      status: 403,
    });
  });

  it('refuse a reply to a message that is not exported yet', async () => {
    const { content } = customerSays('Hello');
    const first = await sandbox().call('POST', '/contents', {
      as: 'bot',
      json: { in_reply_to_id: content.id, body: 'Hi!' },
    });
    const second = await sandbox().call('POST', '/contents', {
      as: 'bot',
      json: { in_reply_to_id: first.body.id, body: 'Again' },
    });
    expect(second.status).toBe(403);
    expect(second.body.error).toBe('in_reply_to_not_synchronized');
  });

  it('validate what a reply cannot have: no body, another source, a "to"', async () => {
    const { content } = customerSays('Hello');
    const call = (json: Record<string, unknown>) =>
      sandbox().call('POST', '/contents', { as: 'bot', json: { in_reply_to_id: content.id, ...json } });
    const noBody = await call({});
    expect(noBody.status).toBe(422);
    expect(noBody.body.message).toContain('"body"');
    expect((await call({ body: 'x', source_id: S.sources.email })).status).toBe(422);
    expect((await call({ body: 'x', to: '+33600000000' })).status).toBe(422);
    expect(
      (await sandbox().call('POST', '/contents', { as: 'bot', json: { in_reply_to_id: 'nope', body: 'x' } }))
        .status,
    ).toBe(404);
  });

  it('need the reply permission on the source', async () => {
    await sandbox().call('PUT', `/users/${S.users.rita}/sources_permissions`, {
      form: { [S.sources.email]: 'read' },
    });
    const { content } = customerSays('Hello', { thread_id: S.threads.invoice });
    const refused = await sandbox().call('POST', '/contents', {
      as: 'restricted',
      json: { in_reply_to_id: content.id, body: 'x' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('"reply"');
  });

  it('accept a reply outside an open intervention by default and count it in the open one', async () => {
    const { content } = customerSays('Hi');
    const reply = await sandbox().call('POST', '/contents', {
      as: 'bot',
      json: { in_reply_to_id: content.id, body: 'Hello!' },
    });
    expect(reply.status).toBe(200);
    expect(reply.body.intervention_id).toBeNull();

    const opened = await sandbox().call('POST', '/interventions', {
      as: 'bot',
      json: { content_id: content.id },
    });
    await sandbox().control.settle();
    const counted = await sandbox().call('POST', '/contents', {
      as: 'bot',
      json: { in_reply_to_id: content.id, body: 'Again' },
    });
    expect(counted.body.intervention_id).toBe(opened.body.id);
    expect((await sandbox().call('GET', `/interventions/${opened.body.id}`)).body).toMatchObject({
      user_replies_count: 1,
      first_user_reply_id: counted.body.id,
    });
  });
});

describe('strict replies', () => {
  it('refuse a reply to a message not under an open intervention, naming the fix', async () => {
    const strict = await openSandbox({ strictReplies: true });
    try {
      const { content } = strict.control.customerMessage({ body: 'Hi' });
      const refused = await strict.call('POST', '/contents', {
        as: 'bot',
        json: { in_reply_to_id: content.id, body: 'Hello' },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('in_reply_to_not_under_open_intervention');
      expect(refused.body.message).toContain('POST /1.0/interventions');
      await strict.call('POST', '/interventions', { as: 'bot', json: { content_id: content.id } });
      expect(
        (
          await strict.call('POST', '/contents', {
            as: 'bot',
            json: { in_reply_to_id: content.id, body: 'Hello' },
          })
        ).status,
      ).toBe(200);
    } finally {
      await strict.stop();
    }
  });
});

describe('POST /contents new discussions', () => {
  it('start an email thread with a subject and recipients', async () => {
    const created = await sandbox().call('POST', '/contents', {
      as: 'agent',
      form: {
        source_id: S.sources.email,
        title: 'Your refund',
        'to[]': ['david.lee@example.com'],
        body: 'Refund sent.',
      },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      status: 'user_initiated',
      first_in_thread: true,
      title: 'Your refund',
      in_reply_to_id: null,
    });
    expect(created.body.headers.To).toEqual(['david.lee@example.com']);
    expect(sandbox().control.events().at(-1)!.type).toBe('content.discussion_initiated');
    const thread = await sandbox().call('GET', `/content_threads/${created.body.thread_id}`);
    expect(thread.body.title).toBe('Your refund');
  });

  it('require what each source needs to start a discussion', async () => {
    const call = (json: Record<string, unknown>) =>
      sandbox().call('POST', '/contents', { as: 'agent', json: { body: 'Hi', ...json } });
    expect((await call({})).body.message).toContain('"source_id"');
    expect((await call({ source_id: S.sources.email, 'to[]': ['a@b.c'] })).body.message).toContain('"title"');
    const whatsapp = await call({ source_id: S.sources.whatsapp, to: '+34612345678' });
    expect(whatsapp.status).toBe(422);
    expect(whatsapp.body.message).toContain('template_name');
    const template = await call({
      source_id: S.sources.whatsapp,
      to: '+34612345678',
      template_name: 'order_update',
      template_language: 'en',
    });
    expect(template.status).toBe(200);
    expect(template.body.author_id).not.toBe(S.identities.lucia);
    const bot = await sandbox().call('POST', '/contents', {
      as: 'bot',
      json: { body: 'Hi', source_id: S.sources.twitter },
    });
    expect(bot.status).toBe(404);
  });
});

describe('GET /contents', () => {
  it('searches by thread, status and text, newest first unless asked', async () => {
    const inThread = await sandbox().call('GET', '/contents', {
      query: { q: `thread:${S.threads.orderStatus}` },
    });
    expect(inThread.body.count).toBe(4);
    const dates = inThread.body.records.map((content: Json) => content.created_at);
    expect(dates).toEqual([...dates].sort().reverse());
    const ascending = await sandbox().call('GET', '/contents', {
      query: { q: `thread:${S.threads.orderStatus} order:created_at.asc` },
    });
    expect(ascending.body.records[0].first_in_thread).toBe(true);
    const waiting = await sandbox().call('GET', '/contents', { query: { q: 'status_in:new' } });
    expect(waiting.body.records.map((content: Json) => content.thread_id)).toEqual([S.threads.shipping]);
    const text = await sandbox().call('GET', '/contents', { query: { q: 'text:"rue des Lilas"' } });
    expect(text.body.count).toBe(1);
    const byIntervention = await sandbox().call('GET', '/contents', {
      query: { q: `intervention:${S.interventions.invoice}` },
    });
    expect(byIntervention.body.count).toBe(3);
  });

  it('ignores and categorizes one message', async () => {
    const { content } = customerSays('spam spam');
    expect((await sandbox().call('PUT', `/contents/${content.id}/ignore`)).body.status).toBe('ignored');
    const categorized = await sandbox().call('PUT', `/contents/${content.id}/update_categories`, {
      json: { category_ids: [S.categories.sales] },
    });
    expect(categorized.body.category_ids).toEqual([S.categories.sales]);
  });
});
