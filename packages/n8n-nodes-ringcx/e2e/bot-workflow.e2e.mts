import { SEED_IDS, startSandbox, type RunningSandbox } from '@ringcx-connectors/sandbox';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  importBotExample,
  n8nCommand,
  prepareUserFolder,
  startN8n,
  waitFor,
  type N8nServer,
} from './n8n-server.mts';

const WORKFLOW_ID = 'ringcxE2eBot0001';
const CREDENTIAL_ID = 'ringcxE2eCred001';

let sandbox: RunningSandbox | undefined;
let userFolder: { folder: string; remove(): void } | undefined;
let n8n: N8nServer | undefined;

/** Reads the sandbox through its API; webhooks are listed per access token, hence the choice. */
async function read<T>(path: string, token: 'admin' | 'bot' = 'admin'): Promise<T> {
  const response = await fetch(`${sandbox!.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${sandbox!.tokens[token]}` },
  });
  return (await response.json()) as T;
}

beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: 0 });
  userFolder = await prepareUserFolder();
  const { folder } = userFolder;

  await importBotExample(folder, sandbox, { workflow: WORKFLOW_ID, credential: CREDENTIAL_ID });
  await n8nCommand(folder, ['publish:workflow', `--id=${WORKFLOW_ID}`]);

  n8n = await startN8n(folder, 30_000);
});

afterAll(async () => {
  await n8n?.stop();
  userFolder?.remove();
  await sandbox?.stop();
});

it('a real n8n with the installed package answers a customer: trigger → Create Intervention → Reply → Close', async () => {
  const server = n8n!;
  // Activation registers the trigger's webhook on the sandbox, which checks it with a handshake.
  await waitFor(
    async () => {
      const webhooks = await read<{ records: Array<{ url: string; active: boolean }> }>('/webhooks', 'bot');
      return webhooks.records.some((webhook) => webhook.url.startsWith(server.url) && webhook.active);
    },
    20_000,
    'the trigger to register its webhook on the sandbox',
    server,
  );

  const message = sandbox!.control.customerMessage({
    body: 'Do you ship to Lyon?',
    source_id: SEED_IDS.sources.messaging,
  }).content;

  type Intervention = { id: string; closed: boolean };
  let interventions: Intervention[] = [];
  await waitFor(
    async () => {
      interventions = (
        await read<{ records: Intervention[] }>(`/interventions?thread_id=${message.thread_id}`)
      ).records;
      return interventions.some((intervention) => intervention.closed);
    },
    30_000,
    'the workflow to close the intervention it created',
    server,
  );
  expect(interventions).toEqual([expect.objectContaining({ closed: true })]);

  const replies = await read<{
    records: Array<{ body: string; creator_id: string; in_reply_to_id: string }>;
  }>(`/contents?q=${encodeURIComponent(`thread:${message.thread_id} status_in:user_reply`)}`);
  expect(replies.records).toEqual([
    expect.objectContaining({ in_reply_to_id: message.id, creator_id: SEED_IDS.users.bot }),
  ]);
  expect(replies.records[0]!.body).toContain('Do you ship to Lyon?');
});
