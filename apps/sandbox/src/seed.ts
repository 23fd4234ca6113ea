import type { AccessToken } from './auth.ts';
import { apiDate } from './ids.ts';
import type {
  ContentRecord,
  IdentityRecord,
  InterventionRecord,
  Snapshot,
  SourcePermission,
  ThreadRecord,
  UserRecord,
} from './store/records.ts';

/**
 * The seeded domain: fixed ids and a fixed base time, so every run (and every test) sees the same
 * data. `default` is a support team with a bot and a few conversations at different stages;
 * `empty` is the same domain setup (sources, users, categories…) without any conversation.
 */
export type SeedName = 'default' | 'empty';
export const SEED_NAMES: readonly SeedName[] = ['default', 'empty'];

/** Monday 6 January 2025, 09:00 UTC: the first seeded conversation starts then. */
export const SEED_BASE_TIME = Date.UTC(2025, 0, 6, 9, 0, 0);

const BASE_HEX = Math.floor(SEED_BASE_TIME / 1000).toString(16);

/** A fixed ObjectId-shaped id: base time, a kind, a number. */
function sid(kind: number, n: number): string {
  return `${BASE_HEX}${kind.toString(16).padStart(4, '0')}${n.toString(16).padStart(12, '0')}`;
}

export const SEED_IDS = {
  channels: { async: sid(1, 1), realtime: sid(1, 2) },
  communities: { messaging: sid(2, 1), email: sid(2, 2), whatsapp: sid(2, 3), twitter: sid(2, 4) },
  sources: { messaging: sid(3, 1), email: sid(3, 2), whatsapp: sid(3, 3), twitter: sid(3, 4) },
  roles: { admin: sid(4, 1), agent: sid(4, 2), bot: sid(4, 3) },
  users: { admin: sid(5, 1), bot: sid(5, 2), alice: sid(5, 3), bruno: sid(5, 4), rita: sid(5, 5) },
  teams: { support: sid(6, 1), automation: sid(6, 2) },
  categories: {
    bot: sid(7, 1),
    human: sid(7, 2),
    billing: sid(7, 3),
    technical: sid(7, 4),
    sales: sid(7, 5),
  },
  tags: { vip: sid(8, 1), churnRisk: sid(8, 2), newsletter: sid(8, 3) },
  customFields: {
    orderNumber: sid(9, 1),
    resolution: sid(9, 2),
    customerTier: sid(9, 3),
    loyaltyPoints: sid(9, 4),
  },
  identities: {
    chloe: sid(10, 1),
    chloeEmail: sid(10, 2),
    hugo: sid(10, 3),
    david: sid(10, 4),
    lucia: sid(10, 5),
    mika: sid(10, 6),
    nora: sid(10, 7),
    botMessaging: sid(10, 20),
    botWhatsapp: sid(10, 21),
    aliceMessaging: sid(10, 22),
    aliceEmail: sid(10, 23),
    brunoTwitter: sid(10, 24),
  },
  identityGroups: { chloe: sid(11, 1), david: sid(11, 2) },
  threads: {
    orderStatus: sid(12, 1),
    addressChange: sid(12, 2),
    invoice: sid(12, 3),
    shipping: sid(12, 4),
    lockedAccount: sid(12, 5),
    archivedChat: sid(12, 6),
  },
  interventions: {
    orderStatus: sid(13, 1),
    addressChange: sid(13, 2),
    invoice: sid(13, 3),
    lockedAccount: sid(13, 4),
    archivedChat: sid(13, 5),
  },
  presenceStatuses: { lunch: sid(14, 1), training: sid(14, 2) },
  tokens: {
    admin: sid(15, 1),
    bot: sid(15, 2),
    agent: sid(15, 3),
    agent2: sid(15, 4),
    restricted: sid(15, 5),
  },
} as const;

const S = SEED_IDS;

export type TokenName = keyof typeof SEED_IDS.tokens;
export const TOKEN_NAMES = Object.keys(SEED_IDS.tokens) as TokenName[];

/** Token values when none are given: readable, so they can be typed into a connector's form. */
export const DEFAULT_TOKEN_VALUES: Readonly<Record<TokenName, string>> = {
  admin: 'sandbox-admin-token',
  bot: 'sandbox-bot-token',
  agent: 'sandbox-agent-token',
  agent2: 'sandbox-agent2-token',
  restricted: 'sandbox-restricted-token',
};

const TOKEN_USERS: Readonly<Record<TokenName, { user: string; label: string }>> = {
  admin: { user: S.users.admin, label: 'Admin token' },
  bot: { user: S.users.bot, label: 'Bot token' },
  agent: { user: S.users.alice, label: 'Alice (agent) token' },
  agent2: { user: S.users.bruno, label: 'Bruno (agent) token' },
  restricted: { user: S.users.rita, label: 'Rita (restricted agent) token' },
};

/** Minutes after the base time, as an API date. */
function at(minutes: number): string {
  return apiDate(new Date(SEED_BASE_TIME + minutes * 60_000));
}

export function seedTokens(values: Partial<Record<TokenName, string>> = {}): AccessToken[] {
  return TOKEN_NAMES.map((name) => ({
    id: S.tokens[name],
    name,
    label: TOKEN_USERS[name].label,
    value: values[name] ?? DEFAULT_TOKEN_VALUES[name],
    user_id: TOKEN_USERS[name].user,
    created_at: at(-7 * 24 * 60),
    updated_at: at(-7 * 24 * 60),
  }));
}

const ROLE_PERMISSIONS = [
  'access_help_center',
  'access_previous_messages',
  'access_pull_mode',
  'admin_stamp_answer',
  'anonymize_identity',
  'approve_content',
  'ask_an_expert',
  'assign_intervention',
  'author_block_content',
  'close_content_thread',
  'create_and_destroy_extension',
  'create_community',
  'create_content_source',
  'create_user',
  'delay_export_content',
  'delete_content_thread',
  'escalate_to_video',
  'export_identity',
  'impersonate_user',
  'invite_user',
  'lock_identity',
  'manage_api_access_tokens',
  'manage_app_sdk_applications',
  'manage_categories',
  'manage_chat',
  'manage_custom_fields',
  'manage_custom_notifications',
  'manage_emails_templates',
  'manage_folders',
  'manage_ice',
  'manage_identities',
  'manage_messaging',
  'manage_own_notifications',
  'manage_reply_assistant',
  'manage_roles',
  'manage_rules_engine_rules',
  'manage_tags',
  'manage_teams',
  'manage_topologies',
  'manage_users_of_my_teams',
  'monitor_tasks',
  'monitor_team_tasks',
  'mute_content',
  'open_content_thread',
  'publish_content',
  'read_community',
  'read_content_source',
  'read_event',
  'read_export',
  'read_identity',
  'read_own_stats',
  'read_presence',
  'read_stats',
  'read_user',
  'receive_tasks',
  'reply_with_assistant',
  'search_contents',
  'search_event',
  'update_community',
  'update_content_source',
  'update_extension',
  'update_identity',
  'update_intervention',
  'update_own_intervention',
  'update_settings',
  'update_time_sheet',
  'update_user',
  'use_cobrowsing',
  'use_emoji',
];

const AGENT_PERMISSIONS = [
  'access_previous_messages',
  'close_content_thread',
  'open_content_thread',
  'publish_content',
  'read_community',
  'read_content_source',
  'read_identity',
  'read_own_stats',
  'read_presence',
  'read_user',
  'receive_tasks',
  'search_contents',
  'update_identity',
  'update_own_intervention',
  'use_emoji',
];

function permissions(granted: readonly string[] | 'all'): Record<string, boolean> {
  return Object.fromEntries(
    ROLE_PERMISSIONS.map((name) => [name, granted === 'all' || granted.includes(name)]),
  );
}

const ALL_SOURCE_PERMISSIONS: SourcePermission[] = ['read', 'reply', 'initiate_discussion'];

function sourcePermissions(sourceIds: readonly string[], granted = ALL_SOURCE_PERMISSIONS) {
  return Object.fromEntries(sourceIds.map((id) => [id, [...granted]]));
}

function user(
  id: string,
  firstname: string,
  lastname: string,
  email: string,
  fields: Pick<UserRecord, 'role_id' | 'category_ids' | 'sources_permissions'> & Partial<UserRecord>,
): UserRecord {
  return {
    id,
    email,
    firstname,
    lastname,
    nickname: null,
    gender: null,
    enabled: true,
    external_id: null,
    spoken_languages: ['en'],
    locale: 'en',
    timezone: 'UTC',
    invitation_pending: false,
    no_password: false,
    bot: false,
    created_at: at(-30 * 24 * 60),
    updated_at: at(-30 * 24 * 60),
    ...fields,
  };
}

function identity(
  id: string,
  communityId: string,
  type: string,
  name: string,
  fields: Partial<IdentityRecord> = {},
): IdentityRecord {
  const [firstname = null, ...rest] = name.split(' ');
  return {
    id,
    type,
    community_id: communityId,
    foreign_id: null,
    uuid: null,
    screenname: name,
    display_name: name,
    firstname,
    lastname: rest.join(' ') || null,
    gender: null,
    email: null,
    mobile_phone: null,
    home_phone: null,
    company: null,
    avatar_url: null,
    extra_values: {},
    identity_group_id: null,
    user_ids: [],
    created_at: at(-20 * 24 * 60),
    updated_at: at(-20 * 24 * 60),
    ...fields,
  };
}

/** The domain setup every seed shares. */
function setup(): Snapshot {
  const created = at(-60 * 24 * 60);
  const stamp = { created_at: created, updated_at: created };
  const allSources = Object.values(S.sources);
  return {
    channels: [
      {
        id: S.channels.async,
        name: 'Async',
        label: 'Async',
        source_ids: [S.sources.email, S.sources.whatsapp, S.sources.twitter],
        soft_capability: 5,
        hard_capability: 10,
        task_timeout_seconds: 300,
        agent_sla: 3600,
        agent_sla_threshold: 80,
        task_auto_complete_seconds: 0,
        auto_complete_category_ids: [],
        ...stamp,
      },
      {
        id: S.channels.realtime,
        name: 'Realtime',
        label: 'Realtime',
        source_ids: [S.sources.messaging],
        soft_capability: 2,
        hard_capability: 3,
        task_timeout_seconds: 30,
        agent_sla: 60,
        agent_sla_threshold: 80,
        task_auto_complete_seconds: 0,
        auto_complete_category_ids: [],
        ...stamp,
      },
    ],
    communities: [
      { id: S.communities.messaging, name: 'Web chat', type: 'engage_messaging', active: true, ...stamp },
      { id: S.communities.email, name: 'Support email', type: 'emails', active: true, ...stamp },
      { id: S.communities.whatsapp, name: 'WhatsApp', type: 'whats_app', active: true, ...stamp },
      { id: S.communities.twitter, name: 'Twitter', type: 'twtr', active: true, ...stamp },
    ],
    sources: [
      {
        id: S.sources.messaging,
        name: 'Web chat',
        type: 'engage_messaging',
        content_type: 'message',
        channel_id: S.channels.realtime,
        community_id: S.communities.messaging,
        active: true,
        color: 1,
        default_category_ids: [S.categories.bot],
        threads_closable: true,
        private_messages: true,
        sla_response: 300,
        ...stamp,
      },
      {
        id: S.sources.email,
        name: 'Support email',
        type: 'emails',
        content_type: 'email',
        channel_id: S.channels.async,
        community_id: S.communities.email,
        active: true,
        color: 2,
        default_category_ids: [S.categories.human],
        threads_closable: true,
        private_messages: false,
        sla_response: 86_400,
        ...stamp,
      },
      {
        id: S.sources.whatsapp,
        name: 'WhatsApp',
        type: 'whats_app',
        content_type: 'message',
        channel_id: S.channels.async,
        community_id: S.communities.whatsapp,
        active: true,
        color: 3,
        default_category_ids: [S.categories.bot],
        threads_closable: false,
        private_messages: true,
        sla_response: 3600,
        template_messages: [
          {
            name: 'order_update',
            language: 'en',
            components: [{ type: 'body', text: 'Hello {{1}}, your order {{2}} has shipped.' }],
          },
          {
            name: 'welcome',
            language: 'en',
            components: [{ type: 'body', text: 'Hi {{1}}, thanks for contacting us! Reply here anytime.' }],
          },
        ],
        ...stamp,
      },
      {
        id: S.sources.twitter,
        name: 'Twitter',
        type: 'twtr',
        content_type: 'private_message',
        channel_id: S.channels.async,
        community_id: S.communities.twitter,
        active: true,
        color: 6,
        default_category_ids: [S.categories.human],
        threads_closable: false,
        private_messages: true,
        sla_response: 3600,
        ...stamp,
      },
    ],
    roles: [
      { id: S.roles.admin, label: 'Admin', permissions: permissions('all'), ...stamp },
      { id: S.roles.agent, label: 'Agent', permissions: permissions(AGENT_PERMISSIONS), ...stamp },
      {
        id: S.roles.bot,
        label: 'Virtual agent',
        permissions: permissions([...AGENT_PERMISSIONS, 'monitor_tasks']),
        ...stamp,
      },
    ],
    users: [
      user(S.users.admin, 'Ada', 'Admin', 'ada.admin@sandbox.example.com', {
        role_id: S.roles.admin,
        category_ids: [],
        sources_permissions: sourcePermissions(allSources),
      }),
      user(S.users.bot, 'Bot', '', 'bot@sandbox.example.com', {
        role_id: S.roles.bot,
        category_ids: [S.categories.bot],
        nickname: 'Bot',
        bot: true,
        no_password: true,
        sources_permissions: sourcePermissions([S.sources.messaging, S.sources.whatsapp, S.sources.email]),
      }),
      user(S.users.alice, 'Alice', 'Moreau', 'alice.moreau@sandbox.example.com', {
        role_id: S.roles.agent,
        category_ids: [S.categories.human, S.categories.billing, S.categories.technical],
        spoken_languages: ['en', 'fr'],
        sources_permissions: sourcePermissions(allSources),
      }),
      user(S.users.bruno, 'Bruno', 'Costa', 'bruno.costa@sandbox.example.com', {
        role_id: S.roles.agent,
        category_ids: [S.categories.human, S.categories.technical],
        spoken_languages: ['en', 'pt'],
        sources_permissions: sourcePermissions(allSources),
      }),
      user(S.users.rita, 'Rita', 'Novak', 'rita.novak@sandbox.example.com', {
        role_id: S.roles.agent,
        category_ids: [S.categories.human, S.categories.sales],
        sources_permissions: sourcePermissions([S.sources.messaging, S.sources.email, S.sources.whatsapp]),
      }),
    ],
    teams: [
      {
        id: S.teams.support,
        name: 'Support',
        leader_ids: [S.users.admin],
        user_ids: [S.users.alice, S.users.bruno, S.users.rita],
        ...stamp,
      },
      {
        id: S.teams.automation,
        name: 'Automation',
        leader_ids: [S.users.admin],
        user_ids: [S.users.bot],
        ...stamp,
      },
    ],
    categories: [
      {
        id: S.categories.bot,
        name: 'Bot',
        parent_id: null,
        color: 4,
        mandatory: false,
        multiple: true,
        post_qualification: false,
        unselectable: false,
        source_ids: [],
        ...stamp,
      },
      {
        id: S.categories.human,
        name: 'Human support',
        parent_id: null,
        color: 1,
        mandatory: false,
        multiple: true,
        post_qualification: false,
        unselectable: false,
        source_ids: [],
        ...stamp,
      },
      {
        id: S.categories.billing,
        name: 'Billing',
        parent_id: S.categories.human,
        color: 1,
        mandatory: false,
        multiple: true,
        post_qualification: false,
        unselectable: false,
        source_ids: [],
        ...stamp,
      },
      {
        id: S.categories.technical,
        name: 'Technical',
        parent_id: S.categories.human,
        color: 1,
        mandatory: false,
        multiple: true,
        post_qualification: false,
        unselectable: false,
        source_ids: [],
        ...stamp,
      },
      {
        id: S.categories.sales,
        name: 'Sales',
        parent_id: null,
        color: 2,
        mandatory: false,
        multiple: true,
        post_qualification: false,
        unselectable: false,
        source_ids: [],
        ...stamp,
      },
    ],
    tags: [
      { id: S.tags.vip, name: 'VIP', ...stamp },
      { id: S.tags.churnRisk, name: 'Churn risk', ...stamp },
      { id: S.tags.newsletter, name: 'Newsletter', ...stamp },
    ],
    custom_fields: [
      {
        id: S.customFields.orderNumber,
        label: 'Order number',
        key: 'order_number',
        type: 'string',
        associated_type_name: 'Intervention',
        multiple: false,
        position: 0,
        choices: [],
        read_only: false,
        ...stamp,
      },
      {
        id: S.customFields.resolution,
        label: 'Resolution',
        key: 'resolution',
        type: 'single_choice',
        associated_type_name: 'Intervention',
        multiple: false,
        position: 1,
        choices: ['solved', 'not_solved', 'escalated'],
        read_only: false,
        ...stamp,
      },
      {
        id: S.customFields.customerTier,
        label: 'Customer tier',
        key: 'customer_tier',
        type: 'single_choice',
        associated_type_name: 'IdentityGroup',
        multiple: false,
        position: 2,
        choices: ['gold', 'silver', 'bronze'],
        read_only: false,
        ...stamp,
      },
      {
        id: S.customFields.loyaltyPoints,
        label: 'Loyalty points',
        key: 'loyalty_points',
        type: 'integer',
        associated_type_name: 'IdentityGroup',
        multiple: false,
        position: 3,
        choices: [],
        read_only: false,
        ...stamp,
      },
    ],
    identities: [
      identity(S.identities.botMessaging, S.communities.messaging, 'engage_messaging', 'Bot', {
        user_ids: [S.users.bot],
        firstname: 'Bot',
        lastname: null,
      }),
      identity(S.identities.botWhatsapp, S.communities.whatsapp, 'whats_app', 'Bot', {
        user_ids: [S.users.bot],
        firstname: 'Bot',
        lastname: null,
      }),
      identity(S.identities.aliceMessaging, S.communities.messaging, 'engage_messaging', 'Alice Moreau', {
        user_ids: [S.users.alice],
      }),
      identity(S.identities.aliceEmail, S.communities.email, 'emails', 'Alice Moreau', {
        user_ids: [S.users.alice],
      }),
      identity(S.identities.brunoTwitter, S.communities.twitter, 'twtr', 'Bruno Costa', {
        user_ids: [S.users.bruno],
        screenname: '@sandbox_support',
      }),
    ],
    identity_groups: [],
    threads: [],
    contents: [],
    interventions: [],
    attachments: [],
    agent_statuses: [
      {
        id: S.users.alice,
        connected: true,
        channels: { [S.channels.async]: 'available', [S.channels.realtime]: 'available' },
        custom_status_id: null,
        ...stamp,
      },
      {
        id: S.users.bruno,
        connected: true,
        channels: { [S.channels.async]: 'available', [S.channels.realtime]: 'away' },
        custom_status_id: null,
        ...stamp,
      },
      {
        id: S.users.rita,
        connected: false,
        channels: { [S.channels.async]: 'away', [S.channels.realtime]: 'away' },
        custom_status_id: null,
        ...stamp,
      },
    ],
    presence_statuses: [
      { id: S.presenceStatuses.lunch, name: 'Lunch', ...stamp },
      { id: S.presenceStatuses.training, name: 'Training', ...stamp },
    ],
    journal: [],
  };
}

/** Builds a conversation from a compact script. */
class Conversations {
  readonly threads: ThreadRecord[] = [];
  readonly contents: ContentRecord[] = [];
  readonly interventions: InterventionRecord[] = [];
  private contentCount = 0;

  thread(
    id: string,
    sourceId: string,
    identityId: string,
    title: string,
    minutes: number,
    categoryIds: string[],
    closed = false,
  ): ThreadRecord {
    const thread: ThreadRecord = {
      id,
      source_id: sourceId,
      title,
      closed,
      thread_category_ids: categoryIds,
      extra_data: {},
      foreign_id: `seed-thread-${this.threads.length + 1}`,
      identity_id: identityId,
      disable_text_input: false,
      last_content_at: at(minutes),
      created_at: at(minutes),
      updated_at: at(minutes),
    };
    this.threads.push(thread);
    return thread;
  }

  message(
    thread: ThreadRecord,
    minutes: number,
    authorId: string,
    body: string,
    fields: Partial<ContentRecord> & Pick<ContentRecord, 'type' | 'status'>,
  ): ContentRecord {
    this.contentCount += 1;
    const previous = this.contents.filter((content) => content.thread_id === thread.id).at(-1);
    const content: ContentRecord = {
      id: sid(16, this.contentCount),
      source_id: thread.source_id,
      thread_id: thread.id,
      intervention_id: null,
      author_id: authorId,
      creator_id: null,
      in_reply_to_id: previous?.id ?? null,
      foreign_id: `seed-message-${this.contentCount}`,
      created_from: 'synchronizer',
      private_message: true,
      auto_submitted: false,
      first_in_thread: previous === undefined,
      language: 'en',
      title: null,
      body,
      category_ids: [...thread.thread_category_ids],
      attachment_ids: [],
      synchronization_status: 'success',
      synchronization_error: null,
      headers: null,
      structured_content: null,
      context_data: null,
      created_at: at(minutes),
      updated_at: at(minutes),
      ...fields,
    };
    this.contents.push(content);
    thread.last_content_at = content.created_at;
    thread.updated_at = content.created_at;
    return content;
  }

  reply(
    thread: ThreadRecord,
    minutes: number,
    userId: string,
    authorId: string,
    body: string,
    type: string,
    fields: Partial<ContentRecord> = {},
  ) {
    return this.message(thread, minutes, authorId, body, {
      type,
      status: 'user_reply',
      creator_id: userId,
      created_from: 'api',
      category_ids: [],
      ...fields,
    });
  }

  intervention(
    id: string,
    thread: ThreadRecord,
    opened: ContentRecord,
    userId: string,
    closedMinutes: number | null,
    customFields: Record<string, unknown> = {},
  ): InterventionRecord {
    const contents = this.contents.filter((content) => content.thread_id === thread.id);
    const replies = contents.filter(
      (content) => content.creator_id !== null && content.created_at >= opened.created_at,
    );
    const intervention: InterventionRecord = {
      id,
      source_id: thread.source_id,
      thread_id: thread.id,
      content_id: opened.id,
      identity_id: thread.identity_id,
      user_id: userId,
      status: closedMinutes === null ? 'opened' : 'closed',
      closed_at: closedMinutes === null ? null : at(closedMinutes),
      category_ids: [...thread.thread_category_ids],
      custom_fields: { order_number: null, resolution: null, ...customFields },
      comments_count: 0,
      user_replies_count: replies.length,
      first_user_reply_id: replies[0]?.id ?? null,
      first_user_reply_at: replies[0]?.created_at ?? null,
      last_user_reply_at: replies.at(-1)?.created_at ?? null,
      created_at: opened.created_at,
      updated_at: closedMinutes === null ? opened.created_at : at(closedMinutes),
    };
    for (const content of contents) if (content.created_at >= opened.created_at) content.intervention_id = id;
    this.interventions.push(intervention);
    return intervention;
  }
}

function conversations(snapshot: Snapshot): void {
  const I = S.identities;
  const day = 24 * 60;
  snapshot.identity_groups.push(
    {
      id: S.identityGroups.chloe,
      firstname: 'Chloé',
      lastname: 'Martin',
      gender: 'woman',
      company: null,
      emails: ['chloe.martin@example.com'],
      home_phones: [],
      mobile_phones: ['+33612345678'],
      notes: 'Prefers chat.',
      avatar_url: null,
      custom_field_values: { customer_tier: 'gold', loyalty_points: 1200 },
      tag_ids: [S.tags.vip],
      created_at: at(-20 * day),
      updated_at: at(-20 * day),
    },
    {
      id: S.identityGroups.david,
      firstname: 'David',
      lastname: 'Lee',
      gender: 'man',
      company: 'Lee & Co',
      emails: ['david.lee@example.com'],
      home_phones: [],
      mobile_phones: [],
      notes: null,
      avatar_url: null,
      custom_field_values: { customer_tier: 'silver', loyalty_points: 310 },
      tag_ids: [S.tags.churnRisk],
      created_at: at(-20 * day),
      updated_at: at(-20 * day),
    },
  );
  snapshot.identities.push(
    identity(I.chloe, S.communities.messaging, 'engage_messaging', 'Chloé Martin', {
      uuid: '6f1d0c52-7c1e-4c55-9f4e-3a0c5b1d2e01',
      foreign_id: '6f1d0c52-7c1e-4c55-9f4e-3a0c5b1d2e01',
      identity_group_id: S.identityGroups.chloe,
    }),
    identity(I.chloeEmail, S.communities.email, 'emails', 'Chloé Martin', {
      email: 'chloe.martin@example.com',
      foreign_id: 'chloe.martin@example.com',
      identity_group_id: S.identityGroups.chloe,
    }),
    identity(I.hugo, S.communities.messaging, 'engage_messaging', 'Hugo Bernard', {
      uuid: '0b7e5a9d-2f44-4e0a-8d3c-5e2f1a4b6c02',
      foreign_id: '0b7e5a9d-2f44-4e0a-8d3c-5e2f1a4b6c02',
    }),
    identity(I.david, S.communities.email, 'emails', 'David Lee', {
      email: 'david.lee@example.com',
      foreign_id: 'david.lee@example.com',
      company: 'Lee & Co',
      identity_group_id: S.identityGroups.david,
    }),
    identity(I.lucia, S.communities.whatsapp, 'whats_app', 'Lucía García', {
      mobile_phone: '+34612345678',
      foreign_id: '34612345678',
    }),
    identity(I.mika, S.communities.twitter, 'twtr', 'Mika Korhonen', {
      screenname: '@mika_k',
      foreign_id: '1484937720',
    }),
    identity(I.nora, S.communities.messaging, 'engage_messaging', 'Nora Lindqvist', {
      uuid: 'c3a9e1f0-1b2d-4f6e-a7c8-9d0e1f2a3b04',
      foreign_id: 'c3a9e1f0-1b2d-4f6e-a7c8-9d0e1f2a3b04',
    }),
  );

  const c = new Conversations();
  const bot = S.users.bot;
  const alice = S.users.alice;

  // A web chat the bot answered and closed.
  const order = c.thread(
    S.threads.orderStatus,
    S.sources.messaging,
    I.chloe,
    'Hi! Where is my order #1234?',
    0,
    [S.categories.bot],
  );
  const orderFirst = c.message(order, 0, I.chloe, 'Hi! Where is my order #1234? It was due yesterday.', {
    type: 'message',
    status: 'replied',
  });
  c.reply(
    order,
    1,
    bot,
    I.botMessaging,
    "Hi Chloé! Order #1234 left our warehouse this morning; you'll have it tomorrow.",
    'message',
    { private_message: true },
  );
  c.message(order, 3, I.chloe, 'Great, thanks!', { type: 'message', status: 'replied' });
  c.reply(order, 4, bot, I.botMessaging, "You're welcome! Anything else I can do for you?", 'message', {
    private_message: true,
  });
  c.intervention(S.interventions.orderStatus, order, orderFirst, bot, 10, {
    order_number: '1234',
    resolution: 'solved',
  });

  // A web chat the bot handed over to a human, who has not answered yet.
  const address = c.thread(
    S.threads.addressChange,
    S.sources.messaging,
    I.hugo,
    'I need to change my delivery address',
    60,
    [S.categories.human],
  );
  const addressFirst = c.message(address, 60, I.hugo, 'I need to change my delivery address', {
    type: 'message',
    status: 'replied',
    category_ids: [S.categories.bot],
  });
  c.reply(address, 61, bot, I.botMessaging, 'Let me get you a colleague who can change it.', 'message', {
    private_message: true,
  });
  c.message(address, 65, I.hugo, 'Thanks. The new address is 12 rue des Lilas, 69003 Lyon.', {
    type: 'message',
    status: 'assigned',
  });
  c.intervention(S.interventions.addressChange, address, addressFirst, alice, null);

  // An email an agent answered; the customer wrote again.
  const invoice = c.thread(
    S.threads.invoice,
    S.sources.email,
    I.david,
    'Invoice INV-2024-118 is wrong',
    120,
    [S.categories.human, S.categories.billing],
  );
  const emailHeaders = (subject: string, from: string, to: string) => ({
    Subject: [subject],
    From: [from],
    To: [to],
  });
  const invoiceFirst = c.message(
    invoice,
    120,
    I.david,
    'Hello,\n\nInvoice INV-2024-118 charges me twice for the same item.\n\nDavid',
    {
      type: 'email',
      status: 'replied',
      private_message: false,
      title: 'Invoice INV-2024-118 is wrong',
      headers: emailHeaders(
        'Invoice INV-2024-118 is wrong',
        'david.lee@example.com',
        'support.email@sandbox.example.com',
      ),
    },
  );
  c.reply(
    invoice,
    135,
    alice,
    I.aliceEmail,
    "Hello David,\n\nSorry about that: I've asked billing to refund the duplicate.\n\nAlice",
    'email',
    {
      private_message: false,
      title: 'Re: Invoice INV-2024-118 is wrong',
      headers: emailHeaders(
        'Re: Invoice INV-2024-118 is wrong',
        'support.email@sandbox.example.com',
        'david.lee@example.com',
      ),
    },
  );
  c.message(invoice, 1 * day, I.david, 'Thanks Alice, any news on the refund?', {
    type: 'email',
    status: 'assigned',
    private_message: false,
    title: 'Re: Invoice INV-2024-118 is wrong',
    headers: emailHeaders(
      'Re: Invoice INV-2024-118 is wrong',
      'david.lee@example.com',
      'support.email@sandbox.example.com',
    ),
  });
  c.intervention(S.interventions.invoice, invoice, invoiceFirst, alice, null, {
    order_number: 'INV-2024-118',
  });

  // A WhatsApp question nobody has picked up.
  const shipping = c.thread(
    S.threads.shipping,
    S.sources.whatsapp,
    I.lucia,
    'Hola! Do you ship to Spain?',
    180,
    [S.categories.bot],
  );
  c.message(shipping, 180, I.lucia, 'Hola! Do you ship to Spain?', { type: 'message', status: 'new' });

  // A Twitter DM (a source the restricted token cannot read), handled by Bruno.
  const locked = c.thread(S.threads.lockedAccount, S.sources.twitter, I.mika, 'My account is locked', 200, [
    S.categories.human,
    S.categories.technical,
  ]);
  const lockedFirst = c.message(
    locked,
    200,
    I.mika,
    'My account is locked after too many login attempts, can you help?',
    { type: 'private_message', status: 'replied' },
  );
  c.reply(
    locked,
    215,
    S.users.bruno,
    I.brunoTwitter,
    'Unlocked! You can log in again; reset your password if needed.',
    'private_message',
    { private_message: true },
  );
  c.intervention(S.interventions.lockedAccount, locked, lockedFirst, S.users.bruno, 230, {
    resolution: 'solved',
  });

  // An old web chat, closed and locked.
  const archived = c.thread(
    S.threads.archivedChat,
    S.sources.messaging,
    I.nora,
    'Can I return shoes bought in store?',
    -3 * day,
    [S.categories.human],
    true,
  );
  const archivedFirst = c.message(archived, -3 * day, I.nora, 'Can I return shoes bought in store?', {
    type: 'message',
    status: 'replied',
  });
  c.reply(
    archived,
    -3 * day + 5,
    alice,
    I.aliceMessaging,
    'Yes, within 30 days with the receipt, in any of our stores or by post.',
    'message',
    { private_message: true },
  );
  c.message(archived, -3 * day + 7, I.nora, 'Perfect, thank you!', { type: 'message', status: 'replied' });
  c.intervention(S.interventions.archivedChat, archived, archivedFirst, alice, -3 * day + 10, {
    resolution: 'solved',
  });

  snapshot.threads.push(...c.threads);
  snapshot.contents.push(...c.contents);
  snapshot.interventions.push(...c.interventions);
}

export function buildSeed(name: SeedName): Snapshot {
  const snapshot = setup();
  if (name === 'default') conversations(snapshot);
  return snapshot;
}
