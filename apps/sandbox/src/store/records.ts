/**
 * What the sandbox stores. Field names follow the API's where they mean the same thing, so
 * rendering stays a short mapping; everything here is plain JSON (it goes to the data file as is).
 */
export interface Timestamps {
  id: string;
  created_at: string;
  updated_at: string;
}

/** Who may do what on one source: `read`, `reply`, `initiate_discussion`, … (REFERENCE §2.1). */
export type SourcePermission = 'read' | 'reply' | 'initiate_discussion';

export interface SourceRecord extends Timestamps {
  name: string;
  /** Source type as the API names it (`engage_messaging`, `emails`, `whats_app`, `twtr`). */
  type: string;
  /** Type of the messages it imports (`message`, `email`, `private_message`). */
  content_type: string;
  channel_id: string;
  community_id: string;
  active: boolean;
  color: number;
  default_category_ids: string[];
  /** Whether its threads can be locked and unlocked through the API (REFERENCE §2.2). */
  threads_closable: boolean;
  /** Whether contents are private conversations (web chat, WhatsApp, DMs). */
  private_messages: boolean;
  sla_response: number;
  template_messages?: { name: string; language: string; components: { type: string; text: string }[] }[];
}

export interface CommunityRecord extends Timestamps {
  name: string;
  type: string;
  active: boolean;
}

export interface ChannelRecord extends Timestamps {
  name: string;
  label: string;
  source_ids: string[];
  soft_capability: number;
  hard_capability: number;
  task_timeout_seconds: number;
  agent_sla: number;
  agent_sla_threshold: number;
  task_auto_complete_seconds: number;
  auto_complete_category_ids: string[];
}

export interface RoleRecord extends Timestamps {
  label: string;
  permissions: Record<string, boolean>;
}

export interface UserRecord extends Timestamps {
  email: string;
  firstname: string;
  lastname: string;
  nickname: string | null;
  gender: string | null;
  enabled: boolean;
  external_id: string | null;
  role_id: string;
  /** Skills: the categories of conversations routed to this user. Teams are read from `teams`. */
  category_ids: string[];
  spoken_languages: string[];
  locale: string;
  timezone: string;
  invitation_pending: boolean;
  no_password: boolean;
  /** Source id → permissions on it; a source missing here is invisible to the user. */
  sources_permissions: Record<string, SourcePermission[]>;
  /** A bot (virtual agent) rather than a human. */
  bot: boolean;
}

export interface TeamRecord extends Timestamps {
  name: string;
  leader_ids: string[];
  user_ids: string[];
}

export interface CategoryRecord extends Timestamps {
  name: string;
  parent_id: string | null;
  color: number;
  mandatory: boolean;
  multiple: boolean;
  post_qualification: boolean;
  unselectable: boolean;
  source_ids: string[];
}

export interface TagRecord extends Timestamps {
  name: string;
}

export interface CustomFieldRecord extends Timestamps {
  label: string;
  key: string;
  type: string;
  associated_type_name: 'Intervention' | 'IdentityGroup';
  multiple: boolean;
  position: number;
  choices: string[];
  read_only: boolean;
}

export interface IdentityRecord extends Timestamps {
  type: string;
  community_id: string;
  foreign_id: string | null;
  uuid: string | null;
  screenname: string | null;
  display_name: string | null;
  firstname: string | null;
  lastname: string | null;
  gender: string | null;
  email: string | null;
  mobile_phone: string | null;
  home_phone: string | null;
  company: string | null;
  avatar_url: string | null;
  extra_values: Record<string, unknown>;
  identity_group_id: string | null;
  /** Agents (users) who own this identity: an agent writes through their identity on a source. */
  user_ids: string[];
}

export interface IdentityGroupRecord extends Timestamps {
  firstname: string | null;
  lastname: string | null;
  gender: string | null;
  company: string | null;
  emails: string[];
  home_phones: string[];
  mobile_phones: string[];
  notes: string | null;
  avatar_url: string | null;
  custom_field_values: Record<string, unknown>;
  tag_ids: string[];
}

export interface ThreadRecord extends Timestamps {
  source_id: string;
  title: string | null;
  /** Locked: nobody can reply until it is opened again. */
  closed: boolean;
  thread_category_ids: string[];
  extra_data: Record<string, unknown>;
  foreign_id: string | null;
  /** The customer the conversation is with (the author of its customer messages, or the recipient). */
  identity_id: string | null;
  disable_text_input: boolean;
  last_content_at: string;
}

export interface ContentRecord extends Timestamps {
  source_id: string;
  thread_id: string;
  intervention_id: string | null;
  author_id: string;
  /** The user who created it inside RingCX; null for messages imported from the channel. */
  creator_id: string | null;
  in_reply_to_id: string | null;
  foreign_id: string | null;
  type: string;
  created_from: string;
  status: string;
  private_message: boolean;
  auto_submitted: boolean;
  first_in_thread: boolean;
  language: string;
  title: string | null;
  body: string;
  /** Categories set on the message itself. */
  category_ids: string[];
  attachment_ids: string[];
  synchronization_status: string;
  synchronization_error: string | null;
  /** Email headers (`Subject`, `From`, `To`, `Cc`, `Bcc`), emails only. */
  headers: Record<string, string[]> | null;
  structured_content: Record<string, unknown> | null;
  context_data: Record<string, unknown> | null;
}

export type InterventionState = 'opened' | 'reopened' | 'closed';

export interface InterventionRecord extends Timestamps {
  source_id: string;
  thread_id: string;
  content_id: string;
  identity_id: string | null;
  user_id: string | null;
  status: InterventionState;
  closed_at: string | null;
  category_ids: string[];
  custom_fields: Record<string, unknown>;
  comments_count: number;
  user_replies_count: number;
  first_user_reply_id: string | null;
  first_user_reply_at: string | null;
  last_user_reply_at: string | null;
}

export interface AttachmentRecord extends Timestamps {
  filename: string;
  content_type: string;
  size: number;
  public: boolean;
  /** The file itself, base64. */
  data: string;
}

/** Per agent: connected or not, and availability per channel. */
export interface AgentStatusRecord extends Timestamps {
  connected: boolean;
  /** Channel id → `available` | `away`. */
  channels: Record<string, 'available' | 'away'>;
  custom_status_id: string | null;
}

export interface PresenceStatusRecord extends Timestamps {
  name: string;
}

/** One entry of the events journal (`GET /1.0/events`). */
export interface JournalRecord extends Timestamps {
  name: string;
  user_id: string | null;
  extra_infos: Record<string, unknown>;
}

/** Every collection, by name: what a snapshot, a seed and the data file hold. */
export interface Collections {
  sources: SourceRecord;
  communities: CommunityRecord;
  channels: ChannelRecord;
  roles: RoleRecord;
  users: UserRecord;
  teams: TeamRecord;
  categories: CategoryRecord;
  tags: TagRecord;
  custom_fields: CustomFieldRecord;
  identities: IdentityRecord;
  identity_groups: IdentityGroupRecord;
  threads: ThreadRecord;
  contents: ContentRecord;
  interventions: InterventionRecord;
  attachments: AttachmentRecord;
  agent_statuses: AgentStatusRecord;
  presence_statuses: PresenceStatusRecord;
  journal: JournalRecord;
}

export type CollectionName = keyof Collections;

export const COLLECTION_NAMES: readonly CollectionName[] = [
  'sources',
  'communities',
  'channels',
  'roles',
  'users',
  'teams',
  'categories',
  'tags',
  'custom_fields',
  'identities',
  'identity_groups',
  'threads',
  'contents',
  'interventions',
  'attachments',
  'agent_statuses',
  'presence_statuses',
  'journal',
];

export type Snapshot = { [K in CollectionName]: Collections[K][] };
