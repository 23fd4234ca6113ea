/**
 * The shape of a webhook delivery once `parseDelivery` has checked it. RingCX POSTs one JSON object per
 * delivery; a delivery may carry several events. Ids are always strings here: the API documents some as
 * integers and a few deliveries carry numbers (`domain_id: 1`), so numbers are converted on parsing.
 * Every field RingCX sends is kept, typed or not.
 */
export interface WebhookDelivery {
  /** Unique per delivery. A retried delivery may be rebatched, so duplicates are detected per event id. */
  id: string;
  /** The RingCX account (domain) the events belong to. */
  domain_id: string;
  events: WebhookEvent[];
  readonly [field: string]: unknown;
}

/** Fields an event's `resource.metadata` may hold; which ones depend on the resource type. */
export type EventMetadata = Readonly<Record<string, unknown>>;

export interface WebhookEvent<M extends object = EventMetadata> {
  /** e.g. `content.imported`, `intervention.closed`. Unknown types are kept as they are. */
  type: string;
  /** Unique per event and stable across re-sends: the deduplication key. */
  id: string;
  /** RFC 3339 with milliseconds. Deliveries are not ordered: sort by this when order matters. */
  issued_at: string;
  resource: WebhookResource<M>;
  /** The agent whose action caused the event; absent when no agent did (a customer, a rule). */
  user_id?: string | null;
  /** `task.completed` only: `deferred` or `closed`. */
  action?: string | null;
  readonly [field: string]: unknown;
}

export interface WebhookResource<M extends object = EventMetadata> {
  /** `intervention`, `message`, or `<source type>/<content type>` such as `chat/message`. */
  type: string;
  /** The object's id: a content id for `content.*`, an intervention id for `intervention.*`. */
  id: string;
  /** A snapshot of the object when the event was issued; `{}` when the delivery had none. */
  metadata: M;
  readonly [field: string]: unknown;
}

/** `resource.metadata` of `content.*` events (a message). Every field may be absent or null. */
export interface ContentEventMetadata {
  id?: string | null;
  /** The identity that wrote the message (the customer, or an agent's or bot's identity). */
  author_id?: string | null;
  /** The RingCX user who created it (agent, bot, API token's user); empty for imported messages. */
  creator_id?: string | null;
  body?: string | null;
  body_input_format?: string | null;
  /** `new`, `assigned`, `replied`, `ignored`, `user_reply`, `user_initiated`, ... */
  status?: string | null;
  /** True on private channels (web chat, DMs) for every message, the customer's included. */
  private?: boolean | null;
  first_in_thread?: boolean | null;
  thread_id?: string | null;
  thread_title?: string | null;
  source_id?: string | null;
  source_type?: string | null;
  intervention_id?: string | null;
  in_reply_to_id?: string | null;
  in_reply_to_author_id?: string | null;
  category_ids?: readonly string[] | null;
  foreign_id?: string | null;
  created_from?: string | null;
  language?: string | null;
  has_attachment?: boolean | null;
  approval_required?: boolean | null;
  synchronization_status?: string | null;
  readonly [field: string]: unknown;
}

/** `resource.metadata` of `intervention.*` events. */
export interface InterventionEventMetadata {
  thread_id?: string | null;
  source_id?: string | null;
  identity_id?: string | null;
  /** The agent who owns the intervention. */
  user_id?: string | null;
  category_ids?: readonly string[] | null;
  custom_field_values?: Readonly<Record<string, unknown>> | null;
  closed_at?: string | null;
  deferred_at?: string | null;
  readonly [field: string]: unknown;
}

/** Narrows an event to a `content.*` one, whose metadata describes a message. */
export function isContentEvent(event: WebhookEvent): event is WebhookEvent<ContentEventMetadata> {
  return event.type.startsWith('content.');
}

/** Narrows an event to an `intervention.*` one. */
export function isInterventionEvent(event: WebhookEvent): event is WebhookEvent<InterventionEventMetadata> {
  return event.type.startsWith('intervention.');
}
