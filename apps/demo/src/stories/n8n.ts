import { RingCxClient } from '@ringcx-connectors/core';
import { SEED_IDS } from '@ringcx-connectors/sandbox';
import type { IDataObject, INodeExecutionData, ITaskData } from 'n8n-workflow';
import { startN8n, type N8nRuntime, type WorkflowJson } from '../runtimes/n8n.ts';
import { assertWebhookActive, botAnswer, checkOnRingCx, CUSTOMERS, waitFor, type Story } from '../story.ts';
import type { Transcript } from '../transcript.ts';

const HAND_OVER = 'Hand Over to a Human';

/**
 * The workflow the n8n package ships (`examples/bot-workflow.json`: RingCX Trigger → Create
 * Intervention → Reply to Message → Close Intervention), loaded and run by n8n's engine. Its trigger
 * registers a RingCX webhook on the URL n8n serves it at; every delivery then runs the workflow.
 */
export const n8nStory: Story = {
  platform: 'n8n (shipped example workflow)',
  async run(sandbox, transcript) {
    const ringcx = new RingCxClient({ baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.bot });
    const n8n = await transcript.step(
      'n8n loads the installed community package',
      () => startN8n({ host: 'custom', baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.bot }),
      (runtime) => runtime.nodeTypes.map((type) => type.split('.').pop()).join(', '),
    );
    try {
      const example = n8n.example('bot-workflow.json');
      const handOver = handOverWorkflow(example);
      const outcomes = new Map<string, { done?: string; error?: unknown }>();
      const onTrigger = (items: INodeExecutionData[]) => {
        for (const item of items) {
          const threadId = String(metadataOf(item.json).thread_id);
          void runBot(n8n, transcript, { example, handOver }, item).then(
            (done) => outcomes.set(threadId, { done }),
            (error: unknown) => outcomes.set(threadId, { error }),
          );
        }
      };
      const active = await transcript.step(
        `n8n activates “${example.name}”: its RingCX Trigger subscribes to New Thread`,
        () => n8n.activate(example, onTrigger),
        (workflow) => `webhook served at ${workflow.webhookUrl}`,
      );
      try {
        await transcript.step('RingCX verifies the URL (hub.challenge handshake)', () =>
          assertWebhookActive(ringcx, sandbox, active.webhookId),
        );
        sandbox.control.configureWebhooks({ duplicateRate: 1 });
        transcript.note('RingCX is set to deliver every event twice (at-least-once delivery)');
        transcript.note(
          `the example has no hand-over step: a customer who asks for a person is then passed on by a second workflow, “${handOver.name}” (RingCX Trigger → RingCX › Thread › ${HAND_OVER}), run on the same trigger item`,
        );

        for (const customer of CUSTOMERS) {
          const { thread } = sandbox.control.customerMessage({
            body: customer.message,
            author: { name: customer.name },
          });
          transcript.note(`${customer.name} opens a thread: “${customer.message}”`);
          const outcome = await waitFor(`n8n to handle ${customer.name}'s thread`, () => {
            const result = outcomes.get(thread.id);
            if (result?.error !== undefined) throw result.error;
            return result?.done;
          });
          await transcript.step(`checked on RingCX: ${outcome}`, () =>
            checkOnRingCx(ringcx, sandbox, {
              threadId: thread.id,
              botUserId: SEED_IDS.users.bot,
              handedOver: customer.wantsHuman,
            }),
          );
        }
      } finally {
        await active.deactivate();
      }
    } finally {
      await n8n.close();
    }
  },
};

/** What n8n does for one trigger item: the example workflow, then the hand-over workflow if asked. */
async function runBot(
  n8n: N8nRuntime,
  transcript: Transcript,
  workflows: { example: WorkflowJson; handOver: WorkflowJson },
  item: INodeExecutionData,
): Promise<string> {
  const event = item.json as { type?: string; resource?: { id?: string } };
  transcript.note(
    `n8n: the RingCX Trigger fires (${event.type} for message ${event.resource?.id}) and runs “${workflows.example.name}”`,
  );
  await execute(n8n, transcript, workflows.example, [item]);
  // Where an n8n user would put an If node: the story's rule for who wants a person.
  if (!botAnswer(String(metadataOf(item.json).body ?? '')).handOver) return 'one reply, intervention closed';
  transcript.note(
    `n8n: the customer asks for a person, so “${workflows.handOver.name}” runs on the same item`,
  );
  await execute(n8n, transcript, workflows.handOver, [item]);
  return 'one reply, intervention closed, thread with the human team';
}

/** Runs a workflow, printing each node as it finishes with n8n's own timing of it. */
async function execute(
  n8n: N8nRuntime,
  transcript: Transcript,
  workflow: WorkflowJson,
  items: INodeExecutionData[],
): Promise<void> {
  const run = await n8n.run(workflow, items, (node, task) =>
    transcript.record(`n8n › ${node}${describeOutput(task)}`, task.executionTime, task.error),
  );
  const error = run.data.resultData.error;
  if (error) throw new Error(`“${workflow.name}” failed: ${error.message}`);
}

/** A few words on what a node returned: the first item's id, text or categories. */
function describeOutput(task: ITaskData): string {
  const json = task.data?.main?.[0]?.[0]?.json;
  if (!json || task.error) return '';
  if (typeof json.type === 'string' && json.resource) return `: ${json.type} event`;
  if (Array.isArray(json.threadCategoryIds)) return `: categories now ${json.threadCategoryIds.join(', ')}`;
  if (typeof json.body === 'string') return `: “${json.body}”`;
  if (typeof json.closed === 'boolean')
    return `: intervention ${String(json.id)} ${json.closed ? 'closed' : 'open'}`;
  return '';
}

/**
 * A second workflow with the example's trigger and one RingCX node, Thread › Hand Over to a Human,
 * swapping the bot category for the human one.
 */
function handOverWorkflow(example: WorkflowJson): WorkflowJson {
  const trigger = example.nodes.find((node) => node.webhookId)!;
  const action = example.nodes.find((node) => node !== trigger)!;
  return {
    name: 'Hand over on request',
    nodes: [
      trigger,
      {
        id: 'hand-over',
        name: HAND_OVER,
        type: action.type,
        typeVersion: action.typeVersion,
        position: [240, 0],
        parameters: {
          resource: 'thread',
          operation: 'handOver',
          threadId: { __rl: true, mode: 'id', value: '={{ $json.resource.metadata.thread_id }}' },
          humanCategoryIds: [SEED_IDS.categories.human],
          botCategoryIds: [SEED_IDS.categories.bot],
        },
        credentials: action.credentials,
      },
    ],
    connections: { [trigger.name]: { main: [[{ node: HAND_OVER, type: 'main', index: 0 }]] } },
  };
}

function metadataOf(json: IDataObject): IDataObject {
  return ((json.resource as IDataObject | undefined)?.metadata as IDataObject | undefined) ?? {};
}
