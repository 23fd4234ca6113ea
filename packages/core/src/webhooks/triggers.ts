import { isCustomerAuthored } from '../customer-authored.ts';
import { RingCxError } from '../errors.ts';
import { WEBHOOK_EVENT_TYPES } from '../resources/webhooks.ts';
import type { WebhookEvent } from './types.ts';

export type WebhookTriggerName =
  | 'new_thread'
  | 'new_customer_message'
  | 'message_replied'
  | 'intervention_opened'
  | 'intervention_closed'
  | 'intervention_assigned'
  | 'intervention_reassigned'
  | 'intervention_cancelled'
  | 'intervention_reopened'
  | 'intervention_recategorized'
  | 'thread_closed'
  | 'thread_opened'
  | 'raw';

/**
 * Filters shared by every trigger. `matches` applies all of them except `isOwnedByHuman`, which only
 * `selectEvents` calls, so that matching itself never needs the network.
 */
export interface TriggerOptions {
  /**
   * Only events of these sources (channels). Read from `metadata.source_id` (or `content_source_id`).
   * An event that names no source (e.g. `push_agent.*`) passes: the filter cannot tell, and dropping
   * it would make a trigger silently never fire.
   */
  sourceIds?: string | readonly string[];
  /**
   * Identities that are the caller's own, such as a bot's identity on each source. Events whose
   * `metadata.author_id` is one of them never match, so a bot never triggers on its own messages.
   */
  ownIdentityIds?: readonly string[];
  /**
   * RingCX users that are the caller's own, such as the bot's user. Events they caused (`user_id`)
   * or contents they created (`metadata.creator_id`) never match.
   */
  ownUserIds?: readonly string[];
  /**
   * "Skip threads a human currently owns", the offline way: categories only human agents handle (the
   * category a bot swaps in when it hands over). Events whose `metadata.category_ids` contain one of
   * them never match; a message's categories default to its thread's and intervention's.
   */
  humanCategoryIds?: readonly string[];
  /**
   * "Skip threads a human currently owns", the exact way: called by `selectEvents` for each event that
   * passed every other rule (so rarely, and never for the bot's own messages); return true to skip it.
   * Typically reads `metadata.intervention_id` and checks the intervention's `user_id` through the API.
   */
  isOwnedByHuman?: (event: WebhookEvent) => boolean | Promise<boolean>;
  /** `raw` only: the event types to pass. Default: every type. */
  eventTypes?: readonly string[];
}

export interface WebhookTrigger {
  readonly name: WebhookTriggerName;
  /** The name users see, the same on every platform. */
  readonly label: string;
  readonly description: string;
  /**
   * The RingCX event types a webhook must be registered for so this trigger can fire. For `raw`,
   * every known type, to choose from (see `registeredEventsFor`).
   */
  readonly events: readonly string[];
  /** True when the event fires this trigger under `options`. Synchronous and offline. */
  matches(event: WebhookEvent, options?: TriggerOptions): boolean;
}

interface TriggerDefinition {
  label: string;
  description: string;
  events: readonly string[];
  /** The trigger's own rule, on top of the event type and the shared filters. */
  rule?: (event: WebhookEvent, options: TriggerOptions) => boolean;
}

/** A customer's message, by the one rule of `customer-authored.ts` (the `private` flag plays no part). */
const customerAuthored = (event: WebhookEvent, options: TriggerOptions): boolean => {
  const metadata = event.resource.metadata;
  return isCustomerAuthored(
    {
      creator_id: stringField(metadata.creator_id),
      status: stringField(metadata.status),
      author_id: stringField(metadata.author_id),
    },
    options.ownIdentityIds,
  );
};

const DEFINITIONS: Readonly<Record<WebhookTriggerName, TriggerDefinition>> = {
  new_thread: {
    label: 'New Thread',
    description:
      'A customer starts a conversation: the first message of a thread, written by the customer (content.imported with first_in_thread).',
    events: ['content.imported'],
    rule: (event, options) =>
      event.resource.metadata.first_in_thread === true && customerAuthored(event, options),
  },
  new_customer_message: {
    label: 'New Customer Message',
    description:
      "A customer writes, in a new or an existing thread (content.imported). Agents' and bots' messages and private notes never fire it.",
    events: ['content.imported'],
    rule: customerAuthored,
  },
  message_replied: {
    label: 'Message Replied',
    description: 'An agent or a bot replied to a message in RingCX (content.replied).',
    events: ['content.replied'],
  },
  intervention_opened: {
    label: 'Intervention Opened',
    description: 'An agent (or bot) started handling a conversation (intervention.opened).',
    events: ['intervention.opened'],
  },
  intervention_closed: {
    label: 'Intervention Closed',
    description: 'An intervention was closed (intervention.closed).',
    events: ['intervention.closed'],
  },
  intervention_assigned: {
    label: 'Intervention Assigned',
    description: 'An intervention was assigned to an agent (intervention.assigned).',
    events: ['intervention.assigned'],
  },
  intervention_reassigned: {
    label: 'Intervention Reassigned',
    description: 'An intervention was moved to another agent (intervention.user_updated).',
    events: ['intervention.user_updated'],
  },
  intervention_cancelled: {
    label: 'Intervention Cancelled',
    description: 'An intervention was cancelled (intervention.canceled).',
    events: ['intervention.canceled'],
  },
  intervention_reopened: {
    label: 'Intervention Reopened',
    description:
      'A closed intervention was reopened, by a new customer message or by an agent (intervention.reopened).',
    events: ['intervention.reopened'],
  },
  intervention_recategorized: {
    label: 'Intervention Recategorized',
    description: "An intervention's categories changed (intervention.recategorized).",
    events: ['intervention.recategorized'],
  },
  thread_closed: {
    label: 'Thread Closed',
    description:
      'A thread was locked, so it can no longer be replied to (content.thread_closed). Threads RingCX Messaging locks on its own raise content.thread_auto_closed instead: use Any Event for those.',
    events: ['content.thread_closed'],
  },
  thread_opened: {
    label: 'Thread Opened',
    description: 'A locked thread was unlocked (content.thread_opened).',
    events: ['content.thread_opened'],
  },
  raw: {
    label: 'Any Event',
    description: 'Every event of the chosen types, as RingCX sends it.',
    events: WEBHOOK_EVENT_TYPES,
  },
};

/** Every trigger, by name. */
export const WEBHOOK_TRIGGERS: Readonly<Record<WebhookTriggerName, WebhookTrigger>> = Object.freeze(
  Object.fromEntries(
    Object.entries(DEFINITIONS).map(([name, definition]) => [
      name,
      defineTrigger(name as WebhookTriggerName, definition),
    ]),
  ) as Record<WebhookTriggerName, WebhookTrigger>,
);

export const WEBHOOK_TRIGGER_NAMES = Object.keys(DEFINITIONS) as readonly WebhookTriggerName[];

/** The trigger of that name, or a `config` error listing the valid names. */
export function getWebhookTrigger(name: string): WebhookTrigger {
  if (Object.hasOwn(WEBHOOK_TRIGGERS, name)) return WEBHOOK_TRIGGERS[name as WebhookTriggerName];
  throw new RingCxError({
    kind: 'config',
    message: `Unknown webhook trigger "${name}". Use one of: ${WEBHOOK_TRIGGER_NAMES.join(', ')}.`,
  });
}

/**
 * The event types to register on the RingCX webhook for these triggers, without repeats. For `raw`,
 * `options.eventTypes` when given, else every known type.
 */
export function registeredEventsFor(
  triggers: ReadonlyArray<WebhookTriggerName | WebhookTrigger>,
  options: Pick<TriggerOptions, 'eventTypes'> = {},
): string[] {
  const types = new Set<string>();
  for (const entry of triggers) {
    const trigger = typeof entry === 'string' ? getWebhookTrigger(entry) : entry;
    const events = (trigger.name === 'raw' && chosenTypes(options)) || trigger.events;
    for (const type of events) types.add(type);
  }
  return [...types];
}

/**
 * The events that fire the trigger: `matches` on each, then `options.isOwnedByHuman` on the ones
 * left. Order is kept.
 */
export async function selectEvents(
  trigger: WebhookTriggerName | WebhookTrigger,
  events: readonly WebhookEvent[],
  options: TriggerOptions = {},
): Promise<WebhookEvent[]> {
  const resolved = typeof trigger === 'string' ? getWebhookTrigger(trigger) : trigger;
  const matching = events.filter((event) => resolved.matches(event, options));
  const { isOwnedByHuman } = options;
  if (!isOwnedByHuman) return matching;
  const owned = await Promise.all(matching.map((event) => isOwnedByHuman(event)));
  return matching.filter((_, index) => !owned[index]);
}

function defineTrigger(name: WebhookTriggerName, definition: TriggerDefinition): WebhookTrigger {
  const types = new Set(definition.events);
  return Object.freeze({
    name,
    label: definition.label,
    description: definition.description,
    events: Object.freeze([...definition.events]),
    matches(event: WebhookEvent, options: TriggerOptions = {}): boolean {
      const chosen = chosenTypes(options);
      const typeMatches = name === 'raw' ? !chosen || chosen.includes(event.type) : types.has(event.type);
      return (
        typeMatches && (definition.rule?.(event, options) ?? true) && passesSharedFilters(event, options)
      );
    },
  });
}

/** Source, own identities and users, human categories: the filters every trigger applies. */
function passesSharedFilters(event: WebhookEvent, options: TriggerOptions): boolean {
  const metadata = event.resource.metadata;
  const sources = toList(options.sourceIds);
  const source = stringField(metadata.source_id) ?? stringField(metadata.content_source_id);
  if (sources.length > 0 && source !== undefined && !sources.includes(source)) return false;

  const ownIdentities = toList(options.ownIdentityIds);
  const author = stringField(metadata.author_id);
  if (author !== undefined && ownIdentities.includes(author)) return false;

  const ownUsers = toList(options.ownUserIds);
  const actors = [stringField(event.user_id), stringField(metadata.creator_id)];
  if (actors.some((actor) => actor !== undefined && ownUsers.includes(actor))) return false;

  const humanCategories = toList(options.humanCategoryIds);
  const categories = Array.isArray(metadata.category_ids) ? (metadata.category_ids as unknown[]) : [];
  return !categories.some((category) => typeof category === 'string' && humanCategories.includes(category));
}

/** The event types chosen for `raw`; none chosen means every type. */
function chosenTypes(options: Pick<TriggerOptions, 'eventTypes'>): readonly string[] | undefined {
  return options.eventTypes?.length ? options.eventTypes : undefined;
}

/** Accepts one id or many; drops blanks a form field may leave. */
function toList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return (typeof value === 'string' ? [value] : value).map((id) => id.trim()).filter(Boolean);
}

function stringField(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  return typeof value === 'number' ? String(value) : undefined;
}
