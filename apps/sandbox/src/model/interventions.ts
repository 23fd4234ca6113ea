import { ApiError, validationError } from '../http/errors.ts';
import type { ContentRecord, InterventionRecord, UserRecord } from '../store/records.ts';
import {
  contentsOfThread,
  isCustomerMessage,
  lastClosedInterventionOf,
  openInterventionOf,
} from './access.ts';
import { freshId, now, type SandboxContext } from './context.ts';
import { emitInterventionEvent } from './metadata.ts';
import { canRead, hasPermission } from './permissions.ts';

/**
 * Interventions: an agent's (or bot's) handling of a conversation, opened on a message and closed
 * once answered (REFERENCE §2.4, §10.7).
 */

/** Customer messages of the thread that no intervention holds yet join this one. */
function attachWaitingMessages(ctx: SandboxContext, intervention: InterventionRecord): void {
  for (const content of contentsOfThread(ctx, intervention.thread_id)) {
    if (!isCustomerMessage(content)) continue;
    if (content.intervention_id === null || content.intervention_id === intervention.id) {
      ctx.store.contents.update(content, (doc) => {
        doc.intervention_id = intervention.id;
        if (doc.status === 'new') doc.status = 'assigned';
      });
    }
  }
}

function interventionCustomFields(ctx: SandboxContext): Record<string, unknown> {
  return Object.fromEntries(
    ctx.store.custom_fields
      .all()
      .filter((field) => field.associated_type_name === 'Intervention')
      .map((field) => [field.key, null]),
  );
}

/** Reopens a closed intervention (a new customer message, or an agent through the API). */
export function reopen(
  ctx: SandboxContext,
  intervention: InterventionRecord,
  by: UserRecord | undefined,
): InterventionRecord {
  ctx.store.interventions.update(intervention, (doc) => {
    doc.status = 'reopened';
    doc.closed_at = null;
    if (by) doc.user_id = by.id;
  });
  attachWaitingMessages(ctx, intervention);
  emitInterventionEvent(ctx, 'intervention.reopened', intervention, by?.id);
  return intervention;
}

/**
 * `POST /interventions` and `POST /bots/engage`: opens an intervention on the message's thread as
 * `user`, or reopens the thread's closed one; 422 when one is already open.
 */
export function openOrReopen(
  ctx: SandboxContext,
  user: UserRecord,
  content: ContentRecord,
): InterventionRecord {
  const thread = ctx.store.threads.get(content.thread_id)!;
  const open = openInterventionOf(ctx, thread.id);
  if (open) {
    throw new ApiError(
      422,
      'intervention_already_opened',
      `The thread of content ${content.id} already has an open intervention (${open.id}); reply under it, or close it before opening another.`,
    );
  }
  if (thread.closed) {
    throw new ApiError(
      422,
      'thread_closed',
      `The thread ${thread.id} is closed (locked): open it with GET /1.0/content_threads/${thread.id}/open first.`,
    );
  }
  const closed = lastClosedInterventionOf(ctx, thread.id);
  if (closed) return reopen(ctx, closed, user);
  const customer = isCustomerMessage(content) ? content.author_id : thread.identity_id;
  const timestamp = now(ctx);
  const intervention = ctx.store.interventions.insert({
    id: freshId(ctx),
    source_id: thread.source_id,
    thread_id: thread.id,
    content_id: content.id,
    identity_id: customer,
    user_id: user.id,
    status: 'opened',
    closed_at: null,
    category_ids: [...thread.thread_category_ids],
    custom_fields: interventionCustomFields(ctx),
    comments_count: 0,
    user_replies_count: 0,
    first_user_reply_id: null,
    first_user_reply_at: null,
    last_user_reply_at: null,
    created_at: timestamp,
    updated_at: timestamp,
  });
  attachWaitingMessages(ctx, intervention);
  emitInterventionEvent(ctx, 'intervention.opened', intervention, user.id);
  emitInterventionEvent(ctx, 'intervention.assigned', intervention, user.id);
  return intervention;
}

function refuse(error: string, message: string): ApiError {
  return new ApiError(403, error, message);
}

/** Owner, or a user whose role may update any intervention. */
function mayManage(ctx: SandboxContext, user: UserRecord, intervention: InterventionRecord): boolean {
  return intervention.user_id === user.id || hasPermission(ctx.store, user, 'update_intervention');
}

/** Closes: needs at least one agent reply and the caller's ownership (or `update_intervention`). */
export function close(
  ctx: SandboxContext,
  user: UserRecord,
  intervention: InterventionRecord,
  options: { requireReply: boolean } = { requireReply: true },
): InterventionRecord {
  if (intervention.status === 'closed') {
    throw refuse('intervention_already_closed', `Intervention ${intervention.id} is already closed.`);
  }
  if (!mayManage(ctx, user, intervention)) {
    throw refuse(
      'not_intervention_owner',
      `Intervention ${intervention.id} belongs to another user (${intervention.user_id}); only its owner or a user with the "update_intervention" permission may close it. Reassign it first.`,
    );
  }
  if (options.requireReply && intervention.user_replies_count === 0) {
    throw refuse(
      'intervention_has_no_agent_reply',
      `Intervention ${intervention.id} has no agent reply yet: reply to the customer (POST /1.0/contents) before closing it, or cancel it instead (DELETE /1.0/interventions/${intervention.id}/cancel).`,
    );
  }
  ctx.store.interventions.update(intervention, (doc) => {
    doc.status = 'closed';
    doc.closed_at = now(ctx);
  });
  emitInterventionEvent(ctx, 'intervention.closed', intervention, user.id);
  return intervention;
}

/** Cancels (destroys): only without agent replies. Its messages go back to waiting. */
export function cancel(
  ctx: SandboxContext,
  user: UserRecord,
  intervention: InterventionRecord,
): InterventionRecord {
  if (intervention.status === 'closed') {
    throw refuse(
      'intervention_already_closed',
      `Intervention ${intervention.id} is closed; only open ones can be canceled.`,
    );
  }
  if (intervention.user_replies_count > 0) {
    throw refuse(
      'intervention_has_agent_replies',
      `Intervention ${intervention.id} already has ${intervention.user_replies_count} agent repl${intervention.user_replies_count === 1 ? 'y' : 'ies'}: close it instead (PUT /1.0/interventions/${intervention.id}/close).`,
    );
  }
  if (!mayManage(ctx, user, intervention)) {
    throw refuse(
      'not_intervention_owner',
      `Intervention ${intervention.id} belongs to another user; only its owner or a user with the "update_intervention" permission may cancel it.`,
    );
  }
  for (const content of contentsOfThread(ctx, intervention.thread_id)) {
    if (content.intervention_id !== intervention.id) continue;
    ctx.store.contents.update(content, (doc) => {
      doc.intervention_id = null;
      if (doc.status === 'assigned') doc.status = 'new';
    });
  }
  ctx.store.interventions.delete(intervention.id);
  emitInterventionEvent(ctx, 'intervention.canceled', intervention, user.id);
  return intervention;
}

/** Gives the intervention to another user (`intervention.user_updated`, then `intervention.assigned`). */
export function reassign(
  ctx: SandboxContext,
  user: UserRecord,
  intervention: InterventionRecord,
  target: UserRecord,
): InterventionRecord {
  if (!mayManage(ctx, user, intervention)) {
    throw refuse(
      'forbidden',
      `Your user may not reassign intervention ${intervention.id}: it needs the "update_intervention" permission, or to own the intervention.`,
    );
  }
  if (!target.enabled || !canRead(target, intervention.source_id)) {
    throw validationError(
      `The user ${target.id} cannot take intervention ${intervention.id}: they are disabled or cannot read its source.`,
    );
  }
  ctx.store.interventions.update(intervention, (doc) => {
    doc.user_id = target.id;
  });
  emitInterventionEvent(ctx, 'intervention.user_updated', intervention, user.id);
  emitInterventionEvent(ctx, 'intervention.assigned', intervention, user.id);
  return intervention;
}

export function recategorize(
  ctx: SandboxContext,
  user: UserRecord,
  intervention: InterventionRecord,
  categoryIds: string[],
): InterventionRecord {
  ctx.store.interventions.update(intervention, (doc) => {
    doc.category_ids = categoryIds;
  });
  emitInterventionEvent(ctx, 'intervention.recategorized', intervention, user.id);
  return intervention;
}

export function updateCustomFields(
  ctx: SandboxContext,
  user: UserRecord,
  intervention: InterventionRecord,
  values: Record<string, unknown>,
): InterventionRecord {
  if (!mayManage(ctx, user, intervention)) {
    throw refuse(
      'forbidden',
      `Your user may not update intervention ${intervention.id}: it needs the "update_intervention" permission, or to own the intervention.`,
    );
  }
  const fields = ctx.store.custom_fields
    .all()
    .filter((field) => field.associated_type_name === 'Intervention');
  for (const [key, value] of Object.entries(values)) {
    const field = fields.find((candidate) => candidate.key === key);
    if (!field) {
      throw validationError(
        `"custom_field_values[${key}]": no intervention custom field has the key "${key}". Known keys: ${fields.map((f) => f.key).join(', ') || 'none'}.`,
      );
    }
    if (field.read_only) throw validationError(`"custom_field_values[${key}]" is read-only.`);
    const items = Array.isArray(value) ? value.map(String) : [String(value)];
    if (field.choices.length > 0) {
      const wrong = items.find((item) => item !== '' && !field.choices.includes(item));
      if (wrong !== undefined) {
        throw validationError(
          `"custom_field_values[${key}]" must be one of ${field.choices.join(', ')}; got "${wrong}".`,
        );
      }
    }
  }
  ctx.store.interventions.update(intervention, (doc) => {
    doc.custom_fields = { ...doc.custom_fields, ...values };
  });
  emitInterventionEvent(ctx, 'intervention.custom_fields_updated', intervention, user.id);
  return intervention;
}

/** Counts an agent's reply in the intervention it answers (what `close` requires). */
export function recordAgentReply(
  ctx: SandboxContext,
  intervention: InterventionRecord,
  reply: ContentRecord,
): void {
  ctx.store.interventions.update(intervention, (doc) => {
    doc.user_replies_count += 1;
    doc.first_user_reply_id ??= reply.id;
    doc.first_user_reply_at ??= reply.created_at;
    doc.last_user_reply_at = reply.created_at;
  });
}
