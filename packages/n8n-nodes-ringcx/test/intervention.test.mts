import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRingCx } from './n8n-harness.mts';
import { botCredentials, read, SEED_IDS, startTestSandbox, type RunningSandbox } from './sandbox.mts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

function run(parameters: Record<string, unknown>) {
  return runRingCx({
    credentials: botCredentials(sandbox),
    parameters: { resource: 'intervention', ...parameters },
  });
}

async function createOn(body: string) {
  const message = sandbox.control.customerMessage({ body, source_id: SEED_IDS.sources.messaging }).content;
  const result = await run({ operation: 'create', messageId: message.id });
  expect(result.error).toBeUndefined();
  return { message, intervention: result.items[0]!.json as { id: string; content_id: string } };
}

describe('Intervention', () => {
  it('Create takes charge of a message; a second one on the thread fails with the API message', async () => {
    const { message, intervention } = await createOn('help');
    expect(intervention).toMatchObject({
      content_id: message.id,
      thread_id: message.thread_id,
      closed: false,
    });
    const again = await run({ operation: 'create', messageId: message.id });
    expect(again.error?.message).toMatch(/\S/);
    expect(again.error?.description).toMatch(
      /already open on this thread: look it up \(Intervention → Get Many, filtered by Thread ID\)/,
    );
  });

  it('Get and Get Many find it', async () => {
    const { message, intervention } = await createOn('find me');
    const got = await run({ operation: 'get', interventionId: intervention.id });
    expect(got.items[0]?.json.id).toBe(intervention.id);
    const many = await run({
      operation: 'getMany',
      returnAll: true,
      filters: { threadId: message.thread_id },
    });
    expect(many.items.map((item) => item.json.id)).toEqual([intervention.id]);
  });

  it('Close before any reply is refused with the way out; after a reply it closes', async () => {
    const { intervention } = await createOn('close me');
    const refused = await run({ operation: 'close', interventionId: intervention.id });
    expect(refused.error?.message).toMatch(/\S/);
    expect(refused.error?.description).toMatch(/reply first/);

    await runRingCx({
      credentials: botCredentials(sandbox),
      parameters: {
        resource: 'message',
        operation: 'reply',
        messageId: intervention.content_id,
        text: 'Done!',
      },
    });
    const closed = await run({ operation: 'close', interventionId: intervention.id });
    expect(closed.error).toBeUndefined();
    expect(closed.items[0]?.json).toMatchObject({ id: intervention.id });
    expect(await read(sandbox, `/interventions/${intervention.id}`)).toMatchObject({ closed: true });
  });

  it('Reassign and Update Categories', async () => {
    const { intervention } = await createOn('move me');
    const categorized = await run({
      operation: 'updateCategories',
      interventionId: intervention.id,
      categoryIds: [SEED_IDS.categories.billing],
    });
    expect(categorized.error).toBeUndefined();
    const reassigned = await run({
      operation: 'reassign',
      interventionId: intervention.id,
      userId: { mode: 'list', value: SEED_IDS.users.alice },
    });
    expect(reassigned.error).toBeUndefined();
    expect(await read(sandbox, `/interventions/${intervention.id}`)).toMatchObject({
      user_id: SEED_IDS.users.alice,
      category_ids: [SEED_IDS.categories.billing],
    });
  });

  it('Cancel drops an intervention nobody replied in', async () => {
    const { intervention } = await createOn('never mind');
    const cancelled = await run({ operation: 'cancel', interventionId: intervention.id });
    expect(cancelled.error).toBeUndefined();
    const gone = await run({ operation: 'get', interventionId: intervention.id });
    expect((gone.error as { httpCode?: string } | undefined)?.httpCode).toBe('404');
  });
});
