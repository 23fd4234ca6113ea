import { startSandbox, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Transcript } from '../transcript.ts';
import { coreStory } from './core.ts';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ strictReplies: true, timeScale: 20 });
});
afterAll(() => sandbox.stop());

it('runs the customer story through the core client: one reply each, closed, handed over on request', async () => {
  const lines: string[] = [];
  const transcript = new Transcript(coreStory.platform, (line) => lines.push(line));
  await coreStory.run(sandbox, transcript);
  const text = lines.join('\n');
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed \(/);
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed, thread with the human team/);
  expect(transcript.steps).toBeGreaterThanOrEqual(14);
});
