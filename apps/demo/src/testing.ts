import { stripVTControlCharacters } from 'node:util';
import { startSandbox, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll } from 'vitest';
import type { Story } from './story.ts';
import { Transcript } from './transcript.ts';

export interface StoryRun {
  /** The transcript as printed, without colours. */
  text: string;
  steps: number;
}

/**
 * Runs the story once for the test file, on a sandbox set up as the demo sets it up, and gives its
 * transcript to every test of the file (a failed story fails each of them with its error).
 */
export function storyOnSandbox(story: Story): () => Promise<StoryRun> {
  let sandbox: RunningSandbox | undefined;
  let run: Promise<StoryRun>;
  beforeAll(async () => {
    sandbox = await startSandbox({ strictReplies: true, timeScale: 20 });
    const lines: string[] = [];
    const transcript = new Transcript(story.platform, (line) => lines.push(line));
    run = story.run(sandbox, transcript).then(() => ({
      text: stripVTControlCharacters(lines.join('\n')),
      steps: transcript.steps,
    }));
    // Settled here, within the hook's timeout (the story waits up to 10 s for a step); read by the tests.
    await run.catch(() => {});
  }, 30_000);
  afterAll(() => sandbox?.stop());
  return () => run;
}
