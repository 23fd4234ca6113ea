import { handOverToHuman } from '@ringcx-connectors/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { categoriesField, idList, isTrue, requiredText, threadId } from '../fields.ts';
import { handOver } from '../records.ts';

async function perform(z: ZObject, bundle: Bundle) {
  const input = bundle.inputData;
  const threadIdValue = requiredText(input.thread_id);
  const result = await withRingCx(z, bundle, (client) =>
    handOverToHuman(client, {
      threadId: threadIdValue,
      humanCategoryIds: idList(input.human_category_ids),
      botCategoryIds: idList(input.bot_category_ids),
      requireAvailableAgent: isTrue(input.require_available_agent),
    }),
  );
  // Nobody to take it: stop this run without an error, so the next steps (e.g. "an agent will be
  // with you") are not sent; the thread stays with the bot.
  if (!result.handedOver) throw new z.errors.HaltedError(result.reason ?? 'The thread was not handed over.');
  return {
    id: threadIdValue,
    thread_id: threadIdValue,
    handed_over: result.handedOver,
    thread_category_ids: result.threadCategoryIds,
    available_agents: result.availableAgents ?? null,
    reason: result.reason ?? null,
  };
}

export default defineCreate({
  key: 'hand_over_to_human',
  noun: 'Hand-Over',
  display: {
    label: 'Hand Over to a Human',
    description:
      'Passes a conversation from a bot to human agents by swapping the thread’s bot categories for human ones, optionally only when an agent is available.',
  },
  operation: {
    inputFields: [
      threadId,
      categoriesField(
        'human_category_ids',
        'Human Categories',
        true,
        'Categories your human agents handle; they are added to the thread, and routing sends it to those agents.',
      ),
      categoriesField(
        'bot_category_ids',
        'Bot Categories',
        false,
        'Categories that route the thread to the bot; they are removed from the thread.',
      ),
      {
        key: 'require_available_agent',
        label: 'Only if an Agent Is Available',
        type: 'boolean',
        required: false,
        default: 'false',
        helpText:
          'Hand over only when at least one agent with a human category is available on the channel. If nobody is, the thread stays with the bot and this Zap run stops here (shown as halted, not as an error). Needs a token allowed to monitor agents.',
      },
    ],
    perform,
    sample: handOver.sample,
    outputFields: handOver.outputFields,
  },
});
