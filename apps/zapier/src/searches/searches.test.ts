import { describe, expect, it } from 'vitest';
import { ids, useSandbox, zapierFailure } from '../testing/harness.ts';
import findIdentity from './find-identity.ts';
import findIntervention from './find-intervention.ts';
import findMessage from './find-message.ts';
import findThread from './find-thread.ts';

const h = useSandbox();
const idsOf = (records: Array<{ id: string }>) => records.map((record) => record.id);
const { identities, threads, interventions, sources } = ids;

describe('Find Identity', () => {
  it('finds by the id on the channel', async () => {
    const found = await h.run<Array<{ id: string }>>(findIdentity, { foreign_id: '34612345678' });
    expect(idsOf(found)).toEqual([identities.lucia]);
  });

  it('finds by an email of the customer profile, on every channel of that customer', async () => {
    const found = await h.run<Array<{ id: string }>>(findIdentity, {
      email: 'chloe.martin@example.com',
      foreign_id: 'nobody',
    });
    expect(idsOf(found).sort()).toEqual([identities.chloe, identities.chloeEmail].sort());
  });

  it('keeps to one source', async () => {
    const found = await h.run<Array<{ id: string }>>(findIdentity, {
      email: 'chloe.martin@example.com',
      source_id: sources.email,
    });
    expect(idsOf(found)).toEqual([identities.chloeEmail]);
  });

  it('returns nothing, not an error, for an unknown person', async () => {
    expect(await h.run(findIdentity, { foreign_id: 'nobody', email: 'nobody@example.com' })).toEqual([]);
  });

  it('asks for a search value', async () => {
    const failure = await zapierFailure(h.run(findIdentity, { foreign_id: ' ' }));
    expect(failure.message).toMatch(/Fill in \*\*Channel ID\*\* or \*\*Email\*\*/);
    expect(h.calls()).toEqual([]);
  });
});

describe('Find Thread', () => {
  it('finds a customer’s threads, most recently active first', async () => {
    const found = await h.run<Array<{ id: string }>>(findThread, { identity_id: identities.david });
    expect(idsOf(found)).toEqual([threads.invoice]);
    expect(h.calls()).toEqual([`GET /content_threads?q=identity%3A${identities.david}&limit=5`]);
  });

  it('combines text and source', async () => {
    const found = await h.run<Array<{ id: string }>>(findThread, {
      text: 'delivery address',
      source_id: sources.messaging,
    });
    expect(idsOf(found)).toEqual([threads.addressChange]);
    const none = await h.run(findThread, { text: 'delivery address', source_id: sources.email });
    expect(none).toEqual([]);
  });
});

describe('Find Message', () => {
  it('finds the customer’s latest message in a thread, skipping the bot’s', async () => {
    const [found] = await h.run<Array<{ body: string; creator_id: null }>>(findMessage, {
      thread_id: threads.orderStatus,
    });
    expect(found).toMatchObject({ body: 'Great, thanks!', creator_id: null });
  });

  it('includes agents’ messages when asked', async () => {
    const [found] = await h.run<Array<{ body: string }>>(findMessage, {
      thread_id: threads.orderStatus,
      customer_only: 'no',
    });
    expect(found!.body).toBe("You're welcome! Anything else I can do for you?");
  });

  it('asks for a search value', async () => {
    const failure = await zapierFailure(h.run(findMessage, { source_id: sources.email }));
    expect(failure.message).toMatch(/^Fill in \*\*Thread ID\*\*/);
  });
});

describe('Find Intervention', () => {
  it('finds the open intervention of a thread and skips closed ones unless asked', async () => {
    expect(
      idsOf(await h.run<Array<{ id: string }>>(findIntervention, { thread_id: threads.invoice })),
    ).toEqual([interventions.invoice]);
    expect(await h.run(findIntervention, { thread_id: threads.orderStatus })).toEqual([]);
    const any = await h.run<Array<{ id: string }>>(findIntervention, {
      thread_id: threads.orderStatus,
      open_only: false,
    });
    expect(idsOf(any)).toEqual([interventions.orderStatus]);
  });
});
