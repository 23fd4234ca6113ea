import type { PageParams } from '../pagination.ts';
import { Collection, type WithUnknownFields } from './resource.ts';

/**
 * A source (`content_sources`): one connected channel account, e.g. an email address, a Facebook page,
 * a web chat. Sources are created in RingCX's admin, not through the API. Fields marked optional exist
 * only for some source types (email, WhatsApp, messaging).
 */
export type Source = WithUnknownFields<{
  id: string;
  name: string;
  /** The source type, e.g. `emails`, `whats_app`, `mobile_messaging`. */
  type: string;
  /** Connection health, e.g. `ok` or `error` (see `error_message`). */
  status: string;
  active: boolean;
  channel_id: string | null;
  community_id: string;
  /** 0 to 9 (default, blue, green, turquoise, purple, yellow, orange, red, asphalt, grey). */
  color: number;
  color_hex: string;
  error_message: string | null;
  default_category_ids: string[];
  user_thread_default_category_ids: string[];
  default_content_language: string | null;
  auto_detect_content_language: boolean;
  content_languages: string[];
  content_archiving: boolean;
  /** Seconds. */
  content_archiving_period: number | null;
  hidden_from_stats: boolean;
  intervention_messages_boost: number;
  transferred_tasks_boost: number;
  default_task_priority: number;
  /** Seconds. */
  sla_response: number;
  sla_threshold: number;
  sla_expired_strategy: 'max' | 'half' | 'base';
  sla_filtering_categories_strategy: string;
  sla_filtering_category_ids: string[];
  time_sheet_ids: string[];
  /** Which attachment types are accepted: `strict` (media), `relaxed` (+ documents), `permissive`. */
  attachments_security_level: string;
  auto_response_triggers: unknown[];
  auto_response_trigger_enabled: Record<string, boolean>;
  auto_response_trigger_grace_periods: Record<string, number>;
  signatures: unknown[];
  from_name?: string | null;
  time_for_thread_inclusion?: number;
  time_for_thread_inclusion_enabled?: boolean;
  /** Engage Messaging. */
  live_chat?: boolean;
  enable_android?: boolean;
  enable_ios?: boolean;
  enable_web?: boolean;
  /** WhatsApp: the templates a new discussion may use (`template_name`, `template_language`). */
  template_message_namespace?: string | null;
  template_messages?: WithUnknownFields<{ name: string; language: string; components?: unknown[] }>[];
  created_at: string;
  updated_at: string;
}>;

export interface SourceListParams extends PageParams {
  /**
   * Keep the sources on which the token's user has this permission: `read` (the default) or
   * `initiate_discussion` (sources a new conversation can be started on).
   */
  permission?: 'read' | 'initiate_discussion';
  active?: boolean;
}

/** Sources (`/content_sources`), oldest first. */
export class Sources extends Collection<Source, SourceListParams> {
  protected readonly path = '/content_sources';
  protected readonly idName = 'sourceId';
}
