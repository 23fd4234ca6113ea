import { describe, expect, it } from 'vitest';
import { ids, useSandbox, zapierFailure } from '../testing/harness.ts';
import { categoryList, sourceList, teamList, userList } from './dropdowns.ts';
import interventionClosed from './intervention-closed.ts';
import interventionOpened from './intervention-opened.ts';
import newCustomerMessage from './new-customer-message.ts';
import newThread from './new-thread.ts';

const h = useSandbox();
const idsOf = (records: Array<{ id: string }>) => records.map((record) => record.id);
const { threads, sources, interventions } = ids;

describe('New Thread', () => {
  it('lists threads newest first by creation, so an old thread with a new message does not come back', async () => {
    const found = await h.run<Array<{ id: string }>>(newThread);
    // The invoice thread has the latest message, yet stays in its place by creation.
    expect(idsOf(found)).toEqual([
      threads.lockedAccount,
      threads.shipping,
      threads.invoice,
      threads.addressChange,
      threads.orderStatus,
      threads.archivedChat,
    ]);
    expect(h.calls()).toEqual(['GET /content_threads?q=order%3Acreated_at.desc&offset=0&limit=100']);
  });

  it('fires for a thread a customer starts', async () => {
    const started = h.sandbox.control.customerMessage({
      body: 'Do you deliver on Sundays?',
      source_id: sources.messaging,
    });
    const [newest] = await h.run<Array<{ id: string; title: string }>>(newThread);
    expect(newest!.id).toBe(started.thread.id);
  });

  it('keeps to the chosen sources', async () => {
    const found = await h.run<Array<{ id: string }>>(newThread, {
      source_ids: [sources.email, sources.whatsapp],
    });
    expect(idsOf(found)).toEqual([threads.shipping, threads.invoice]);
  });

  it('turns a 429 into a retry later', async () => {
    h.sandbox.control.faults.add({ route: 'GET /1.0/content_threads', kind: 429 });
    const failure = await zapierFailure(h.run(newThread));
    expect(failure.name).toBe('ThrottledError');
    expect(failure.delay).toBe(60);
    expect(failure.message).toMatch(/failed with 429.*500 requests a minute/);
  });

  it('marks the connection expired when the token stops working (401)', async () => {
    const failure = await zapierFailure(
      h.runAs({ base_url: h.sandbox.baseUrl, access_token: 'revoked-token-123456' }, newThread),
    );
    expect(failure.name).toBe('ExpiredAuthError');
    expect(failure.message).toMatch(/failed with 401.*Check the access token/);
    expect(failure.message).not.toContain('revoked-token-123456');
  });
});

describe('New Customer Message', () => {
  it('lists customer messages newest first and leaves out agents’ and bots’', async () => {
    const found = await h.run<Array<{ body: string; creator_id: string | null }>>(newCustomerMessage);
    expect(found.map((message) => message.body.split('\n')[0]!.slice(0, 24))).toEqual([
      'Thanks Alice, any news o',
      'My account is locked aft',
      'Hola! Do you ship to Spa',
      'Hello,',
      'Thanks. The new address ',
      'I need to change my deli',
      'Great, thanks!',
      'Hi! Where is my order #1',
      'Perfect, thank you!',
      'Can I return shoes bough',
    ]);
    expect(found.every((message) => message.creator_id === null)).toBe(true);
  });

  it('returns only a few for a test in the Zap editor, from one request', async () => {
    const found = await h.run<unknown[]>(
      newCustomerMessage,
      { source_ids: sources.messaging },
      { meta: { isLoadingSample: true } },
    );
    expect(found).toHaveLength(3);
    expect(h.calls()).toHaveLength(1);
  });
});

describe('Intervention Opened / Closed', () => {
  it('lists interventions newest first by opening, filtered by source on the records', async () => {
    const all = await h.run<Array<{ id: string }>>(interventionOpened);
    expect(idsOf(all)).toEqual([
      interventions.lockedAccount,
      interventions.invoice,
      interventions.addressChange,
      interventions.orderStatus,
      interventions.archivedChat,
    ]);
    expect(h.calls()[0]).toMatch(/^GET \/interventions\?sort=created_at&offset=0&limit=100$/);
    const chat = await h.run<Array<{ id: string }>>(interventionOpened, { source_ids: [sources.messaging] });
    expect(idsOf(chat)).toEqual([
      interventions.addressChange,
      interventions.orderStatus,
      interventions.archivedChat,
    ]);
  });

  it('lists closed interventions, deduplicated on id and closing time', async () => {
    const closed = await h.run<Array<{ id: string; closed_at: string }>>(interventionClosed);
    expect(idsOf(closed)).toEqual([
      interventions.lockedAccount,
      interventions.orderStatus,
      interventions.archivedChat,
    ]);
    expect(closed.every((intervention) => intervention.closed_at)).toBe(true);
    expect(h.calls()[0]).toMatch(/status=closed&sort=updated_at/);
    const primary = interventionClosed.operation.outputFields!.filter((f) => 'primary' in f && f.primary);
    expect(primary.map((f) => 'key' in f && f.key)).toEqual(['id', 'closed_at']);
  });
});

describe('dropdowns', () => {
  it('pages with Zapier’s page number', async () => {
    const second = await h.run<unknown[]>(sourceList, {}, { meta: { page: 1 } });
    expect(second).toEqual([]);
    expect(h.calls()).toEqual(['GET /content_sources?offset=100&limit=100']);
  });

  it('labels sources, agents, categories and teams for people', async () => {
    const labels = async (target: Parameters<typeof h.run>[0]) =>
      (await h.run<Array<{ label: string }>>(target)).map((record) => record.label).sort();
    expect(await labels(sourceList)).toEqual(['Support email', 'Twitter', 'Web chat', 'WhatsApp']);
    expect(await labels(userList)).toEqual([
      'Ada Admin (ada.admin@sandbox.example.com)',
      'Alice Moreau (alice.moreau@sandbox.example.com)',
      'Bot (bot@sandbox.example.com)',
      'Bruno Costa (bruno.costa@sandbox.example.com)',
      'Rita Novak (rita.novak@sandbox.example.com)',
    ]);
    expect(await labels(categoryList)).toEqual([
      'Bot',
      'Human support',
      'Human support › Billing',
      'Human support › Technical',
      'Sales',
    ]);
    expect(await labels(teamList)).toEqual(['Automation', 'Support']);
  });

  it('narrows the agents to the team chosen in the same step (its leader included)', async () => {
    const users = await h.run<Array<{ id: string }>>(userList, { team_id: ids.teams.support });
    const { admin, alice, bruno, rita } = ids.users;
    expect(idsOf(users).sort()).toEqual([admin, alice, bruno, rita].sort());
    expect(h.calls()).toEqual([`GET /users?offset=0&limit=100&team_id=${ids.teams.support}`]);
  });
});
