import { isCustomerAuthored, type AuthorshipFields } from '../customer-authored.ts';
import { RingCxError } from '../errors.ts';
import type { ListPage } from '../pagination.ts';
import { searchQuery } from '../search.ts';
import type { PollCursor } from './cursor.ts';
import {
  pollFeed,
  sampleFeed,
  type Feed,
  type PollOptions,
  type PollResult,
  type SampleOptions,
} from './engine.ts';

/** Per-call options the pollers pass to the list methods. */
export interface PollCallOptions {
  signal?: AbortSignal;
}

/** The fields of a thread the poller reads; the API returns more, and the items keep them all. */
export interface PolledThread {
  id: string;
  source_id?: string | null;
  created_at: string;
}

/** The fields of a message the poller reads. */
export interface PolledContent extends AuthorshipFields {
  id: string;
  source_id?: string | null;
  created_at: string;
}

/** The fields of an intervention the poller reads. */
export interface PolledIntervention {
  id: string;
  source_id?: string | null;
  closed?: boolean | null;
  closed_at?: string | null;
  updated_at: string;
}

/** A list searched with `q`, newest first: `client.threads` and `client.contents` satisfy it. */
export interface SearchListPort<T> {
  list(
    params: { q?: string; offset?: number; limit?: number },
    options?: PollCallOptions,
  ): Promise<ListPage<T>>;
}

/** `client.interventions` satisfies this. */
export interface InterventionsPort<T extends PolledIntervention = PolledIntervention> {
  list(
    params: { status?: 'closed'; sort?: 'updated_at'; offset?: number; limit?: number },
    options?: PollCallOptions,
  ): Promise<ListPage<T>>;
}

export interface CustomerMessageOptions {
  /**
   * Identity ids that are the caller's own (a bot's identity on each source): their messages are
   * never customer messages, even when posted in a way RingCX does not mark as an agent's.
   */
  ownIdentityIds?: readonly string[];
}

/** Options of the New Thread poller. */
export interface NewThreadOptions extends CustomerMessageOptions {
  /**
   * Also report threads an agent, a bot or the API started (an outbound message). Default false: New
   * Thread means a customer opened the conversation, as for the webhook trigger.
   */
  includeAgentStarted?: boolean;
}

/**
 * New threads, by creation time: a thread counts once, when it is created, and never again when
 * later messages make it recently active (the list is queried with `order:created_at.desc`, not the
 * API's default order by last message). Only threads whose first message a customer wrote count
 * (`isCustomerAuthored`), so a bot never answers a conversation it started itself; checking costs one
 * request per new thread, none on an idle poll.
 */
export async function pollNewThreads<T extends PolledThread>(
  api: { readonly threads: SearchListPort<T>; readonly contents: SearchListPort<PolledContent> },
  cursor: PollCursor | null | undefined,
  options: PollOptions & NewThreadOptions = {},
): Promise<PollResult<T>> {
  const result = await pollFeed(threadFeed(api, options.sources), cursor, options);
  return { ...result, items: await startedByCustomers(api, result.items, options) };
}

/**
 * New messages written by customers, by creation time. Messages of agents and bots (created inside
 * RingCX, or with an agent's status), private notes, and messages of `ownIdentityIds` are left out,
 * by the same rule as the webhook triggers (`isCustomerAuthored`).
 */
export function pollNewCustomerMessages<T extends PolledContent>(
  api: { readonly contents: SearchListPort<T> },
  cursor: PollCursor | null | undefined,
  options: PollOptions & CustomerMessageOptions = {},
): Promise<PollResult<T>> {
  return pollFeed(customerMessageFeed(api, options), cursor, options);
}

/**
 * Interventions as they are closed. The list is read by last update and each close is reported by
 * its `closed_at`, keyed `<id>:<closed_at>`: a later edit of a closed intervention (categories,
 * custom fields, a satisfaction answer) is not a new close, while closing it again after a reopen
 * is. The source filter is applied to the records, as this list has no source parameter.
 */
export function pollClosedInterventions<T extends PolledIntervention>(
  api: { readonly interventions: InterventionsPort<T> },
  cursor: PollCursor | null | undefined,
  options: PollOptions = {},
): Promise<PollResult<T>> {
  return pollFeed(closedInterventionFeed(api, options.sources), cursor, options);
}

/**
 * The latest thread(s) a customer started, newest first, for a "fetch test event" or a sample; no
 * cursor involved.
 */
export async function sampleThreads<T extends PolledThread>(
  api: { readonly threads: SearchListPort<T>; readonly contents: SearchListPort<PolledContent> },
  options: SampleOptions & NewThreadOptions = {},
): Promise<T[]> {
  const limit = options.limit ?? 1;
  // A few extra candidates, as some may turn out to be started by an agent.
  const candidates = await sampleFeed(threadFeed(api, options.sources), { ...options, limit: limit + 4 });
  return (await startedByCustomers(api, candidates, options)).slice(0, limit);
}

/** The latest customer message(s), newest first, by the same rule as `pollNewCustomerMessages`. */
export function sampleCustomerMessages<T extends PolledContent>(
  api: { readonly contents: SearchListPort<T> },
  options: SampleOptions & CustomerMessageOptions = {},
): Promise<T[]> {
  return sampleFeed(customerMessageFeed(api, options), options);
}

/** The most recently closed intervention(s), newest first (by last update). */
export function sampleClosedInterventions<T extends PolledIntervention>(
  api: { readonly interventions: InterventionsPort<T> },
  options: SampleOptions = {},
): Promise<T[]> {
  return sampleFeed(closedInterventionFeed(api, options.sources), options);
}

/** Keeps the threads whose first message a customer wrote (all of them with `includeAgentStarted`). */
async function startedByCustomers<T extends PolledThread>(
  api: { readonly contents: SearchListPort<PolledContent> },
  threads: T[],
  options: NewThreadOptions & { signal?: AbortSignal },
): Promise<T[]> {
  if (options.includeAgentStarted) return threads;
  const own = new Set(options.ownIdentityIds ?? []);
  const kept: T[] = [];
  for (const thread of threads) {
    const q = searchQuery({ thread: thread.id }).order('created_at', 'asc').toString();
    const first = (await api.contents.list({ q, limit: 1 }, { signal: options.signal })).records[0];
    // A thread whose first message is not visible is kept: dropping it would lose a conversation.
    if (!first || isCustomerAuthored(first, own)) kept.push(thread);
  }
  return kept;
}

function threadFeed<T extends PolledThread>(
  api: { readonly threads: SearchListPort<T> },
  sources: PollOptions['sources'],
): Feed<T> {
  const ids = sourceIds(sources);
  const q = searchQuery({ source: ids }).order('created_at', 'desc').toString();
  return {
    name: 'threads',
    fetch: (page, signal) => api.threads.list({ q, ...page }, { signal }),
    orderTime: (thread) => time(thread, 'created_at', 'thread'),
    key: (thread) => thread.id,
    matches: (thread) => inSources(ids, thread.source_id),
  };
}

function customerMessageFeed<T extends PolledContent>(
  api: { readonly contents: SearchListPort<T> },
  options: { sources?: PollOptions['sources'] } & CustomerMessageOptions,
): Feed<T> {
  const ids = sourceIds(options.sources);
  const own = new Set(options.ownIdentityIds ?? []);
  const q = searchQuery({ source: ids }).order('created_at', 'desc').toString();
  return {
    name: 'customer_messages',
    fetch: (page, signal) => api.contents.list({ q, ...page }, { signal }),
    orderTime: (content) => time(content, 'created_at', 'message'),
    key: (content) => content.id,
    matches: (content) => inSources(ids, content.source_id) && isCustomerAuthored(content, own),
  };
}

function closedInterventionFeed<T extends PolledIntervention>(
  api: { readonly interventions: InterventionsPort<T> },
  sources: PollOptions['sources'],
): Feed<T> {
  const ids = sourceIds(sources);
  const updatedAt = (intervention: T) => time(intervention, 'updated_at', 'intervention');
  return {
    name: 'closed_interventions',
    fetch: (page, signal) =>
      api.interventions.list({ status: 'closed', sort: 'updated_at', ...page }, { signal }),
    orderTime: updatedAt,
    // A close still being processed may lack closed_at; its last update is as close as it gets.
    eventTime: (intervention) =>
      intervention.closed_at ? time(intervention, 'closed_at', 'intervention') : updatedAt(intervention),
    key: (intervention) => `${intervention.id}:${intervention.closed_at ?? ''}`,
    matches: (intervention) => intervention.closed !== false && inSources(ids, intervention.source_id),
  };
}

function sourceIds(sources: PollOptions['sources']): string[] | undefined {
  const list = (typeof sources === 'string' ? [sources] : (sources ?? []))
    .map((id) => id.trim())
    .filter(Boolean);
  return list.length > 0 ? list : undefined;
}

function inSources(ids: readonly string[] | undefined, sourceId: string | null | undefined): boolean {
  return ids === undefined || (typeof sourceId === 'string' && ids.includes(sourceId));
}

/** A record's timestamp in ms; a record without one cannot be placed in the list, which is the API's fault. */
function time<T extends { id: string }>(record: T, field: keyof T & string, noun: string): number {
  const value = record[field];
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new RingCxError({
      kind: 'invalid_response',
      message: `RingCX returned ${noun} ${record.id} without a valid ${field} (${JSON.stringify(value)}), so it cannot be polled.`,
    });
  }
  return ms;
}
