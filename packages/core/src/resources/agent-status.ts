import { id, Resource, type CallOptions, type WithUnknownFields } from './resource.ts';

/** An agent's state on one routing channel. */
export type AgentChannelStatus = WithUnknownFields<{
  id: string;
  /** The channel's name, e.g. `Async`, `Realtime`. */
  name: string;
  /** `null` when the agent is not connected on this channel. */
  status: 'available' | 'away' | null;
  /** `unoccupied` (no task), `ok` (under the soft limit), `busy` (over it), `full` (hard limit). */
  busyness: 'unoccupied' | 'ok' | 'busy' | 'full';
}>;

/** A connected agent and its availability per channel. */
export type AgentStatus = WithUnknownFields<{
  agent_id: string;
  channels: AgentChannelStatus[];
  /** The presence status (custom away reason), or null. */
  custom_status: { id: string } | null;
}>;

export interface AgentStatusListParams {
  /** Agents who may reply on these sources. */
  source_ids?: readonly string[];
  category_ids?: readonly string[];
  team_ids?: readonly string[];
  spoken_languages?: readonly string[];
}

/**
 * Connected agents' availability (`/status`), e.g. to check before handing a conversation to humans.
 * Needs the right to monitor the task view.
 */
export class AgentStatuses extends Resource {
  /** Every connected agent (a plain array, not a page). */
  list(params: AgentStatusListParams = {}, options?: CallOptions): Promise<AgentStatus[]> {
    return this.read('/status', params, options);
  }

  /** One agent. 404 (`not_found` or `disconnected`) when the agent is unknown or not connected. */
  get(agentId: string, options?: CallOptions): Promise<AgentStatus> {
    return this.read(`/status/${id(agentId, 'agentId')}`, undefined, options);
  }
}
