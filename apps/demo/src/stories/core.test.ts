import { expect, it } from 'vitest';
import { storyOnSandbox } from '../testing.ts';
import { coreStory } from './core.ts';

const runStory = storyOnSandbox(coreStory);

it('runs the customer story through the core client: one reply each, closed, handed over on request', async () => {
  const { text, steps } = await runStory();
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed \(/);
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed, thread with the human team/);
  expect(steps).toBeGreaterThanOrEqual(14);
});
