import { expect, it } from 'vitest';
import { storyOnSandbox } from '../testing.ts';
import { zapierStory } from './zapier.ts';

const runStory = storyOnSandbox(zapierStory);

it('runs the Zap once per new thread found by polling, and never for threads seen before', async () => {
  const { text } = await runStory();
  expect(text).toMatch(/✔ the Zap is turned on: .*: [1-9]\d* threads remembered, no run/);
  expect(text.match(/✔ Zapier polls New Thread: 1 new: \S+/g)).toHaveLength(2);
  expect(text.match(/the Zap runs for thread/g)).toHaveLength(2);
  expect(text).toMatch(/✔ Zapier polls New Thread again: nothing new, no run/);
});

it('answers each customer through the creates and hands over only the one who asks for a person', async () => {
  const { text } = await runStory();
  expect(text.match(/✔ Zap › Close Intervention: intervention \S+ closed/g)).toHaveLength(2);
  expect(
    text.match(/✔ Zap › path “asks for a person” › Hand Over to a Human: categories now \S+/g),
  ).toHaveLength(1);
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed \(/);
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed, thread with the human team/);
});
