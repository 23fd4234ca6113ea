import type { ListPage, PageParams } from '../pagination.ts';

/**
 * The narrow view of the webhooks API this module needs. `client.webhooks` satisfies it, and so does
 * any object with the same methods (a test double, another transport).
 */
export interface WebhooksPort<W extends WebhookSubscription = WebhookSubscription> {
  list(params?: PageParams, options?: LifecycleCallOptions): Promise<ListPage<W>>;
  get(webhookId: string, options?: LifecycleCallOptions): Promise<W>;
  create(params: WebhookSubscriptionParams, options?: LifecycleCallOptions): Promise<W>;
  update(
    webhookId: string,
    params: Partial<WebhookSubscriptionParams>,
    options?: LifecycleCallOptions,
  ): Promise<W>;
  delete(webhookId: string, options?: LifecycleCallOptions): Promise<W>;
}

/** What the lifecycle functions accept as `api`: anything with a `webhooks` member, e.g. a `RingCxClient`. */
export interface WebhooksApi<W extends WebhookSubscription = WebhookSubscription> {
  readonly webhooks: WebhooksPort<W>;
}

export interface LifecycleCallOptions {
  signal?: AbortSignal;
}

/** The fields of a webhook subscription this module reads; the API returns more. */
export interface WebhookSubscription {
  id: string;
  url: string;
  active?: boolean | null;
  staging_use?: boolean | null;
  verify_token?: string | null;
  registered_events?: readonly string[] | null;
  /** Delivery health (values undocumented; `suspended` and `disabled` are recognised). */
  webhook_status?: string | null;
  /** Only present if the API ever returns it; it is not in the documented response. */
  secret?: unknown;
}

export interface WebhookSubscriptionParams {
  url: string;
  registered_events: readonly string[];
  active?: boolean;
  name?: string;
  staging_use?: boolean;
  verify_token?: string;
  secret?: string;
}
