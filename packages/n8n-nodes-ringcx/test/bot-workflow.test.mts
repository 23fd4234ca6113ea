import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runWorkflow, type WorkflowJson } from './n8n-harness.mts';
import { botCredentials, read, SEED_IDS, startTestSandbox, type RunningSandbox } from './sandbox.mts';
import { startTrigger } from './trigger-harness.mts';

const example = JSON.parse(
  readFileSync(new URL('../examples/bot-workflow.json', import.meta.url), 'utf8'),
) as WorkflowJson;

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(() => sandbox.stop());

it('the shipped bot workflow answers a new conversation: trigger → Create Intervention → Reply → Close', async () => {
  const triggerNode = example.nodes.find((node) => node.name === 'RingCX Trigger')!;
  const trigger = await startTrigger({
    credentials: botCredentials(sandbox),
    parameters: triggerNode.parameters,
  });
  try {
    await trigger.create();
    await sandbox.control.settle();
    const message = sandbox.control.customerMessage({
      body: 'Do you ship to Lyon?',
      source_id: SEED_IDS.sources.messaging,
    }).content;
    await sandbox.control.settle();
    expect(trigger.runs).toHaveLength(1);

    const run = await runWorkflow(example, {
      credentials: botCredentials(sandbox),
      startNode: 'RingCX Trigger',
      triggerItems: trigger.runs[0]!,
    });
    expect(run.data.resultData.error).toBeUndefined();
    expect(run.status).toBe('success');

    const interventions = await read<{ records: Array<{ id: string; closed: boolean }> }>(
      sandbox,
      `/interventions?thread_id=${message.thread_id}`,
    );
    expect(interventions.records).toEqual([expect.objectContaining({ closed: true })]);
    const replies = await read<{
      records: Array<{ body: string; creator_id: string; private_message: boolean }>;
    }>(sandbox, `/contents?q=${encodeURIComponent(`thread:${message.thread_id} status_in:user_reply`)}`);
    expect(replies.records).toEqual([
      expect.objectContaining({ creator_id: SEED_IDS.users.bot, private_message: true }),
    ]);
    expect(replies.records[0]!.body).toContain('Do you ship to Lyon?');
  } finally {
    await trigger.delete();
    await trigger.close();
  }
});
