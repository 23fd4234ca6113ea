import { Collection, type WithUnknownFields } from './resource.ts';

/**
 * A routing channel: a group of sources that share agent capacity and SLA settings (by default
 * "Async" and "Realtime"). Agent availability (`client.agentStatus`) is given per channel.
 */
export type Channel = WithUnknownFields<{
  id: string;
  name: string;
  label: string;
  source_ids: string[];
  /** Tasks an agent takes before counting as busy. */
  soft_capability: number;
  /** Tasks an agent takes at most. */
  hard_capability: number;
  task_timeout_seconds: number;
  agent_sla: number;
  agent_sla_threshold: number;
  task_auto_complete_seconds: number | null;
  auto_complete_category_ids: string[];
  created_at: string;
  updated_at: string;
}>;

/** Routing channels (`/channels`), in creation order. */
export class Channels extends Collection<Channel> {
  protected readonly path = '/channels';
  protected readonly idName = 'channelId';
}
