/**
 * `msg.ringcx`: the ids a message is about. The trigger sets them and every action node updates
 * them, and the action nodes read their ids from here by default, so trigger → intervention → reply
 * → close needs no function node in between.
 */
export interface RingCxIds {
  threadId?: string;
  /** The message the flow is about (the customer's message, for a trigger). */
  contentId?: string;
  interventionId?: string;
  sourceId?: string;
  /** The identity (customer profile) that wrote the message. */
  identityId?: string;
  /** The agent an intervention belongs to, or who caused an event. */
  userId?: string;
  /** The reply the last Reply operation sent. */
  replyId?: string;
}

type Ids = { [K in keyof RingCxIds]?: unknown };

/** Keeps the string ids of `ids`, dropping empty and missing ones. */
export function cleanIds(ids: Ids): RingCxIds {
  const clean: RingCxIds = {};
  for (const [key, value] of Object.entries(ids)) {
    if (typeof value === 'string' && value) clean[key as keyof RingCxIds] = value;
    else if (typeof value === 'number') clean[key as keyof RingCxIds] = String(value);
  }
  return clean;
}

/** The ids a message record carries. */
export function contentIds(content: Record<string, unknown>, contentId = content.id): RingCxIds {
  return cleanIds({
    contentId,
    threadId: content.thread_id,
    interventionId: content.intervention_id,
    sourceId: content.source_id,
    identityId: content.author_id,
  });
}

/** The ids an intervention record carries. */
export function interventionIds(intervention: Record<string, unknown>, id = intervention.id): RingCxIds {
  return cleanIds({
    interventionId: id,
    threadId: intervention.thread_id,
    sourceId: intervention.source_id,
    identityId: intervention.identity_id,
    userId: intervention.user_id,
  });
}

/** The ids a thread record carries. */
export function threadIds(thread: Record<string, unknown>): RingCxIds {
  return cleanIds({ threadId: thread.id, sourceId: thread.source_id });
}
