import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { describeWebhookState, RingCxClient } from '@ringcx-connectors/core';
import { DEFAULT_TOKEN_VALUES, startSandbox, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { runStory } from '../summary.ts';
import { ACCOUNT_PLATFORM, readAccount } from './account.ts';

const main = fileURLToPath(new URL('../main.ts', import.meta.url));
let sandbox: RunningSandbox;

beforeAll(async () => {
  sandbox = await startSandbox({});
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.control.reset());

async function readAs(token: string) {
  const lines: string[] = [];
  const ringcx = new RingCxClient({ baseUrl: sandbox.baseUrl, accessToken: token, retry: false });
  const outcome = await runStory(
    ACCOUNT_PLATFORM,
    (t) => readAccount(ringcx, t),
    (line) => lines.push(line),
  );
  return { outcome, text: stripVTControlCharacters(lines.join('\n')) };
}

/** Runs the demo as a user would, with only the given RingCX variables set. */
function demo(env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main],
      { env: { PATH: process.env.PATH, NO_COLOR: '1', ...env }, timeout: 20_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

it('reads the account with GET requests only, and never prints the token', async () => {
  const token = DEFAULT_TOKEN_VALUES.admin;
  const { outcome, text } = await readAs(token);
  expect(outcome).toMatchObject({ platform: ACCOUNT_PLATFORM, ok: true, steps: 8 });
  expect(text).toMatch(/✔ the token acts as: .+ \(.+@.+\)/);
  expect(text).toMatch(/✔ sources visible: \d+: /);
  expect(text).toMatch(/✔ latest customer message: “.+”/);
  expect(text).toMatch(/✔ agents connected: \d+/);
  const requests = sandbox.control.requests();
  expect(requests.length).toBeGreaterThanOrEqual(8);
  expect(requests.filter((r) => r.method !== 'GET')).toEqual([]);
  expect(text).not.toContain(token);
});

it('shows each webhook of the token with the sentence for its state', async () => {
  const admin = new RingCxClient({ baseUrl: sandbox.baseUrl, accessToken: DEFAULT_TOKEN_VALUES.admin });
  const webhook = await admin.webhooks.create({
    url: 'https://hooks.example.com/ringcx?key=private',
    registered_events: ['content.imported'],
    active: false,
  });
  const { text } = await readAs(DEFAULT_TOKEN_VALUES.admin);
  expect(text).toMatch(/✔ webhooks registered for this token: 1/);
  expect(text).toContain(
    `· webhook ${webhook.id} (hooks.example.com): ${describeWebhookState(webhook).message}`,
  );
  expect(text).not.toContain('private');
});

it('skips the agent status with the hint when the token may not see it', async () => {
  const { outcome, text } = await readAs(DEFAULT_TOKEN_VALUES.restricted);
  expect(outcome.ok).toBe(true);
  expect(text).toMatch(/– agents connected: skipped, .*monitor_tasks/);
});

it('fails with the hint and a non-zero exit for a wrong token, without printing it', async () => {
  const token = 'not-a-token-of-this-account';
  const { code, stdout } = await demo({ RINGCX_BASE_URL: sandbox.baseUrl, RINGCX_TOKEN: token });
  expect(code).toBe(1);
  expect(stdout).toContain(`Read-only run against the RingCX account at ${sandbox.baseUrl}`);
  expect(stdout).toMatch(/\| RingCX account \(read-only\) \| FAILED: .*401.*Check the access token/);
  expect(stdout).not.toContain(token);
  expect(sandbox.control.requests().filter((r) => r.method !== 'GET')).toEqual([]);
}, 30_000);

it('exits 2 with what to enter when the account name is wrong, before any request', async () => {
  const { code, stdout, stderr } = await demo({
    RINGCX_ACCOUNT: 'my account!',
    RINGCX_TOKEN: 'secret-token',
  });
  expect(code).toBe(2);
  expect(stderr).toMatch(/account.*"acme"/);
  expect(stdout + stderr).not.toContain('secret-token');
  expect(stdout).not.toContain('sandbox');
}, 30_000);
