import {
  describeWebhookState,
  isRingCxError,
  sampleCustomerMessages,
  type RingCxClient,
  type User,
} from '@ringcx-connectors/core';
import type { Transcript } from '../transcript.ts';

export const ACCOUNT_PLATFORM = 'RingCX account (read-only)';

/** How many names a step shows. */
const FEW = 3;

/**
 * What the connectors would see on a real account, read without changing anything: every call is a
 * GET. The agent status needs a permission many tokens lack, so its refusal is a skipped step.
 */
export async function readAccount(ringcx: RingCxClient, transcript: Transcript): Promise<void> {
  await transcript.step('the token acts as', () => ringcx.users.me(), userName);
  await transcript.step(
    'sources visible',
    () => ringcx.sources.list({ limit: FEW }),
    (page) =>
      counted(
        page.count,
        page.records.map((s) => s.name),
      ),
  );
  await transcript.step(
    'latest threads',
    () => ringcx.threads.list({ limit: FEW }),
    (page) =>
      counted(
        page.count,
        page.records.map((t) => quote(t.title ?? '(untitled)')),
      ),
  );
  await transcript.step(
    'latest customer message',
    () => sampleCustomerMessages(ringcx),
    ([message]) =>
      message ? `${quote(message.body ?? '')} at ${message.created_at}` : 'none in the latest pages',
  );
  await transcript.step(
    'open interventions',
    () => ringcx.interventions.list({ status: 'opened', limit: 1 }),
    (page) => String(page.count),
  );
  await transcript.step(
    'categories',
    () => ringcx.categories.list({ limit: FEW }),
    (page) =>
      counted(
        page.count,
        page.records.map((c) => c.name),
      ),
  );
  await transcript.stepOrSkip(
    'agents connected',
    () => ringcx.agentStatus.list(),
    (agents) => String(agents.length),
    (error) =>
      isRingCxError(error) && error.kind === 'permission' ? (error.hint ?? error.message) : undefined,
  );
  const webhooks = await transcript.step(
    'webhooks registered for this token',
    () => ringcx.webhooks.iterate().toArray(),
    (list) => String(list.length),
  );
  for (const webhook of webhooks)
    transcript.note(
      `webhook ${webhook.id} (${hostOf(webhook.url)}): ${describeWebhookState(webhook).message}`,
    );
}

/** Only the host: a webhook URL's path or query may hold a key. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'unreadable URL';
  }
}

function userName(user: User): string {
  const name = [user.firstname, user.lastname].filter(Boolean).join(' ') || user.nickname || user.id;
  return `${name} (${user.email})`;
}

/** `12: a, b, c, …` */
function counted(count: number, names: string[]): string {
  if (names.length === 0) return String(count);
  return `${count}: ${names.join(', ')}${count > names.length ? ', …' : ''}`;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return `“${line.length > 60 ? `${line.slice(0, 59)}…` : line}”`;
}
