import { RingCxClient } from '@ringcx-connectors/core';
import { SEED_IDS, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { startNodeRed, type FlowNode, type NodeEvent, type NodeRedRuntime } from '../runtimes/node-red.ts';
import { assertWebhookActive, checkOnRingCx, CUSTOMERS, waitFor, type Story } from '../story.ts';
import type { Transcript } from '../transcript.ts';

const EXAMPLE = 'Bot - answer, hand over or close';

/** How a customer's message left the flow: through its end, or failed in a node. */
type Outcome = { handedOver: boolean } | { error: Error };

/**
 * The bot flow the Node-RED package ships (`examples/`), imported into a Node-RED runtime that has the
 * package installed, as a user imports it: its trigger registers a RingCX webhook on the runtime's URL,
 * and every new customer message goes through the flow: a customer asking for a person is handed over
 * to the human team; anyone else gets an intervention, a reply, and the intervention closed.
 */
export const nodeRedStory: Story = {
  platform: 'Node-RED (shipped example flow)',
  async run(sandbox, transcript) {
    const ringcx = new RingCxClient({ baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.bot });
    const red = await transcript.step(
      'Node-RED starts with the package in its user directory',
      () => startNodeRed(),
      (runtime) => runtime.nodeTypes.join(', '),
    );
    try {
      const example = await transcript.step(
        `Node-RED imports the example “${EXAMPLE}”`,
        () => red.example(EXAMPLE),
        (flow) => `${flow.length} nodes`,
      );
      const { flow, credentials, webhookUrl } = filledIn(example, sandbox, red);
      transcript.note(
        `filled in as a user would: the connection's base URL (the sandbox), access token and public URL (${red.url}), and the hand-over node's bot and human categories`,
      );

      const outcomes = new Map<string, Outcome>();
      red.onNode((event) => narrate(transcript, event, outcomes));
      const webhook = await transcript.step(
        'Node-RED deploys the flow: its trigger registers a RingCX webhook',
        async () => {
          await red.deploy(flow, credentials);
          return await waitFor('the trigger to register its webhook', async () =>
            (await ringcx.webhooks.list()).records.find((found) => found.url === webhookUrl),
          );
        },
        (registered) => `${registered.registered_events.join(', ')} to ${registered.url}`,
      );
      await transcript.step('RingCX verifies the URL (hub.challenge handshake)', () =>
        assertWebhookActive(ringcx, sandbox, webhook.id),
      );
      sandbox.control.configureWebhooks({ duplicateRate: 1 });
      transcript.note('RingCX is set to deliver every event twice (at-least-once delivery)');

      for (const customer of CUSTOMERS) {
        const { thread } = sandbox.control.customerMessage({
          body: customer.message,
          author: { name: customer.name },
        });
        transcript.note(`${customer.name} opens a thread: “${customer.message}”`);
        const outcome = await waitFor(`the flow to handle ${customer.name}'s thread`, () => {
          const result = outcomes.get(thread.id);
          if (result && 'error' in result) throw result.error;
          return result;
        });
        // The example hands over without a word: the human team answers that customer.
        await transcript.step(
          `checked on RingCX: ${outcome.handedOver ? 'no bot reply, no intervention, thread with the human team' : 'one reply, intervention closed'}`,
          () =>
            checkOnRingCx(ringcx, sandbox, {
              threadId: thread.id,
              botUserId: SEED_IDS.users.bot,
              handedOver: customer.wantsHuman,
              botReplies: outcome.handedOver ? 0 : 1,
            }),
        );
      }

      await transcript.step('the flow is removed: its trigger deletes the webhook', async () => {
        await red.deploy([], {});
        await waitFor('the trigger to delete its webhook', async () =>
          (await ringcx.webhooks.list()).records.length === 0 ? true : undefined,
        );
      });
    } finally {
      await red.close();
    }
  },
};

/**
 * The example with what its comment asks the user to fill in: the connection pointed at the sandbox
 * (base URL, the bot's token) with the runtime's own address as its public URL, where the sandbox's
 * deliveries reach it, and the categories the hand-over swaps.
 */
function filledIn(example: FlowNode[], sandbox: RunningSandbox, red: NodeRedRuntime) {
  const connection = example.find((node) => node.type === 'ringcx-config');
  const trigger = example.find((node) => node.type === 'ringcx-trigger');
  if (!connection || !trigger) throw new Error(`The example “${EXAMPLE}” lost its connection or trigger`);
  const flow = example.map((node) => {
    if (node === connection) return { ...node, account: '', baseUrl: sandbox.baseUrl, publicUrl: red.url };
    if (node.type === 'ringcx-thread' && node.operation === 'handover') {
      return {
        ...node,
        botCategoryIds: SEED_IDS.categories.bot,
        humanCategoryIds: SEED_IDS.categories.human,
      };
    }
    return node;
  });
  return {
    flow,
    credentials: { [connection.id]: { accessToken: sandbox.tokens.bot } },
    webhookUrl: `${red.url}${String(trigger.path)}`,
  };
}

/**
 * One transcript line per message through a node, with Node-RED's time from receiving it to done.
 * A debug node at the end of the flow settles the customer's outcome; a failing node settles it too.
 */
function narrate(transcript: Transcript, event: NodeEvent, outcomes: Map<string, Outcome>): void {
  const ringcxIds = (event.msg.ringcx ?? {}) as { threadId?: string; contentId?: string };
  const threadId = ringcxIds.threadId ?? '';
  if (event.kind === 'fired') {
    const type = (event.msg.event as { type?: string } | undefined)?.type;
    transcript.note(
      `Node-RED › ${event.node.label} fires (${type} for message ${ringcxIds.contentId}, thread ${threadId})`,
    );
    return;
  }
  if (event.node.type === 'catch') return; // its error was printed by the node that failed
  const error = event.kind === 'done' ? event.error : undefined;
  transcript.record(`Node-RED › ${event.node.label}${describe(event)}`, event.durationMs, error);
  if (error !== undefined) {
    const message = error instanceof Error ? error.message : String(error);
    outcomes.set(threadId, { error: new Error(`${event.node.label} failed: ${message}`) });
  } else if (event.kind === 'done' && event.node.type === 'debug' && !outcomes.has(threadId)) {
    const payload = event.msg.payload as { handedOver?: unknown } | undefined;
    outcomes.set(threadId, { handedOver: payload?.handedOver === true });
  }
}

/** A few words on what the node did with the message. */
function describe(event: NodeEvent & { kind: 'passed' | 'done' }): string {
  if (event.kind === 'done' && event.error !== undefined) return '';
  const { msg, node } = event;
  const config = node.config;
  const payload = (msg.payload ?? {}) as Record<string, unknown>;
  switch ([config?.type, config?.operation].filter(Boolean).join(' ')) {
    case 'switch': {
      const rules = (config?.rules ?? []) as { t: string; v?: string }[];
      if (event.kind !== 'passed') return '';
      return event.ports
        .map((port) => {
          const rule = rules[port];
          return `: output ${port + 1} (${rule?.t === 'else' ? 'otherwise' : `${rule?.t} “${rule?.v}”`})`;
        })
        .join('');
    }
    case 'ringcx-intervention create':
      return `: intervention ${String((msg.ringcx as { interventionId?: string }).interventionId)} open`;
    case 'ringcx-message reply':
      return `: “${String(payload.body)}”`;
    case 'ringcx-intervention close':
      return `: intervention ${String(payload.id)} ${payload.closed ? 'closed' : 'still open'}`;
    case 'ringcx-thread handover':
      return payload.handedOver
        ? `: categories now ${(payload.threadCategoryIds as string[]).join(', ')}`
        : `: not handed over (${String(payload.reason)})`;
    case 'debug':
      return ': msg shown in the debug sidebar';
    default:
      return '';
  }
}
