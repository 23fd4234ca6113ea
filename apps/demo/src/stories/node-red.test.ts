import { SEED_IDS } from '@ringcx-connectors/sandbox';
import { expect, it } from 'vitest';
import { storyOnSandbox } from '../testing.ts';
import { nodeRedStory } from './node-red.ts';

const runStory = storyOnSandbox(nodeRedStory);

it('runs the shipped example flow once per customer message, though RingCX delivers every event twice', async () => {
  const { text } = await runStory();
  expect(text).toMatch(
    /✔ Node-RED starts with the package in its user directory: ringcx-config, ringcx-trigger/,
  );
  expect(text.match(/ringcx-trigger “New customer message” fires/g)).toHaveLength(2);
  expect(text.match(/✔ Node-RED › switch “asks for a human\?”/g)).toHaveLength(2);
  expect(text).toMatch(/✔ Node-RED › switch “asks for a human\?”: output 2 \(otherwise\)/);
  for (const node of ['ringcx-intervention create', 'ringcx-message reply', 'ringcx-intervention close']) {
    expect(text.match(new RegExp(`✔ Node-RED › ${node}`, 'g'))).toHaveLength(1);
  }
  expect(text).toMatch(
    /✔ Node-RED › ringcx-message reply: “Thanks! We received: Hi! Where is my order #1042\?/,
  );
  expect(text).toMatch(/✔ checked on RingCX: one reply, intervention closed \(/);
});

it('hands the customer who asks for a person over to the human team, without a bot reply', async () => {
  const { text } = await runStory();
  const handOver = text.indexOf(
    `✔ Node-RED › ringcx-thread handover: categories now ${SEED_IDS.categories.human}`,
  );
  expect(handOver).toBeGreaterThan(text.indexOf('Hugo Petit opens a thread'));
  expect(text).toMatch(/✔ Node-RED › switch “asks for a human\?”: output 1 \(regex “human\|agent\|person”\)/);
  expect(text).toMatch(/✔ checked on RingCX: no bot reply, no intervention, thread with the human team/);
});

it('removes its RingCX webhook when the flow is removed', async () => {
  const { text } = await runStory();
  expect(text).toMatch(
    /✔ Node-RED deploys the flow: its trigger registers a RingCX webhook: content\.imported to http:\/\/127\.0\.0\.1:\d+\/ringcx\/bot/,
  );
  expect(text).toMatch(/✔ the flow is removed: its trigger deletes the webhook/);
});
