import type { FastifyInstance } from 'fastify';
import { ApiError, validationError } from '../http/errors.ts';
import { optionalBoolean, optionalEnum, optionalString, requiredString } from '../http/params.ts';
import { readableContent, readableIntervention } from '../model/access.ts';
import type { SandboxContext } from '../model/context.ts';
import { close, openOrReopen, reassign } from '../model/interventions.ts';
import { canRead, requireSourcePermission } from '../model/permissions.ts';
import { renderIntervention } from '../model/render.ts';
import { categorizeThread, closeThread } from '../model/threads.ts';
import type { InterventionRecord, UserRecord } from '../store/records.ts';
import { caller, categoryIds, paramsOf } from './common.ts';

/**
 * `{status, message}` answers of complete and handover. The guide shows `"status": 200` (a number);
 * the specification types it as a string, which the sandbox follows.
 */
const SUCCESS = { status: '200', message: 'Success' };

/**
 * Who routing would give a handed-over conversation to: an enabled human agent who reads the
 * source, has one of the thread's categories as a skill, is connected and available on the
 * source's channel and is not full.
 */
function availableAgent(ctx: SandboxContext, intervention: InterventionRecord): UserRecord | undefined {
  const { store } = ctx;
  const thread = store.threads.get(intervention.thread_id)!;
  const channel = store.channels
    .all()
    .find((candidate) => candidate.source_ids.includes(intervention.source_id));
  return store.users.all().find((user) => {
    if (user.bot || !user.enabled || !canRead(user, intervention.source_id)) return false;
    if (!thread.thread_category_ids.some((id) => user.category_ids.includes(id))) return false;
    const status = store.agent_statuses.get(user.id);
    if (!status?.connected || !channel || status.channels[channel.id] !== 'available') return false;
    const open = store.interventions
      .all()
      .filter(
        (other) =>
          other.user_id === user.id &&
          other.status !== 'closed' &&
          channel.source_ids.includes(other.source_id),
      ).length;
    return open < channel.hard_capability;
  });
}

/** Virtual agents (REFERENCE §2.5, §5). */
export function botRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  api.post('/bots/engage', async (request) => {
    const user = caller(request);
    const contentId = requiredString(
      paramsOf(request),
      'content_id',
      'the id of the customer message the bot engages on.',
    );
    const content = readableContent(ctx, user, contentId);
    requireSourcePermission(ctx.store, user, content.source_id, 'reply');
    return renderIntervention(ctx, openOrReopen(ctx, user, content));
  });

  api.post('/bots/complete', async (request) => {
    const user = caller(request);
    const params = paramsOf(request);
    const interventionId = requiredString(
      params,
      'intervention_id',
      'the id of the intervention the bot completes.',
    );
    const intervention = readableIntervention(ctx, user, interventionId);
    const closeThreadToo = optionalBoolean(params, 'close_thread') ?? false;
    const added = categoryIds(ctx, params, 'thread_category_ids', false);
    if (intervention.status === 'closed') {
      throw new ApiError(
        422,
        'intervention_already_closed',
        `Intervention ${intervention.id} is already closed.`,
      );
    }
    const thread = ctx.store.threads.get(intervention.thread_id)!;
    if (closeThreadToo && !ctx.store.sources.get(thread.source_id)!.threads_closable) {
      throw new ApiError(
        422,
        'thread_cannot_be_closed',
        `close_thread=true: threads of this source cannot be closed; complete without close_thread.`,
      );
    }
    // Completing is the bot's way to close: it does not need an agent reply first.
    close(ctx, user, intervention, { requireReply: false });
    if (added?.length) {
      ctx.store.threads.update(thread, (doc) => {
        doc.thread_category_ids = [...new Set([...doc.thread_category_ids, ...added])];
      });
    }
    if (closeThreadToo) closeThread(ctx, user, thread);
    return SUCCESS;
  });

  api.post('/bots/handover', async (request) => {
    const user = caller(request);
    const params = paramsOf(request);
    const from = optionalEnum(params, 'from', ['bot', 'agent'] as const);
    const to = optionalEnum(params, 'to', ['bot', 'agent'] as const);
    const type = optionalString(params, 'type');
    if (!from || !to || !type) {
      throw validationError(
        '"from", "to" (bot or agent) and "type" (e.g. engage_virtual_agent) are required.',
      );
    }
    if (from === to)
      throw validationError(`"from" and "to" are both "${from}": a handover goes from bot to agent or back.`);
    if (type !== 'engage_virtual_agent') {
      if (!optionalString(params, 'identity_foreign_id')) {
        throw validationError(`"identity_foreign_id" is required for a ${type} handover.`);
      }
      throw new ApiError(
        422,
        'handover_not_supported',
        `The sandbox has no ${type} source, so a ${type} handover has nothing to act on; use type=engage_virtual_agent with intervention_id.`,
      );
    }
    const interventionId = requiredString(
      params,
      'intervention_id',
      'the intervention to hand over (type engage_virtual_agent).',
    );
    const intervention = readableIntervention(ctx, user, interventionId);
    if (intervention.status === 'closed') {
      throw new ApiError(
        422,
        'intervention_already_closed',
        `Intervention ${intervention.id} is closed: nothing to hand over.`,
      );
    }
    const ids = categoryIds(ctx, params, 'thread_category_ids', false);
    const thread = ctx.store.threads.get(intervention.thread_id)!;
    if (ids) categorizeThread(ctx, thread, ids);
    const target = to === 'agent' ? availableAgent(ctx, intervention) : user.bot ? user : undefined;
    if (target && target.id !== intervention.user_id) reassign(ctx, user, intervention, target);
    return {
      ...SUCCESS,
      message: target
        ? `Success: intervention assigned to ${target.firstname} ${target.lastname}`.trim()
        : 'Success: no agent is available, the conversation waits in the queue',
    };
  });
}
