import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRingCx } from './n8n-harness.mts';
import { botCredentials, read, SEED_IDS, startTestSandbox, type RunningSandbox } from './sandbox.mts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

function run(parameters: Record<string, unknown>) {
  return runRingCx({ credentials: botCredentials(sandbox), parameters: { resource: 'bot', ...parameters } });
}

async function engaged(body: string) {
  const message = sandbox.control.customerMessage({ body, source_id: SEED_IDS.sources.messaging }).content;
  const result = await run({ operation: 'engage', messageId: message.id });
  expect(result.error).toBeUndefined();
  return { message, intervention: result.items[0]!.json as { id: string; user_id: string } };
}

describe('Bot', () => {
  it('Engage opens an intervention on the message as the bot', async () => {
    const { message, intervention } = await engaged('hi bot');
    expect(intervention).toMatchObject({ content_id: message.id, user_id: SEED_IDS.users.bot });
  });

  it('Complete closes the intervention, adds thread categories and can lock the thread', async () => {
    const { message, intervention } = await engaged('thanks, solved');
    const result = await run({
      operation: 'complete',
      interventionId: intervention.id,
      options: { closeThread: true, threadCategoryIds: [SEED_IDS.categories.sales] },
    });
    expect(result.error).toBeUndefined();
    await sandbox.control.settle();
    expect(await read(sandbox, `/interventions/${intervention.id}`)).toMatchObject({ closed: true });
    const thread = await read<{ closed: boolean; thread_category_ids: string[] }>(
      sandbox,
      `/content_threads/${message.thread_id}`,
    );
    expect(thread.closed).toBe(true);
    expect(thread.thread_category_ids).toContain(SEED_IDS.categories.sales);
  });

  it('Hand Over gives the conversation to an available human agent', async () => {
    const { message, intervention } = await engaged('talk to a person');
    const result = await run({
      operation: 'handOver',
      direction: 'bot:agent',
      type: 'engage_virtual_agent',
      options: { interventionId: intervention.id, threadCategoryIds: [SEED_IDS.categories.human], appId: '' },
    });
    expect(result.error).toBeUndefined();
    expect(result.items[0]?.json.status).toBe('200');
    await sandbox.control.settle();
    const thread = await read<{ thread_category_ids: string[] }>(
      sandbox,
      `/content_threads/${message.thread_id}`,
    );
    expect(thread.thread_category_ids).toEqual([SEED_IDS.categories.human]);
  });
});
