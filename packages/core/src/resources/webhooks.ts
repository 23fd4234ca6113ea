import { registerSecret } from '../errors.ts';
import { Collection, itemPath, type CallOptions, type WithUnknownFields } from './resource.ts';

/**
 * Event types a webhook can subscribe to: the official spec's list, plus the thread lock/unlock and
 * intervention-segment events that the webhook guide documents but the spec has not caught up with.
 */
export const WEBHOOK_EVENT_TYPES = [
  'content.approved',
  'content.discussion_initiated',
  'content.exported',
  'content.imported',
  'content.replied',
  'content.update_exported',
  'content.thread_closed',
  'content.thread_opened',
  'content.thread_auto_closed',
  'identity.merged',
  'identity.unmerged',
  'intervention.assigned',
  'intervention.canceled',
  'intervention.closed',
  'intervention.custom_fields_updated',
  'intervention.deferred',
  'intervention.opened',
  'intervention.reactivated',
  'intervention.recategorized',
  'intervention.reopened',
  'intervention.user_updated',
  'intervention_segment.summary_generated',
  'intervention_segment.summary_submitted',
  'intervention_segment.summary_generation_failed',
  'push_agent.accept_task',
  'push_agent.availability_change',
  'push_agent.busyness_change',
  'push_agent.connected',
  'push_agent.disconnected',
  'push_agent.missed_task',
  'push_agent.reconnected',
  'push_agent.request_task',
  'survey_response.imported',
  'task.assigned',
  'task.completed',
  'task.created',
  'task.destroyed',
  'task.expired_from_step',
  'task.expired_from_workbin',
  'task.recategorized',
  'task.resume',
  'task.supervisor_assigned',
  'task.taken',
  'task.transferred',
  'task.undelivered',
] as const;

/** A known event type, or any other name (newer events reach the API before this list). */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number] | (string & {});

/**
 * A webhook subscription. It belongs to the access token that created it. `name` and `secret` are
 * accepted on writes; whether they come back is undocumented.
 */
export type Webhook = WithUnknownFields<{
  id: string;
  url: string;
  active: boolean;
  /** Events from the staging environment rather than production. */
  staging_use: boolean;
  verify_token: string | null;
  registered_events: WebhookEventType[];
  /** Delivery health as RingCX sees it (values undocumented). */
  webhook_status: string | null;
  /** The token the webhook belongs to (its id, not its value). */
  api_access_token: WithUnknownFields<{ id: string; created_at: string; updated_at: string }>;
}>;

export interface WebhookUpdateParams {
  /** Where RingCX posts events; it first checks it with a `hub.challenge` GET. */
  url?: string;
  registered_events?: readonly WebhookEventType[];
  /** Inactive webhooks receive nothing and skip the verification request. */
  active?: boolean;
  /** Default: the URL's host name plus the token's name. */
  name?: string;
  staging_use?: boolean;
  /** Sent back as `hub.verify_token` in the verification request. */
  verify_token?: string;
  /**
   * Sent as the `X-Dimelo-Secret` header with every request (ASCII, under 256 characters); changing
   * it triggers a new verification.
   */
  secret?: string;
}

export interface WebhookCreateParams extends WebhookUpdateParams {
  url: string;
  registered_events: readonly WebhookEventType[];
}

/**
 * Webhook subscriptions (`/webhooks`), active ones first. Users without "manage API access tokens"
 * see only the webhooks of tokens they created. Creating or updating one makes RingCX verify the URL
 * at once (asynchronously) and disable the webhook if the endpoint does not answer the challenge.
 */
export class Webhooks extends Collection<Webhook> {
  protected readonly path = '/webhooks';
  protected readonly idName = 'webhookId';

  /**
   * Subscribes `url` to `registered_events`. 422 when a value is refused (e.g. the URL is already
   * used by a webhook of this token).
   */
  create(params: WebhookCreateParams, options?: CallOptions): Promise<Webhook> {
    registerSecret(params.secret);
    return this.write('POST', this.path, params, options);
  }

  /** Changes the given fields only. 404 for an unknown id, 422 for refused values. */
  update(webhookId: string, params: WebhookUpdateParams, options?: CallOptions): Promise<Webhook> {
    registerSecret(params.secret);
    return this.write('PUT', itemPath(this.path, webhookId, this.idName), params, options);
  }

  /** Deletes the subscription and returns it. 404 for an unknown id. */
  delete(webhookId: string, options?: CallOptions): Promise<Webhook> {
    return this.write('DELETE', itemPath(this.path, webhookId, this.idName), undefined, options);
  }
}
