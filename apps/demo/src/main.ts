import { RingCxClient } from '@ringcx-connectors/core';
import { startSandbox } from '@ringcx-connectors/sandbox';
import { connectionFromEnv, type AccountConnection } from './connection.ts';
import type { Story } from './story.ts';
import { ACCOUNT_PLATFORM, readAccount } from './stories/account.ts';
import { coreStory } from './stories/core.ts';
import { n8nStory } from './stories/n8n.ts';
import { nodeRedStory } from './stories/node-red.ts';
import { zapierStory } from './stories/zapier.ts';
import { formatSummary, runStory, type Outcome } from './summary.ts';

/**
 * The main job: start the sandbox with its seeded data, run the customer story once per platform, print
 * a transcript of each and a summary table. With a real account's settings in the environment, it
 * reads that account instead and writes nothing. Exits non-zero when any story fails, 2 when the
 * account settings are wrong.
 */
// The core client first, then each connector in its own runtime.
const stories: Story[] = [coreStory, n8nStory, nodeRedStory, zapierStory];

let connection: AccountConnection | undefined;
try {
  connection = connectionFromEnv();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}

const results = connection ? [await onAccount(connection)] : await onSandbox();
process.stdout.write(formatSummary(results));
process.exitCode = results.every((r) => r.ok) ? 0 : 1;

async function onAccount({ baseUrl, settings }: AccountConnection): Promise<Outcome> {
  process.stdout.write(
    `Read-only run against the RingCX account at ${baseUrl}: nothing is written, no sandbox\n`,
  );
  const ringcx = new RingCxClient(settings);
  return runStory(ACCOUNT_PLATFORM, (transcript) => readAccount(ringcx, transcript));
}

async function onSandbox(): Promise<Outcome[]> {
  const sandbox = await startSandbox({ strictReplies: true, timeScale: 20 });
  process.stdout.write(
    `RingCX sandbox on ${sandbox.baseUrl} (seeded data, replies need an open intervention)\n`,
  );
  const outcomes: Outcome[] = [];
  try {
    for (const story of stories) {
      await sandbox.control.reset();
      outcomes.push(await runStory(story.platform, (transcript) => story.run(sandbox, transcript)));
    }
  } finally {
    await sandbox.stop();
  }
  return outcomes;
}
