import type { RingCxClient, Thread } from '@ringcx-connectors/core';
import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { withRingCx } from '../client.ts';
import { categoriesField, idList, requiredText, threadId } from '../fields.ts';
import { thread } from '../records.ts';

function threadAction(options: {
  key: string;
  label: string;
  description: string;
  call: (client: RingCxClient, id: string) => Promise<Thread>;
  sample: Record<string, unknown>;
}) {
  return defineCreate({
    key: options.key,
    noun: 'Thread',
    display: { label: options.label, description: options.description },
    operation: {
      inputFields: [threadId],
      perform: (z: ZObject, bundle: Bundle) =>
        withRingCx(z, bundle, (client) => options.call(client, requiredText(bundle.inputData.thread_id))),
      sample: options.sample,
      outputFields: thread.outputFields,
    },
  });
}

// RingCX closes and opens threads in a background job: the thread returned may still show the old state.
export const closeThread = threadAction({
  key: 'close_thread',
  label: 'Close Thread',
  description:
    'Locks a conversation so nobody can reply until it is opened again. Works on sources that support it (email, Messenger, messaging…).',
  call: (client, id) => client.threads.close(id),
  sample: thread.sample,
});

export const openThread = threadAction({
  key: 'open_thread',
  label: 'Open Thread',
  description: 'Unlocks a closed conversation so agents and bots can reply again.',
  call: (client, id) => client.threads.open(id),
  sample: thread.sample,
});

type Mode = 'add' | 'remove' | 'replace';

/** The thread's own categories after the change; `add` and `remove` keep the others. */
export function nextCategories(current: readonly string[], given: readonly string[], mode: Mode): string[] {
  if (mode === 'replace') return [...given];
  if (mode === 'remove') return current.filter((id) => !given.includes(id));
  return [...new Set([...current, ...given])];
}

function isMode(value: unknown): value is Mode {
  return value === 'add' || value === 'remove' || value === 'replace';
}

async function updateCategories(z: ZObject, bundle: Bundle) {
  const input = bundle.inputData;
  const id = requiredText(input.thread_id);
  const given = idList(input.category_ids);
  const mode: Mode = isMode(input.mode) ? input.mode : 'add';
  if (mode === 'replace' && given.length === 0) {
    throw new z.errors.Error(
      'Categories is empty, and Replace would remove every category of the thread. Pick at least one category, or choose Remove.',
      'validation',
    );
  }
  return withRingCx(z, bundle, async (client) => {
    const current = mode === 'replace' ? [] : ((await client.threads.get(id)).thread_category_ids ?? []);
    return client.threads.updateCategories(id, nextCategories(current, given, mode));
  });
}

export const updateThreadCategories = defineCreate({
  key: 'update_thread_categories',
  noun: 'Thread',
  display: {
    label: 'Update Thread Categories',
    description:
      'Adds, removes or replaces the categories of a conversation. Routing follows categories, so this also moves it to other agents.',
  },
  operation: {
    inputFields: [
      threadId,
      categoriesField('category_ids', 'Categories', false, 'The categories to add, remove or set.'),
      {
        key: 'mode',
        label: 'Change',
        required: true,
        default: 'add',
        choices: [
          { value: 'add', sample: 'add', label: 'Add these categories (keep the others)' },
          { value: 'remove', sample: 'remove', label: 'Remove these categories' },
          { value: 'replace', sample: 'replace', label: 'Replace all categories with these' },
        ],
        helpText: 'Adding is the safe choice: the categories routing or other Zaps set stay in place.',
      },
    ],
    perform: updateCategories,
    sample: thread.sample,
    outputFields: thread.outputFields,
  },
});
