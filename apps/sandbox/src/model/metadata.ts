import type { ContentRecord, InterventionRecord, ThreadRecord } from '../store/records.ts';
import type { SandboxContext } from './context.ts';
import { capabilitiesOf, effectiveCategoryIds, MESSAGING_SOURCE_TYPE } from './render.ts';

/**
 * Webhook event payloads (`resource.type` and `resource.metadata`), with the keys REFERENCE §4.3
 * lists for each kind of resource.
 */

/** `message` for RingCX Messaging, `<source type>/<content type>` elsewhere (`emails/email`). */
export function contentResourceType(ctx: SandboxContext, content: ContentRecord): string {
  const source = ctx.store.sources.get(content.source_id);
  if (!source || source.type === MESSAGING_SOURCE_TYPE) return 'message';
  return `${source.type}/${content.type}`;
}

/** `synchronization_status` is part of the export events only (REFERENCE §4.3). */
const EXPORT_EVENTS = new Set(['content.exported', 'content.update_exported']);

export function contentMetadata(
  ctx: SandboxContext,
  content: ContentRecord,
  eventType: string,
): Record<string, unknown> {
  const { store } = ctx;
  const source = store.sources.get(content.source_id);
  const thread = store.threads.get(content.thread_id);
  const repliedTo = content.in_reply_to_id ? store.contents.get(content.in_reply_to_id) : undefined;
  const capabilities = capabilitiesOf(ctx, content);
  const email = content.headers
    ? {
        title: content.title,
        from: content.headers.From?.[0] ?? null,
        to: content.headers.To ?? [],
        cc: content.headers.Cc ?? [],
        bcc: content.headers.Bcc ?? [],
      }
    : {};
  return {
    id: content.id,
    approval_required: false,
    author_id: content.author_id,
    body: content.body,
    body_input_format: 'text',
    category_ids: effectiveCategoryIds(ctx, content),
    context_data: content.context_data,
    created_from: content.created_from,
    creator_id: content.creator_id,
    date: content.created_at.slice(0, 10),
    first_in_thread: content.first_in_thread,
    foreign_categories: [],
    foreign_id: content.foreign_id,
    has_attachment: content.attachment_ids.length > 0,
    intervention_id: content.intervention_id,
    in_reply_to_author_id: repliedTo?.author_id ?? null,
    in_reply_to_id: content.in_reply_to_id,
    language: content.language,
    private: content.private_message,
    source_id: content.source_id,
    source_type: source?.type ?? null,
    status: content.status,
    thread_id: content.thread_id,
    thread_title: thread?.title ?? null,
    type: content.type,
    capabilities_supported: capabilities,
    structured_content_supported: capabilities.length > 0,
    ...(source?.type === MESSAGING_SOURCE_TYPE && content.creator_id === null
      ? { foreign_origin: 'web' }
      : {}),
    ...email,
    ...(EXPORT_EVENTS.has(eventType)
      ? {
          synchronization_status: content.synchronization_status,
          synchronization_error: content.synchronization_error,
        }
      : {}),
  };
}

export function interventionMetadata(intervention: InterventionRecord): Record<string, unknown> {
  return {
    category_ids: intervention.category_ids,
    closed_at: intervention.closed_at,
    content_id: intervention.content_id,
    custom_field_values: intervention.custom_fields,
    deferred_at: null,
    identity_id: intervention.identity_id,
    source_id: intervention.source_id,
    status: intervention.status,
    thread_id: intervention.thread_id,
    user_id: intervention.user_id,
  };
}

export function threadMetadata(thread: ThreadRecord): Record<string, unknown> {
  return {
    closed: thread.closed,
    foreign_id: thread.foreign_id,
    identity_id: thread.identity_id,
    source_id: thread.source_id,
    thread_category_ids: thread.thread_category_ids,
    title: thread.title,
  };
}

export function emitContentEvent(
  ctx: SandboxContext,
  type: string,
  content: ContentRecord,
  userId?: string | null,
): void {
  ctx.bus.emit({
    type,
    resource: {
      type: contentResourceType(ctx, content),
      id: content.id,
      metadata: contentMetadata(ctx, content, type),
    },
    ...(userId ? { user_id: userId } : {}),
  });
}

export function emitInterventionEvent(
  ctx: SandboxContext,
  type: string,
  intervention: InterventionRecord,
  userId?: string | null,
): void {
  ctx.bus.emit({
    type,
    resource: { type: 'intervention', id: intervention.id, metadata: interventionMetadata(intervention) },
    ...(userId ? { user_id: userId } : {}),
  });
}

export function emitThreadEvent(
  ctx: SandboxContext,
  type: string,
  thread: ThreadRecord,
  userId?: string,
): void {
  ctx.bus.emit({
    type,
    resource: { type: 'content_thread', id: thread.id, metadata: threadMetadata(thread) },
    ...(userId ? { user_id: userId } : {}),
  });
}
