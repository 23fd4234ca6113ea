import { expect, it } from 'vitest';
import { storyOnSandbox } from '../testing.ts';
import { n8nStory } from './n8n.ts';

const runStory = storyOnSandbox(n8nStory);

it('runs the shipped n8n workflow once per new thread, though RingCX delivers every event twice', async () => {
  const { text } = await runStory();
  expect(text.match(/the RingCX Trigger fires/g)).toHaveLength(2);
  for (const node of ['Create Intervention', 'Reply to Message', 'Close Intervention']) {
    expect(text.match(new RegExp(`✔ n8n › ${node}`, 'g'))).toHaveLength(2);
  }
  expect(text).toMatch(
    /✔ n8n › Reply to Message: “Hi! Thanks for your message: "Hi! Where is my order #1042\?/,
  );
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed \(/);
});

it('hands the customer who asks for a person over with the Hand Over operation, after the example', async () => {
  const { text } = await runStory();
  expect(text.match(/✔ n8n › Hand Over to a Human: categories now \S+/g)).toHaveLength(1);
  expect(text.indexOf('Hugo Petit opens a thread')).toBeLessThan(text.indexOf('n8n › Hand Over to a Human'));
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed, thread with the human team/);
});
