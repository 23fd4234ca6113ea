import type { Intervention } from './interventions.ts';
import { requiredId, Resource, type CallOptions, type WithUnknownFields } from './resource.ts';

/** What `complete` and `handover` answer, e.g. `{ status: '200', message: 'Success' }`. */
export type BotResult = WithUnknownFields<{ status: string | number; message: string }>;

export interface BotCompleteParams {
  intervention_id: string;
  /** Also lock the thread. */
  close_thread?: boolean;
  /** Categories to add to the thread. */
  thread_category_ids?: readonly string[];
}

export interface BotHandoverParams {
  from: 'bot' | 'agent';
  to: 'bot' | 'agent';
  /** `engage_virtual_agent` for RingCX virtual agents, or the channel type (`messenger`). */
  type: 'engage_virtual_agent' | 'messenger' | (string & {});
  /** Channel handovers (Messenger): the customer's id on the channel. */
  identity_foreign_id?: string;
  /** Messenger agent → bot: the bot's Facebook app. */
  app_id?: string;
  /** Virtual-agent handovers: the bot's intervention. */
  intervention_id?: string;
  /** Recategorizes the thread (routes it). */
  thread_category_ids?: readonly string[];
  /** A trigger configured in the virtual agent's handover rules. */
  trigger?: string;
}

/** The virtual-agent (bot) operations (`/bots`). */
export class Bots extends Resource {
  /**
   * Takes a conversation as the virtual agent: opens an intervention on the message as the bot user.
   * 422 when it cannot.
   */
  engage(params: { content_id: string }, options?: CallOptions): Promise<Intervention> {
    return this.write(
      'POST',
      '/bots/engage',
      { content_id: requiredId(params.content_id, 'content_id') },
      options,
    );
  }

  /** Ends the bot's work: closes the intervention and completes its task. 422 when it cannot. */
  complete(params: BotCompleteParams, options?: CallOptions): Promise<BotResult> {
    return this.write(
      'POST',
      '/bots/complete',
      { ...params, intervention_id: requiredId(params.intervention_id, 'intervention_id') },
      options,
    );
  }

  /**
   * Passes the conversation between bot and agents. For Messenger, agent → bot only succeeds when no
   * intervention is open with the customer.
   */
  handover(params: BotHandoverParams, options?: CallOptions): Promise<BotResult> {
    return this.write('POST', '/bots/handover', params, options);
  }
}
