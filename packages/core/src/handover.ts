import type { AgentStatus, AgentStatusListParams } from './resources/agent-status.ts';
import type { CallOptions } from './resources/resource.ts';
import type { Source } from './resources/sources.ts';
import type { Thread } from './resources/threads.ts';

/**
 * "Hand Over to a Human", the same on every platform: swap the thread's bot categories for human ones,
 * which makes RingCX's routing dispatch it to agents (REFERENCE §5 step 6b). Optionally first check
 * that a human is available, so a customer is not left waiting in an empty queue.
 */
export interface HandOverOptions {
  threadId: string;
  /** Categories that route the thread to the bot; removed from the thread. */
  botCategoryIds?: readonly string[];
  /** Categories human agents handle; added to the thread. At least one. */
  humanCategoryIds: readonly string[];
  /**
   * Hand over only when at least one agent with a human category is available (status `available`,
   * not `full`) on the channel of the thread's source. Needs the right to monitor agents.
   */
  requireAvailableAgent?: boolean;
}

export interface HandOverResult {
  /** False when `requireAvailableAgent` found nobody: the thread was left as it was. */
  handedOver: boolean;
  /** The thread's categories after the call (what was sent, or what it had when nothing changed). */
  threadCategoryIds: string[];
  /** How many agents were available, when checked. */
  availableAgents?: number;
  /** Why nothing was changed, in one sentence. */
  reason?: string;
}

/** The parts of the client a hand-over needs (the client itself fits). */
export interface HandOverApi {
  threads: {
    get(threadId: string, options?: CallOptions): Promise<Thread>;
    updateCategories(threadId: string, ids: readonly string[], options?: CallOptions): Promise<Thread>;
  };
  sources: { get(sourceId: string, options?: CallOptions): Promise<Source> };
  agentStatus: { list(params?: AgentStatusListParams, options?: CallOptions): Promise<AgentStatus[]> };
}

export async function handOverToHuman(
  api: HandOverApi,
  options: HandOverOptions,
  callOptions?: CallOptions,
): Promise<HandOverResult> {
  if (!options.humanCategoryIds.length) {
    throw new TypeError('humanCategoryIds is required: name at least one category that human agents handle.');
  }
  const thread = await api.threads.get(options.threadId, callOptions);
  const current = thread.thread_category_ids ?? [];
  const bot = new Set(options.botCategoryIds ?? []);
  const next = [...new Set([...current.filter((id) => !bot.has(id)), ...options.humanCategoryIds])];

  let availableAgents: number | undefined;
  if (options.requireAvailableAgent) {
    const source = await api.sources.get(thread.source_id, callOptions);
    const statuses = await api.agentStatus.list({ category_ids: options.humanCategoryIds }, callOptions);
    availableAgents = statuses.filter((agent) => isAvailableOn(agent, source.channel_id)).length;
    if (availableAgents === 0) {
      return {
        handedOver: false,
        threadCategoryIds: current,
        availableAgents,
        reason: 'No human agent is available right now; the thread was left with the bot.',
      };
    }
  }

  // Re-sending the same categories would start a needless job (and a 409 for the next call).
  if (sameSet(current, next)) return { handedOver: true, threadCategoryIds: current, availableAgents };
  await api.threads.updateCategories(options.threadId, next, callOptions);
  return { handedOver: true, threadCategoryIds: next, availableAgents };
}

/** Available on the source's channel (any channel when the source names none), and not at full capacity. */
function isAvailableOn(agent: AgentStatus, channelId: string | null): boolean {
  return agent.channels.some(
    (channel) =>
      (!channelId || channel.id === channelId) &&
      channel.status === 'available' &&
      channel.busyness !== 'full',
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
