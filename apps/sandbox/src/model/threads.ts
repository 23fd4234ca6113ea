import { ApiError, notFound } from '../http/errors.ts';
import type { ThreadRecord, UserRecord } from '../store/records.ts';
import { contentsOfThread, isCustomerMessage } from './access.ts';
import type { SandboxContext } from './context.ts';
import { emitThreadEvent } from './metadata.ts';
import { canOnSource, requirePermission } from './permissions.ts';
import { MESSAGING_SOURCE_TYPE } from './render.ts';

/**
 * Thread jobs (REFERENCE §2.2, §10.8). Close and open run in the background: the answer shows the
 * thread as it was when the job started. Ignore and categorize apply at once but keep the thread
 * busy for the job's duration. While any of them runs, another one on the same thread gets 409.
 */

function ensureIdle(ctx: SandboxContext, thread: ThreadRecord): void {
  const running = ctx.jobs.busy(thread.id);
  if (running) {
    throw new ApiError(
      409,
      'thread_job_in_progress',
      `Thread ${thread.id} is already being ${running}: wait for that job to end (content.thread_closed/opened or a fresh GET shows it), then retry.`,
    );
  }
}

function lockFor(ctx: SandboxContext, thread: ThreadRecord, label: string): void {
  ctx.jobs.run(ctx.behaviour.threadJobMs, () => undefined, { key: thread.id, label });
}

function ensureClosable(ctx: SandboxContext, thread: ThreadRecord): void {
  const source = ctx.store.sources.get(thread.source_id)!;
  if (!source.threads_closable) {
    throw new ApiError(
      403,
      'thread_cannot_be_closed',
      `Threads of "${source.name}" (${source.type}) cannot be closed or opened: only email, messaging and Messenger-like sources support it.`,
    );
  }
}

function setClosed(
  ctx: SandboxContext,
  user: UserRecord,
  thread: ThreadRecord,
  closed: boolean,
): ThreadRecord {
  ensureClosable(ctx, thread);
  requirePermission(
    ctx.store,
    user,
    closed ? 'close_content_thread' : 'open_content_thread',
    closed ? 'close threads' : 'open threads',
  );
  ensureIdle(ctx, thread);
  const snapshot = structuredClone(thread);
  ctx.jobs.run(
    ctx.behaviour.threadJobMs,
    () => {
      if (ctx.store.threads.get(thread.id) !== thread || thread.closed === closed) return;
      ctx.store.threads.update(thread, (doc) => {
        doc.closed = closed;
      });
      emitThreadEvent(ctx, closed ? 'content.thread_closed' : 'content.thread_opened', thread, user.id);
    },
    { key: thread.id, label: closed ? 'closed' : 'opened' },
  );
  return snapshot;
}

export function closeThread(ctx: SandboxContext, user: UserRecord, thread: ThreadRecord): ThreadRecord {
  return setClosed(ctx, user, thread, true);
}

export function openThread(ctx: SandboxContext, user: UserRecord, thread: ThreadRecord): ThreadRecord {
  return setClosed(ctx, user, thread, false);
}

/** Archives the thread: its waiting customer messages become `ignored`. */
export function ignoreThread(ctx: SandboxContext, thread: ThreadRecord): ThreadRecord {
  ensureIdle(ctx, thread);
  for (const content of contentsOfThread(ctx, thread.id)) {
    if (isCustomerMessage(content) && (content.status === 'new' || content.status === 'assigned')) {
      ctx.store.contents.update(content, (doc) => {
        doc.status = 'ignored';
      });
    }
  }
  ctx.store.threads.update(thread, () => undefined);
  lockFor(ctx, thread, 'archived');
  return thread;
}

/** Replaces the thread's own categories (what routing and the bot hand-over change). */
export function categorizeThread(
  ctx: SandboxContext,
  thread: ThreadRecord,
  categoryIds: string[],
): ThreadRecord {
  ensureIdle(ctx, thread);
  ctx.store.threads.update(thread, (doc) => {
    doc.thread_category_ids = categoryIds;
  });
  lockFor(ctx, thread, 'categorized');
  return thread;
}

/** Messaging threads only; 403 when already in that state or without "reply" on the source. */
export function setTextInput(
  ctx: SandboxContext,
  user: UserRecord,
  thread: ThreadRecord,
  disabled: boolean,
): ThreadRecord {
  const source = ctx.store.sources.get(thread.source_id)!;
  if (source.type !== MESSAGING_SOURCE_TYPE) throw notFound('messaging thread', thread.id);
  if (!canOnSource(user, source.id, 'reply')) {
    throw new ApiError(403, 'forbidden', `Your user has no "reply" permission on "${source.name}".`);
  }
  if (thread.disable_text_input === disabled) {
    throw new ApiError(
      403,
      disabled ? 'text_input_already_disabled' : 'text_input_already_enabled',
      `Text input on thread ${thread.id} is already ${disabled ? 'disabled' : 'enabled'}.`,
    );
  }
  return ctx.store.threads.update(thread, (doc) => {
    doc.disable_text_input = disabled;
  });
}
