import { RingCxClient } from '@ringcx-connectors/core';
import { SEED_IDS, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { botAnswer, checkOnRingCx, CUSTOMERS, waitFor, type Story } from '../story.ts';
import type { Transcript } from '../transcript.ts';

interface Output {
  id: string;
  [field: string]: unknown;
}

/**
 * The Zapier app, as built for upload, run through Zapier's app tester: the New Thread polling
 * trigger, then a Zap's steps (Find Message, Create Intervention, Reply to Message, Hand Over to a
 * Human on the path for customers who ask for a person, Close Intervention). Zapier's own part is
 * played here: it remembers the ids a poll returned and runs the Zap once per new one, each step
 * mapping fields from the steps before.
 */
export const zapierStory: Story = {
  platform: 'Zapier (app tester)',
  async run(sandbox, transcript) {
    const zap = await transcript.step(
      'Zapier loads the app as built for upload into its app tester',
      () => zapier(sandbox),
      (loaded) => `${loaded.operations} triggers, actions and searches`,
    );
    const seen = new Set<string>();
    await transcript.step(
      'the Zap is turned on: Zapier polls New Thread once to learn what already exists',
      async () => {
        for (const thread of await zap.trigger('new_thread')) seen.add(thread.id);
      },
      () => `${seen.size} threads remembered, no run`,
    );

    const ringcx = new RingCxClient({ baseUrl: sandbox.baseUrl, accessToken: sandbox.tokens.bot });
    for (const customer of CUSTOMERS) {
      const { thread } = sandbox.control.customerMessage({
        body: customer.message,
        author: { name: customer.name },
      });
      transcript.note(`${customer.name} opens a thread: “${customer.message}”`);
      const fresh = await transcript.step(
        'Zapier polls New Thread',
        () => waitFor(`a poll to find ${customer.name}'s thread`, () => newThreads(zap, seen)),
        (threads) => `${threads.length} new: ${threads.map((t) => t.id).join(', ')}`,
      );
      if (!fresh.some((found) => found.id === thread.id))
        throw new Error(`New Thread did not return ${customer.name}'s thread ${thread.id}`);
      let outcome = '';
      for (const found of fresh) {
        const result = await runZap(zap, transcript, found);
        if (found.id === thread.id) outcome = result;
      }
      await transcript.step(`checked on RingCX: ${outcome}`, () =>
        checkOnRingCx(ringcx, sandbox, {
          threadId: thread.id,
          botUserId: SEED_IDS.users.bot,
          handedOver: customer.wantsHuman,
        }),
      );
    }
    await transcript.step(
      'Zapier polls New Thread again',
      async () => {
        const again = (await zap.trigger('new_thread')).filter((found) => !seen.has(found.id));
        if (again.length > 0) throw new Error(`${again.length} threads would start the Zap again`);
      },
      () => 'nothing new, no run',
    );
  },
};

/** One Zap run for a new thread, step after step, each fed from the outputs before it. */
async function runZap(zap: Zapier, transcript: Transcript, thread: Output): Promise<string> {
  transcript.note(`Zapier: the Zap runs for thread ${thread.id}`);
  const [message] = await transcript.step(
    'Zap › Find Message (the thread’s customer message)',
    () => zap.search('find_message', { thread_id: thread.id }),
    (found) => (found[0] ? `“${String(found[0].body)}”` : 'none'),
  );
  if (!message) throw new Error(`Find Message found no customer message in thread ${thread.id}`);
  const intervention = await transcript.step(
    'Zap › Create Intervention',
    () => zap.create('create_intervention', { content_id: message.id }),
    (created) => `intervention ${created.id}`,
  );
  const answer = botAnswer(String(message.body ?? ''));
  await transcript.step(
    'Zap › Reply to Message',
    () => zap.create('reply_to_message', { content_id: message.id, body: answer.text }),
    () => `“${answer.text}”`,
  );
  // A Zap branches with Paths: this one only for the customer who asks for a person.
  if (answer.handOver) {
    await transcript.step(
      'Zap › path “asks for a person” › Hand Over to a Human',
      () =>
        zap.create('hand_over_to_human', {
          thread_id: thread.id,
          human_category_ids: [SEED_IDS.categories.human],
          bot_category_ids: [SEED_IDS.categories.bot],
        }),
      (result) => `categories now ${(result.thread_category_ids as string[]).join(', ')}`,
    );
  }
  await transcript.step(
    'Zap › Close Intervention',
    () => zap.create('close_intervention', { intervention_id: intervention.id }),
    (closed) => `intervention ${closed.id} ${closed.closed ? 'closed' : 'still open'}`,
  );
  return answer.handOver
    ? 'one reply, intervention closed, thread with the human team'
    : 'one reply, intervention closed';
}

/** The threads of one poll that Zapier has not seen yet, now remembered; undefined when none. */
async function newThreads(zap: Zapier, seen: Set<string>): Promise<Output[] | undefined> {
  const fresh = (await zap.trigger('new_thread')).filter((thread) => !seen.has(thread.id));
  for (const thread of fresh) seen.add(thread.id);
  return fresh.length > 0 ? fresh : undefined;
}

type Zapier = Awaited<ReturnType<typeof zapier>>;

/** The app's operations through the app tester, connected as the bot user. */
async function zapier(sandbox: RunningSandbox) {
  const { App, createAppTester } = await loadAppTester();
  const appTester = createAppTester(App);
  const authData = { base_url: sandbox.baseUrl, access_token: sandbox.tokens.bot };
  const run = (kind: 'triggers' | 'creates' | 'searches', key: string, inputData: object) => {
    const operation = App[kind][key];
    if (!operation) throw new Error(`The Zapier app has no ${kind.slice(0, -1)} "${key}"`);
    return appTester(operation.operation.perform, { authData, inputData });
  };
  return {
    operations: Object.keys({ ...App.triggers, ...App.creates, ...App.searches }).length,
    trigger: async (key: string) => (await run('triggers', key, {})) as Output[],
    search: async (key: string, inputData: object) => (await run('searches', key, inputData)) as Output[],
    create: async (key: string, inputData: object) => (await run('creates', key, inputData)) as Output,
  };
}

/**
 * The built app and Zapier's app tester, loaded as under a test runner, where the tester is meant to
 * run: elsewhere zapier-platform-core prints the process's memory use after every operation.
 */
async function loadAppTester() {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'test';
  try {
    const [{ default: App }, { createAppTester }] = await Promise.all([
      import('@ringcx-connectors/zapier'),
      import('zapier-platform-core'),
    ]);
    return { App, createAppTester };
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
