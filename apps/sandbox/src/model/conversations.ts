import { randomBytes, randomUUID } from 'node:crypto';
import { ApiError, notFound, validationError } from '../http/errors.ts';
import type {
  ContentRecord,
  IdentityRecord,
  SourceRecord,
  ThreadRecord,
  UserRecord,
} from '../store/records.ts';
import {
  contentsOfThread,
  isCustomerMessage,
  lastClosedInterventionOf,
  openInterventionOf,
} from './access.ts';
import { freshId, now, type SandboxContext } from './context.ts';
import { recordAgentReply, reopen } from './interventions.ts';
import { emitContentEvent } from './metadata.ts';
import { canOnSource, requireSourcePermission } from './permissions.ts';
import { MESSAGING_SOURCE_TYPE } from './render.ts';

/** Messages: customers writing (imported) and agents or bots answering (created through the API). */

const TITLE_LENGTH = 60;

function titleFrom(body: string): string {
  const line = body.trim().split('\n')[0] ?? '';
  return line.length > TITLE_LENGTH ? `${line.slice(0, TITLE_LENGTH - 1)}…` : line;
}

/** The address an email source receives at and sends from. */
function sourceAddress(source: SourceRecord): string {
  return `${source.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.|\.$/g, '')}@sandbox.example.com`;
}

function isEmail(source: SourceRecord): boolean {
  return source.type === 'emails';
}

function newThread(
  ctx: SandboxContext,
  source: SourceRecord,
  identityId: string | null,
  title: string | null,
  threadCategoryIds?: string[],
): ThreadRecord {
  const timestamp = now(ctx);
  return ctx.store.threads.insert({
    id: freshId(ctx),
    source_id: source.id,
    title,
    closed: false,
    thread_category_ids: threadCategoryIds ?? [...source.default_category_ids],
    extra_data: {},
    foreign_id: randomUUID(),
    identity_id: identityId,
    disable_text_input: false,
    last_content_at: timestamp,
    created_at: timestamp,
    updated_at: timestamp,
  });
}

function touchThread(ctx: SandboxContext, thread: ThreadRecord, at: string): void {
  ctx.store.threads.update(thread, (doc) => {
    doc.last_content_at = at;
  });
}

function emailHeaders(
  subject: string | null,
  from: string | null,
  to: string[],
  cc: string[],
  bcc: string[],
) {
  return {
    Subject: [subject ?? ''],
    From: from ? [from] : [],
    To: to,
    ...(cc.length > 0 ? { Cc: cc } : {}),
    ...(bcc.length > 0 ? { Bcc: bcc } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Customers

export interface CustomerAuthor {
  name?: string;
  email?: string;
  phone?: string;
}

export interface CustomerMessageInput {
  body: string;
  /** A follow-up in this thread; otherwise a new thread. */
  thread_id?: string;
  /** For a new thread; default: the first RingCX Messaging source. */
  source_id?: string;
  /** Who writes; default: the thread's customer, or a new identity made from `author`. */
  identity_id?: string;
  author?: CustomerAuthor;
  /** Email subject of a new email thread. */
  title?: string;
  attachment_ids?: string[];
}

export interface CustomerMessageResult {
  content: ContentRecord;
  thread: ThreadRecord;
  identity: IdentityRecord;
  /** True when the message started a thread (including a follow-up to a closed thread). */
  new_thread: boolean;
}

function newCustomerIdentity(
  ctx: SandboxContext,
  source: SourceRecord,
  author: CustomerAuthor = {},
): IdentityRecord {
  const suffix = randomBytes(2).toString('hex');
  const name = author.name ?? `Visitor ${suffix}`;
  const [firstname = null, ...rest] = name.split(' ');
  const email = author.email ?? (isEmail(source) ? `customer-${suffix}@example.com` : null);
  const phone = author.phone ?? (source.type === 'whats_app' ? `+336${String(Date.now()).slice(-8)}` : null);
  const uuid = source.type === MESSAGING_SOURCE_TYPE ? randomUUID() : null;
  const foreignId = email ?? phone?.replace(/\D/g, '') ?? uuid ?? randomUUID();
  const timestamp = now(ctx);
  return ctx.store.identities.insert({
    id: freshId(ctx),
    type: source.type,
    community_id: source.community_id,
    foreign_id: foreignId,
    uuid,
    screenname: source.type === 'twtr' ? `@${name.replace(/\s+/g, '').toLowerCase()}` : name,
    display_name: name,
    firstname,
    lastname: rest.join(' ') || null,
    gender: null,
    email,
    mobile_phone: phone,
    home_phone: null,
    company: null,
    avatar_url: null,
    extra_values: {},
    identity_group_id: null,
    user_ids: [],
    created_at: timestamp,
    updated_at: timestamp,
  });
}

function attachmentIds(ctx: SandboxContext, ids: string[] | undefined, field: string): string[] {
  for (const id of ids ?? []) {
    if (!ctx.store.attachments.get(id)) {
      throw validationError(
        `"${field}" names ${id}, which is not an attachment: upload the file with POST /1.0/attachments first.`,
      );
    }
  }
  return ids ?? [];
}

/**
 * A customer writes (the control API's "simulate a customer message"): imports the message as
 * the channel would, in a new thread or as a follow-up, and fires `content.imported`. A follow-up
 * to a closed (locked) thread starts a new thread, as a locked conversation cannot take messages;
 * a follow-up to a thread whose intervention was closed reopens it (`intervention.reopened`).
 */
export function importCustomerMessage(
  ctx: SandboxContext,
  input: CustomerMessageInput,
): CustomerMessageResult {
  const { store } = ctx;
  if (typeof input.body !== 'string' || input.body.trim() === '') {
    throw validationError('"body" is required: the text the customer writes.');
  }
  let thread = input.thread_id ? store.threads.get(input.thread_id) : undefined;
  if (input.thread_id && !thread) throw notFound('thread', input.thread_id);
  const sourceId =
    thread?.source_id ??
    input.source_id ??
    store.sources.all().find((source) => source.type === MESSAGING_SOURCE_TYPE)?.id;
  const source = sourceId ? store.sources.get(sourceId) : undefined;
  if (!source) {
    throw sourceId
      ? notFound('source', sourceId)
      : validationError('"source_id" is required: the sandbox has no RingCX Messaging source to default to.');
  }
  let identity: IdentityRecord | undefined;
  const identityId = input.identity_id ?? (input.author ? undefined : (thread?.identity_id ?? undefined));
  if (identityId) {
    identity = store.identities.get(identityId);
    if (!identity) throw notFound('identity', identityId);
    if (identity.community_id !== source.community_id) {
      throw validationError(
        `The identity ${identityId} belongs to another source's community than "${source.name}".`,
      );
    }
  }
  identity ??= newCustomerIdentity(ctx, source, input.author);
  const attachments = attachmentIds(ctx, input.attachment_ids, 'attachment_ids');

  let isNewThread = false;
  if (!thread || thread.closed) {
    const title = isEmail(source) ? (input.title ?? titleFrom(input.body)) : titleFrom(input.body);
    thread = newThread(ctx, source, identity.id, title, thread ? [...thread.thread_category_ids] : undefined);
    isNewThread = true;
  }
  const previous = contentsOfThread(ctx, thread.id)
    .filter((content) => !isCustomerMessage(content))
    .at(-1);

  let intervention = openInterventionOf(ctx, thread.id);
  if (!intervention) {
    const closed = lastClosedInterventionOf(ctx, thread.id);
    if (closed) intervention = reopen(ctx, closed, undefined);
  }
  const timestamp = now(ctx);
  const content = store.contents.insert({
    id: freshId(ctx),
    source_id: source.id,
    thread_id: thread.id,
    intervention_id: intervention?.id ?? null,
    author_id: identity.id,
    creator_id: null,
    in_reply_to_id: isNewThread ? null : (previous?.id ?? null),
    foreign_id: randomUUID(),
    type: source.content_type,
    created_from: 'synchronizer',
    status: intervention ? 'assigned' : 'new',
    private_message: source.private_messages,
    auto_submitted: false,
    first_in_thread: isNewThread,
    language: 'en',
    title: isEmail(source) ? (isNewThread ? thread.title : `Re: ${thread.title ?? ''}`) : null,
    body: input.body,
    category_ids: [...thread.thread_category_ids],
    attachment_ids: attachments,
    synchronization_status: 'success',
    synchronization_error: null,
    headers: isEmail(source)
      ? emailHeaders(thread.title, identity.email, [sourceAddress(source)], [], [])
      : null,
    structured_content: null,
    context_data: null,
    created_at: timestamp,
    updated_at: timestamp,
  });
  touchThread(ctx, thread, timestamp);
  emitContentEvent(ctx, 'content.imported', content);
  return { content, thread, identity, new_thread: isNewThread };
}

// ---------------------------------------------------------------------------------------------
// Agents and bots

/** The user's identity on the source's community (their "first identity on source"), made on first use. */
export function agentIdentity(ctx: SandboxContext, user: UserRecord, source: SourceRecord): IdentityRecord {
  const existing = ctx.store.identities
    .all()
    .find((identity) => identity.community_id === source.community_id && identity.user_ids.includes(user.id));
  if (existing) return existing;
  const timestamp = now(ctx);
  const name = user.nickname ?? `${user.firstname} ${user.lastname}`.trim();
  return ctx.store.identities.insert({
    id: freshId(ctx),
    type: source.type,
    community_id: source.community_id,
    foreign_id: null,
    uuid: null,
    screenname: name,
    display_name: name,
    firstname: user.firstname,
    lastname: user.lastname,
    gender: null,
    email: null,
    mobile_phone: null,
    home_phone: null,
    company: null,
    avatar_url: null,
    extra_values: {},
    identity_group_id: null,
    user_ids: [user.id],
    created_at: timestamp,
    updated_at: timestamp,
  });
}

export interface CreateContentInput {
  body?: string;
  in_reply_to_id?: string;
  source_id?: string;
  author_id?: string;
  private?: boolean;
  attachment_ids?: string[];
  auto_submitted?: boolean;
  title?: string;
  /** SMS/WhatsApp/Messaging recipient when starting a discussion; refused on replies. */
  to?: string;
  to_list?: string[];
  cc?: string[];
  bcc?: string[];
  template_name?: string;
  template_language?: string;
  disable_text_input_on_thread?: boolean;
  structured_content?: Record<string, unknown>;
}

function resolveAuthor(
  ctx: SandboxContext,
  user: UserRecord,
  source: SourceRecord,
  authorId?: string,
): IdentityRecord {
  if (!authorId) return agentIdentity(ctx, user, source);
  const identity = ctx.store.identities.get(authorId);
  if (!identity || identity.community_id !== source.community_id || !identity.user_ids.includes(user.id)) {
    throw validationError(
      `"author_id" ${authorId} is not one of your user's identities on "${source.name}"; leave it out to write as your user.`,
    );
  }
  return identity;
}

/** `POST /1.0/contents`: a reply (`in_reply_to_id`) or a new discussion (`source_id`). */
export function createContent(
  ctx: SandboxContext,
  user: UserRecord,
  input: CreateContentInput,
): ContentRecord {
  const body = input.body ?? '';
  const isTemplate = input.template_name !== undefined;
  if (body.trim() === '' && !input.structured_content && !isTemplate) {
    throw validationError('"body" is required: the text of the message.');
  }
  return input.in_reply_to_id
    ? reply(ctx, user, input, input.in_reply_to_id, body)
    : initiate(ctx, user, input, body);
}

function reply(
  ctx: SandboxContext,
  user: UserRecord,
  input: CreateContentInput,
  inReplyToId: string,
  body: string,
): ContentRecord {
  const { store } = ctx;
  const repliedTo = store.contents.get(inReplyToId);
  if (!repliedTo || !canOnSource(user, repliedTo.source_id, 'read'))
    throw notFound('content (in_reply_to_id)', inReplyToId);
  if (input.source_id && input.source_id !== repliedTo.source_id) {
    throw validationError(
      `"source_id" ${input.source_id} is not the source of the message you reply to (${repliedTo.source_id}); leave it out when replying.`,
    );
  }
  if (input.to !== undefined) {
    throw validationError(
      '"to" is only for starting a discussion; a reply goes to the author of in_reply_to_id.',
    );
  }
  const source = store.sources.get(repliedTo.source_id)!;
  requireSourcePermission(store, user, source.id, 'reply');
  const thread = store.threads.get(repliedTo.thread_id)!;
  if (thread.closed) {
    throw new ApiError(403, 'cant_reply_to_closed_thread', "Can't reply to closed thread");
  }
  if (repliedTo.synchronization_status !== 'success') {
    throw new ApiError(
      403,
      'in_reply_to_not_synchronized',
      `The message ${repliedTo.id} is not synchronized yet (synchronization_status "${repliedTo.synchronization_status}"); reply to the customer's message, or wait for content.exported.`,
    );
  }
  const intervention = openInterventionOf(ctx, thread.id);
  if (ctx.behaviour.strictReplies && (!intervention || repliedTo.intervention_id !== intervention.id)) {
    throw new ApiError(
      403,
      'in_reply_to_not_under_open_intervention',
      `The message ${repliedTo.id} is not under an open intervention: open one with POST /1.0/interventions (content_id=${repliedTo.id}) before replying. (The sandbox runs with strict replies.)`,
    );
  }
  const author = resolveAuthor(ctx, user, source, input.author_id);
  const attachments = attachmentIds(ctx, input.attachment_ids, 'attachment_ids[]');
  const timestamp = now(ctx);
  const content = store.contents.insert({
    id: freshId(ctx),
    source_id: source.id,
    thread_id: thread.id,
    intervention_id: intervention?.id ?? null,
    author_id: author.id,
    creator_id: user.id,
    in_reply_to_id: repliedTo.id,
    foreign_id: null,
    type: source.content_type,
    created_from: 'api',
    status: 'user_reply',
    private_message: input.private ?? repliedTo.private_message,
    auto_submitted: input.auto_submitted ?? false,
    first_in_thread: false,
    language: 'en',
    title: isEmail(source) ? (input.title ?? `Re: ${thread.title ?? ''}`) : (input.title ?? null),
    body,
    category_ids: [],
    attachment_ids: attachments,
    synchronization_status: 'export_pending',
    synchronization_error: null,
    headers: isEmail(source)
      ? emailHeaders(
          input.title ?? `Re: ${thread.title ?? ''}`,
          sourceAddress(source),
          input.to_list ?? [store.identities.get(repliedTo.author_id)?.email ?? ''].filter(Boolean),
          input.cc ?? [],
          input.bcc ?? [],
        )
      : null,
    structured_content: input.structured_content ?? null,
    context_data: null,
    created_at: timestamp,
    updated_at: timestamp,
  });
  // The customer's waiting messages are answered.
  for (const waiting of contentsOfThread(ctx, thread.id)) {
    if (isCustomerMessage(waiting) && (waiting.status === 'new' || waiting.status === 'assigned')) {
      store.contents.update(waiting, (doc) => {
        doc.status = 'replied';
      });
    }
  }
  if (intervention) recordAgentReply(ctx, intervention, content);
  if (input.disable_text_input_on_thread !== undefined && source.type === MESSAGING_SOURCE_TYPE) {
    store.threads.update(thread, (doc) => {
      doc.disable_text_input = input.disable_text_input_on_thread!;
    });
  }
  touchThread(ctx, thread, timestamp);
  emitContentEvent(ctx, 'content.replied', content, user.id);
  scheduleExport(ctx, content);
  return content;
}

function initiate(
  ctx: SandboxContext,
  user: UserRecord,
  input: CreateContentInput,
  body: string,
): ContentRecord {
  const { store } = ctx;
  if (!input.source_id) {
    throw validationError(
      '"source_id" is required to start a discussion; to answer a message, send "in_reply_to_id" instead.',
    );
  }
  const source = store.sources.get(input.source_id);
  if (!source || !canOnSource(user, source.id, 'read')) throw notFound('source', input.source_id);
  if (!canOnSource(user, source.id, 'initiate_discussion')) {
    throw new ApiError(
      403,
      'compose_disabled_on_source',
      `Your user cannot start discussions on "${source.name}" (no "initiate_discussion" permission, or the source cannot initiate): reply to an existing message instead.`,
    );
  }
  const recipient = recipientOf(ctx, source, input);
  const author = resolveAuthor(ctx, user, source, input.author_id);
  const attachments = attachmentIds(ctx, input.attachment_ids, 'attachment_ids[]');
  const title = isEmail(source) ? input.title! : titleFrom(body || (input.template_name ?? ''));
  const thread = newThread(ctx, source, recipient.id, title);
  const timestamp = now(ctx);
  const content = store.contents.insert({
    id: freshId(ctx),
    source_id: source.id,
    thread_id: thread.id,
    intervention_id: null,
    author_id: author.id,
    creator_id: user.id,
    in_reply_to_id: null,
    foreign_id: null,
    type: source.content_type,
    created_from: 'api',
    status: 'user_initiated',
    private_message: input.private ?? source.private_messages,
    auto_submitted: input.auto_submitted ?? false,
    first_in_thread: true,
    language: input.template_language ?? 'en',
    title: isEmail(source) ? title : (input.title ?? null),
    body,
    category_ids: [],
    attachment_ids: attachments,
    synchronization_status: 'export_pending',
    synchronization_error: null,
    headers: isEmail(source)
      ? emailHeaders(title, sourceAddress(source), input.to_list ?? [], input.cc ?? [], input.bcc ?? [])
      : null,
    structured_content: input.structured_content ?? null,
    context_data: null,
    created_at: timestamp,
    updated_at: timestamp,
  });
  emitContentEvent(ctx, 'content.discussion_initiated', content, user.id);
  scheduleExport(ctx, content);
  return content;
}

/** Who a new discussion goes to, from the fields each kind of source needs. */
function recipientOf(ctx: SandboxContext, source: SourceRecord, input: CreateContentInput): IdentityRecord {
  const inCommunity = (match: (identity: IdentityRecord) => boolean) =>
    ctx.store.identities
      .all()
      .find((identity) => identity.community_id === source.community_id && match(identity));
  if (isEmail(source)) {
    if (!input.title)
      throw validationError('"title" (the email subject) is required to start an email discussion.');
    const to = input.to_list?.[0];
    if (!to)
      throw validationError(
        '"to[]" (at least one recipient address) is required to start an email discussion.',
      );
    return (
      inCommunity((identity) => identity.email === to) ??
      newCustomerIdentity(ctx, source, { email: to, name: to })
    );
  }
  if (!input.to) {
    throw validationError(
      `"to" is required to start a discussion on "${source.name}": ${source.type === 'whats_app' ? 'a phone number starting with + or 00' : "the customer identity's foreign_id"}.`,
    );
  }
  if (source.type === 'whats_app') {
    if (!/^(\+|00)\d{6,15}$/.test(input.to.replace(/[\s.-]/g, ''))) {
      throw validationError(
        `"to" must be a phone number starting with + or 00 (e.g. +33634231224), got "${input.to}".`,
      );
    }
    if (!input.template_name || !input.template_language) {
      throw validationError(
        '"template_name" and "template_language" are required to start a WhatsApp discussion: pick one of the source\'s template_messages.',
      );
    }
    const known = source.template_messages?.some(
      (template) => template.name === input.template_name && template.language === input.template_language,
    );
    if (!known) {
      throw validationError(
        `No WhatsApp template "${input.template_name}" in "${input.template_language}" on "${source.name}"; see GET /1.0/content_sources/${source.id} template_messages.`,
      );
    }
    const digits = input.to.replace(/\D/g, '').replace(/^00/, '');
    return (
      inCommunity((identity) => identity.foreign_id === digits) ??
      newCustomerIdentity(ctx, source, { phone: input.to, name: input.to })
    );
  }
  const identity = inCommunity((candidate) => candidate.foreign_id === input.to);
  if (!identity) {
    throw validationError(`"to": no identity with foreign_id "${input.to}" on "${source.name}".`);
  }
  return identity;
}

/** The channel takes the message a moment later: `export_pending` → `success`, then `content.exported`. */
function scheduleExport(ctx: SandboxContext, content: ContentRecord): void {
  ctx.jobs.run(ctx.behaviour.exportMs, () => {
    const current = ctx.store.contents.get(content.id);
    if (current !== content) return;
    ctx.store.contents.update(content, (doc) => {
      doc.synchronization_status = 'success';
      doc.foreign_id = randomUUID();
    });
    emitContentEvent(ctx, 'content.exported', content, content.creator_id);
  });
}

export function ignoreContent(ctx: SandboxContext, content: ContentRecord): ContentRecord {
  return ctx.store.contents.update(content, (doc) => {
    doc.status = 'ignored';
  });
}

export function categorizeContent(
  ctx: SandboxContext,
  content: ContentRecord,
  categoryIds: string[],
): ContentRecord {
  return ctx.store.contents.update(content, (doc) => {
    doc.category_ids = categoryIds;
  });
}
