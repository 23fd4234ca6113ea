import { beforeEach, describe, expect, it } from 'vitest';
import { SEED_IDS } from '../seed.ts';
import { useSandbox } from '../test-helpers.ts';

const sandbox = useSandbox();
beforeEach(() => sandbox().control.reset());

const S = SEED_IDS;

async function engage() {
  const { content } = sandbox().control.customerMessage({ body: 'Hi bot' });
  const engaged = await sandbox().call('POST', '/bots/engage', {
    as: 'bot',
    form: { content_id: content.id },
  });
  expect(engaged.status).toBe(200);
  return { content, intervention: engaged.body };
}

describe('bots', () => {
  it('engage opens an intervention as the bot; 422 when one is open', async () => {
    const { content, intervention } = await engage();
    expect(intervention).toMatchObject({ user_id: S.users.bot, content_id: content.id, closed: false });
    const again = await sandbox().call('POST', '/bots/engage', {
      as: 'bot',
      form: { content_id: content.id },
    });
    expect(again.status).toBe(422);
  });

  it('complete closes the intervention (no reply needed), adds thread categories and can lock the thread', async () => {
    const { content, intervention } = await engage();
    const completed = await sandbox().call('POST', '/bots/complete', {
      as: 'bot',
      json: {
        intervention_id: intervention.id,
        close_thread: true,
        thread_category_ids: [S.categories.sales],
      },
    });
    expect(completed.status).toBe(200);
    expect(completed.body).toEqual({ status: '200', message: 'Success' });
    await sandbox().control.settle();
    const thread = await sandbox().call('GET', `/content_threads/${content.thread_id}`);
    expect(thread.body).toMatchObject({
      closed: true,
      thread_category_ids: [S.categories.bot, S.categories.sales],
    });
    expect((await sandbox().call('GET', `/interventions/${intervention.id}`)).body.closed).toBe(true);
    const twice = await sandbox().call('POST', '/bots/complete', {
      as: 'bot',
      json: { intervention_id: intervention.id },
    });
    expect(twice.status).toBe(422);
  });

  it('handover to an agent recategorizes the thread and gives the intervention to an available agent', async () => {
    const { content, intervention } = await engage();
    const handed = await sandbox().call('POST', '/bots/handover', {
      as: 'bot',
      form: {
        from: 'bot',
        to: 'agent',
        type: 'engage_virtual_agent',
        intervention_id: intervention.id,
        'thread_category_ids[]': [S.categories.human],
      },
    });
    expect(handed.status).toBe(200);
    expect(handed.body.status).toBe('200');
    // Alice is the human agent with the category who is available on the Realtime channel.
    expect((await sandbox().call('GET', `/interventions/${intervention.id}`)).body.user_id).toBe(
      S.users.alice,
    );
    expect(
      (await sandbox().call('GET', `/content_threads/${content.thread_id}`)).body.thread_category_ids,
    ).toEqual([S.categories.human]);
    const types = sandbox()
      .control.events()
      .map((event) => event.type);
    expect(types.slice(-2)).toEqual(['intervention.user_updated', 'intervention.assigned']);
    // The next customer message carries the human category, so a bot filtering on its own stays silent.
    sandbox().control.customerMessage({ body: 'Thanks', thread_id: content.thread_id });
    expect(sandbox().control.events().at(-1)!.resource.metadata.category_ids).toEqual([S.categories.human]);
  });

  it('handover validates its parameters', async () => {
    const call = (form: Record<string, string>) =>
      sandbox().call('POST', '/bots/handover', { as: 'bot', form });
    expect((await call({ from: 'bot', to: 'agent' })).status).toBe(422);
    expect((await call({ from: 'bot', to: 'bot', type: 'engage_virtual_agent' })).status).toBe(422);
    expect((await call({ from: 'robot', to: 'agent', type: 'engage_virtual_agent' })).status).toBe(400);
    const messenger = await call({ from: 'bot', to: 'agent', type: 'messenger', identity_foreign_id: '42' });
    expect(messenger.body.error).toBe('handover_not_supported');
  });
});
