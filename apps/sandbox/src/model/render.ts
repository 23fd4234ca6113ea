import type {
  AgentStatusRecord,
  AttachmentRecord,
  CategoryRecord,
  ChannelRecord,
  CommunityRecord,
  ContentRecord,
  CustomFieldRecord,
  IdentityGroupRecord,
  IdentityRecord,
  InterventionRecord,
  JournalRecord,
  RoleRecord,
  SourceRecord,
  TagRecord,
  TeamRecord,
  ThreadRecord,
  UserRecord,
} from '../store/records.ts';
import type { SandboxContext } from './context.ts';
import { partsOf, type ThreadParts } from './thread-index.ts';

/** The objects as the API returns them (REFERENCE §3; field lists from the specification). */

const COLOR_HEX = [
  '#A1A1A1',
  '#3F8FD2',
  '#66B245',
  '#3EC1B6',
  '#9B6BCB',
  '#E8C14D',
  '#F08F3A',
  '#E2574C',
  '#4A5B6C',
  '#C0C0C0',
];

/** RingCX Messaging: web, iOS and Android chat in one source. */
export const MESSAGING_SOURCE_TYPE = 'engage_messaging';

export function renderSource(source: SourceRecord): Record<string, unknown> {
  return {
    id: source.id,
    name: source.name,
    type: source.type,
    status: 'ok',
    error_message: null,
    active: source.active,
    channel_id: source.channel_id,
    community_id: source.community_id,
    color: source.color,
    color_hex: COLOR_HEX[source.color] ?? COLOR_HEX[0],
    default_category_ids: source.default_category_ids,
    user_thread_default_category_ids: [],
    default_content_language: 'en',
    auto_detect_content_language: false,
    content_languages: ['en'],
    content_archiving: false,
    hidden_from_stats: false,
    intervention_messages_boost: 0,
    transferred_tasks_boost: 0,
    default_task_priority: 0,
    sla_response: source.sla_response,
    sla_threshold: 80,
    sla_expired_strategy: 'max',
    sla_filtering_categories_strategy: 'ignored_categories',
    sla_filtering_category_ids: [],
    time_sheet_ids: [],
    attachments_security_level: 'relaxed',
    auto_response_triggers: [],
    auto_response_trigger_enabled: { first_message_from_user: false, out_of_office_hours_message: false },
    auto_response_trigger_grace_periods: { first_message_from_user: 0, out_of_office_hours_message: 0 },
    signatures: [],
    ...(source.type === MESSAGING_SOURCE_TYPE
      ? { live_chat: false, enable_web: true, enable_ios: true, enable_android: true }
      : {}),
    ...(source.template_messages ? { template_messages: source.template_messages } : {}),
    created_at: source.created_at,
    updated_at: source.updated_at,
  };
}

export function renderCommunity(community: CommunityRecord): Record<string, unknown> {
  return { ...community };
}

export function renderChannel(channel: ChannelRecord): Record<string, unknown> {
  return { ...channel };
}

export function renderRole(role: RoleRecord): Record<string, unknown> {
  const { permissions, ...rest } = role;
  return { ...rest, ...permissions };
}

export function teamIdsOf(ctx: SandboxContext, userId: string): string[] {
  return ctx.store.teams
    .all()
    .filter((team) => team.user_ids.includes(userId) || team.leader_ids.includes(userId))
    .map((team) => team.id);
}

export function identityIdsOf(ctx: SandboxContext, userId: string): string[] {
  return ctx.store.identities
    .all()
    .filter((identity) => identity.user_ids.includes(userId))
    .map((identity) => identity.id);
}

export function renderUser(ctx: SandboxContext, user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    firstname: user.firstname,
    lastname: user.lastname,
    nickname: user.nickname,
    gender: user.gender,
    enabled: user.enabled,
    external_id: user.external_id,
    rc_user_id: null,
    role_id: user.role_id,
    team_ids: teamIdsOf(ctx, user.id),
    category_ids: user.category_ids,
    identity_ids: identityIdsOf(ctx, user.id),
    spoken_languages: user.spoken_languages,
    locale: user.locale,
    timezone: user.timezone,
    invitation_pending: user.invitation_pending,
    user_capacity_id: null,
    no_password: user.no_password,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

export function renderTeam(team: TeamRecord): Record<string, unknown> {
  return { ...team };
}

export function renderCategory(category: CategoryRecord): Record<string, unknown> {
  return { ...category };
}

export function renderTag(tag: TagRecord): Record<string, unknown> {
  return { ...tag };
}

export function renderCustomField(field: CustomFieldRecord): Record<string, unknown> {
  return { ...field };
}

export function renderIdentity(identity: IdentityRecord): Record<string, unknown> {
  return {
    id: identity.id,
    type: identity.type,
    community_id: identity.community_id,
    community_url: null,
    foreign_id: identity.foreign_id,
    uuid: identity.uuid,
    screenname: identity.screenname,
    display_name: identity.display_name,
    firstname: identity.firstname,
    lastname: identity.lastname,
    gender: identity.gender,
    email: identity.email,
    mobile_phone: identity.mobile_phone,
    home_phone: identity.home_phone,
    company: identity.company,
    avatar_url: identity.avatar_url,
    extra_values: identity.extra_values,
    identity_group_id: identity.identity_group_id,
    user_ids: identity.user_ids,
    created_at: identity.created_at,
    updated_at: identity.updated_at,
  };
}

export function renderIdentityGroup(
  ctx: SandboxContext,
  group: IdentityGroupRecord,
): Record<string, unknown> {
  return {
    ...group,
    identity_ids: ctx.store.identities
      .all()
      .filter((identity) => identity.identity_group_id === group.id)
      .map((identity) => identity.id),
  };
}

/** Every category of a thread: its own, its messages' and its interventions'. */
export function threadCategoryUnion(thread: ThreadRecord, parts: ThreadParts): string[] {
  const all = new Set(thread.thread_category_ids);
  for (const content of parts.contents) for (const id of content.category_ids) all.add(id);
  for (const intervention of parts.interventions) for (const id of intervention.category_ids) all.add(id);
  return [...all];
}

export function renderThread(
  ctx: SandboxContext,
  thread: ThreadRecord,
  parts: ThreadParts = partsOf(ctx, thread.id),
): Record<string, unknown> {
  const source = ctx.store.sources.get(thread.source_id);
  return {
    id: thread.id,
    source_id: thread.source_id,
    title: thread.title,
    closed: thread.closed,
    contents_count: parts.contents.length,
    interventions_count: parts.interventions.length,
    category_ids: threadCategoryUnion(thread, parts),
    thread_category_ids: thread.thread_category_ids,
    extra_data: thread.extra_data,
    foreign_id: thread.foreign_id,
    ...(source?.type === MESSAGING_SOURCE_TYPE ? { disable_text_input: thread.disable_text_input } : {}),
    created_at: thread.created_at,
    updated_at: thread.updated_at,
    last_content_at: thread.last_content_at,
  };
}

/** A message's categories; "if none, they default to intervention categories or thread categories". */
export function effectiveCategoryIds(ctx: SandboxContext, content: ContentRecord): string[] {
  if (content.category_ids.length > 0) return content.category_ids;
  const intervention = content.intervention_id
    ? ctx.store.interventions.get(content.intervention_id)
    : undefined;
  if (intervention && intervention.category_ids.length > 0) return intervention.category_ids;
  return ctx.store.threads.get(content.thread_id)?.thread_category_ids ?? [];
}

/** What a customer's messaging client can display, advertised on the customer's messages. */
const MESSAGING_CAPABILITIES = ['select', 'rich_link', 'template', 'carousel'];

export function capabilitiesOf(ctx: SandboxContext, content: ContentRecord): string[] {
  const source = ctx.store.sources.get(content.source_id);
  return source?.type === MESSAGING_SOURCE_TYPE && content.creator_id === null ? MESSAGING_CAPABILITIES : [];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function toHtml(body: string): string {
  return body
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n\n');
}

export function attachmentUrl(ctx: SandboxContext, id: string): string {
  return `${ctx.publicUrl()}/attachments/${id}`;
}

export function renderAttachment(ctx: SandboxContext, attachment: AttachmentRecord): Record<string, unknown> {
  return {
    id: attachment.id,
    filename: attachment.filename,
    content_type: attachment.content_type,
    size: attachment.size,
    url: attachmentUrl(ctx, attachment.id),
    embed: false,
    'public?': attachment.public,
    foreign_id: null,
    video_metadata: [],
    created_at: attachment.created_at,
    updated_at: attachment.updated_at,
  };
}

/** Attachments inside a content: the specification types `embed` and `public?` as strings there. */
function renderContentAttachment(ctx: SandboxContext, attachment: AttachmentRecord): Record<string, unknown> {
  return {
    id: attachment.id,
    filename: attachment.filename,
    content_type: attachment.content_type,
    size: attachment.size,
    url: attachmentUrl(ctx, attachment.id),
    embed: 'false',
    'public?': String(attachment.public),
    foreign_id: null,
    created_at: attachment.created_at,
    updated_at: attachment.updated_at,
  };
}

export function renderContent(ctx: SandboxContext, content: ContentRecord): Record<string, unknown> {
  const { store } = ctx;
  const source = store.sources.get(content.source_id);
  const author = store.identities.get(content.author_id);
  const repliedTo = content.in_reply_to_id ? store.contents.get(content.in_reply_to_id) : undefined;
  const attachments = content.attachment_ids
    .map((id) => store.attachments.get(id))
    .filter((attachment) => attachment !== undefined);
  return {
    id: content.id,
    source_id: content.source_id,
    source_type: source?.type ?? null,
    source_url: null,
    thread_id: content.thread_id,
    intervention_id: content.intervention_id,
    author_id: content.author_id,
    creator_id: content.creator_id,
    identity_group_id: author?.identity_group_id ?? null,
    in_reply_to_id: content.in_reply_to_id,
    in_reply_to_author_id: repliedTo?.author_id ?? null,
    foreign_id: content.foreign_id,
    type: content.type,
    created_from: content.created_from,
    status: content.status,
    private_message: content.private_message,
    published: true,
    approval_required: false,
    remotely_deleted: false,
    auto_submitted: content.auto_submitted,
    first_in_thread: content.first_in_thread,
    language: content.language,
    title: content.title,
    body: content.body,
    body_formatted: { text: content.body, html: toHtml(content.body) },
    body_input_format: 'text',
    attachments_count: attachments.length,
    attachments: attachments.map((attachment) => renderContentAttachment(ctx, attachment)),
    category_ids: effectiveCategoryIds(ctx, content),
    foreign_categories: [],
    context_data: content.context_data,
    ...(content.headers ? { headers: content.headers } : {}),
    ...(content.structured_content ? { structured_content: content.structured_content } : {}),
    synchronization_status: content.synchronization_status,
    synchronization_error: content.synchronization_error,
    capabilities_supported: capabilitiesOf(ctx, content),
    created_at: content.created_at,
    updated_at: content.updated_at,
  };
}

function secondsBetween(from: string, to: string | null): number | null {
  return to === null ? null : Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
}

export function renderIntervention(
  ctx: SandboxContext,
  intervention: InterventionRecord,
): Record<string, unknown> {
  const identity = intervention.identity_id ? ctx.store.identities.get(intervention.identity_id) : undefined;
  const firstReplyIn = secondsBetween(intervention.created_at, intervention.first_user_reply_at);
  const lastReplyIn = secondsBetween(intervention.created_at, intervention.last_user_reply_at);
  return {
    id: intervention.id,
    source_id: intervention.source_id,
    thread_id: intervention.thread_id,
    content_id: intervention.content_id,
    identity_id: intervention.identity_id,
    identity_group_id: identity?.identity_group_id ?? null,
    user_id: intervention.user_id,
    status: intervention.status,
    closed: intervention.status === 'closed',
    closed_at: intervention.closed_at,
    deferred_at: null,
    category_ids: intervention.category_ids,
    custom_fields: intervention.custom_fields,
    comments_count: intervention.comments_count,
    user_replies_count: intervention.user_replies_count,
    first_user_reply_id: intervention.first_user_reply_id,
    first_user_reply_in: firstReplyIn,
    first_user_reply_in_bh: firstReplyIn,
    last_user_reply_in: lastReplyIn,
    last_user_reply_in_bh: lastReplyIn,
    user_reply_in_average: firstReplyIn,
    user_reply_in_average_bh: firstReplyIn,
    user_reply_in_average_count: firstReplyIn === null ? 0 : 1,
    created_at: intervention.created_at,
    updated_at: intervention.updated_at,
  };
}

export function renderJournalEvent(event: JournalRecord): Record<string, unknown> {
  return { ...event };
}

/** How loaded an agent is on a channel, from their open interventions on its sources. */
function busyness(ctx: SandboxContext, userId: string, channel: ChannelRecord): string {
  const open = ctx.store.interventions
    .all()
    .filter(
      (intervention) =>
        intervention.user_id === userId &&
        intervention.status !== 'closed' &&
        channel.source_ids.includes(intervention.source_id),
    ).length;
  if (open === 0) return 'unoccupied';
  if (open >= channel.hard_capability) return 'full';
  if (open >= channel.soft_capability) return 'busy';
  return 'ok';
}

export function renderAgentStatus(ctx: SandboxContext, status: AgentStatusRecord): Record<string, unknown> {
  return {
    agent_id: status.id,
    channels: ctx.store.channels.all().map((channel) => ({
      id: channel.id,
      name: channel.name,
      status: status.channels[channel.id] ?? null,
      busyness: busyness(ctx, status.id, channel),
    })),
    custom_status: status.custom_status_id ? { id: status.custom_status_id } : null,
  };
}
