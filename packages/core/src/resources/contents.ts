import type { PageParams } from '../pagination.ts';
import type { SearchQuery } from '../search.ts';
import { Collection, itemPath, requiredId, type CallOptions, type WithUnknownFields } from './resource.ts';

/** A file attached to a message. Downloading `url` needs the access token. */
export type ContentAttachment = WithUnknownFields<{
  id: string;
  filename: string;
  content_type: string;
  size: number;
  url: string;
  foreign_id: string | null;
  embed?: boolean | string;
  /** The key really ends with a question mark. */
  'public?'?: boolean | string;
  created_at: string;
  updated_at: string;
}>;

/**
 * A message (`contents`) in a thread: written by a customer (imported from the source) or by an agent,
 * a bot or the API (then `creator_id` is set). Optional fields appear only for some sources or
 * features (auto-translation, ratings, structured messages).
 */
export type Content = WithUnknownFields<{
  id: string;
  source_id: string;
  source_type: string;
  source_url: string | null;
  thread_id: string;
  intervention_id: string | null;
  /** The identity that wrote it. */
  author_id: string | null;
  /** The RingCX user who created it (agents, bots, API calls); empty for customer messages. */
  creator_id: string | null;
  identity_group_id?: string | null;
  in_reply_to_id: string | null;
  in_reply_to_author_id: string | null;
  foreign_id: string | null;
  /** Source-specific kind, e.g. `message`, `email`, `question`. */
  type: string;
  /** Where it was created, e.g. `synchronizer` for imported messages. */
  created_from: string;
  /** `new`, `assigned`, `replied`, `ignored`, `user_reply`, `user_initiated`… */
  status: string;
  private_message: boolean;
  published: boolean;
  approval_required: boolean;
  remotely_deleted: boolean;
  auto_submitted?: boolean;
  first_in_thread?: boolean;
  language: string | null;
  title: string | null;
  body: string | null;
  body_formatted: { text: string; html: string };
  body_input_format: 'text' | 'html';
  attachments_count: number;
  attachments: ContentAttachment[];
  /** When empty, the message inherits its intervention's or thread's categories. */
  category_ids: string[];
  foreign_categories?: string[];
  /** Custom-field values keyed by field key. */
  context_data?: Record<string, unknown> | null;
  /** Emails only: header name → values. */
  headers?: Record<string, string[]>;
  rating?: number | null;
  rated_with?: 'THUMBS_UP' | 'THUMBS_DOWN' | null;
  rating_reason?: string | null;
  synchronization_status: string;
  synchronization_error?: string | null;
  /** Structured message types a reply to this message may use. */
  capabilities_supported?: string[];
  original_body?: string | null;
  translated_body?: string | null;
  source_language?: string | null;
  target_language?: string | null;
  translation_status?: 'pending' | 'success' | 'error' | null;
  translation_error?: string | null;
  created_at: string;
  updated_at: string;
}>;

export interface ContentListParams extends PageParams {
  /**
   * Search (`q=`): keywords `id`, `intervention`, `identity`, `identity_group`, `source`, `status_in`,
   * `thread`, `text`, and `order:created_at.asc` (newest first by default). Build it with `searchQuery()`.
   */
  q?: string | SearchQuery;
}

/**
 * A structured message (quick replies, cards, lists…). `type` is `select`, `list`, `rich_link`,
 * `template`, `carousel`, `time_select`, `apple_pay`, `authenticate`, `form` or `webview`; the other
 * fields depend on it. Which types a message accepts is in its `capabilities_supported`.
 */
export type StructuredContent = WithUnknownFields<{ type: string }>;

/** A WhatsApp template variable block (`components`), as the WhatsApp outbound guide describes it. */
export type TemplateComponent = WithUnknownFields<{
  type: 'body' | 'header' | 'button';
  sub_type?: string;
  index?: number | string;
  parameters: readonly Record<string, unknown>[];
}>;

/** What every message written through the API may carry. */
interface MessageParams {
  /** The identity to write as. Default: the token user's first identity on the source. */
  author_id?: string;
  /** A private message; `false` (public) by default. Not supported on every source. */
  private?: boolean;
  /** Files uploaded first with `client.attachments.upload`. */
  attachment_ids?: readonly string[];
  /** Marks the message as sent automatically (bots, auto-responders). */
  auto_submitted?: boolean;
  /** `html` only on messaging channels with rich text enabled (else 422); `text` by default. */
  body_format?: 'text' | 'html';
  /** Engage Messaging only: `true` disables the customer's text input, `false` enables it again. */
  disable_text_input_on_thread?: boolean;
  /** Email subject. */
  title?: string;
  /** Email copies. */
  cc?: readonly string[];
  bcc?: readonly string[];
}

export interface ReplyParams extends MessageParams {
  body: string;
  /** A structured message; `body` is its text fallback. */
  structured_content?: StructuredContent;
}

export interface NewDiscussionParams extends MessageParams {
  /** The source to write on; the token's user needs "initiate discussion" on it. */
  source_id: string;
  /** Required, except for WhatsApp template messages (`template_name`). */
  body?: string;
  /**
   * The recipient. SMS and WhatsApp: a phone number starting with `+` or `00`; messaging and custom
   * sources: the identity's `foreign_id`. Email: a list of addresses (required, with `title`).
   */
  to?: string | readonly string[];
  /** WhatsApp: one of the source's `template_messages` (required to start a WhatsApp conversation). */
  template_name?: string;
  /** WhatsApp: the template's language, e.g. `en` (required with `template_name`). */
  template_language?: string;
  /** WhatsApp template variables. */
  components?: readonly TemplateComponent[];
}

/**
 * Messages (`/contents`), newest first. Messages cannot be edited or deleted through the API. Writing
 * is asynchronous on RingCX's side: the message is created at once and exported to the channel
 * afterwards (its `synchronization_status` tells how that went).
 */
export class Contents extends Collection<Content, ContentListParams> {
  protected readonly path = '/contents';
  protected readonly idName = 'contentId';

  /**
   * Starts a new conversation on a source. Refused with 403 when the token's user may not initiate
   * discussions there, and with 422 when the source cannot start conversations or a required field
   * for its type is missing (`to`; email `title` and `to`; WhatsApp `template_name`).
   */
  create(params: NewDiscussionParams, options?: CallOptions): Promise<Content> {
    if (!params.body && !params.template_name) {
      throw new TypeError(
        'body is required: pass the message text (only WhatsApp template messages, with template_name, ' +
          'go without).',
      );
    }
    return this.write(
      'POST',
      this.path,
      { ...params, source_id: requiredId(params.source_id, 'source_id') },
      options,
    );
  }

  /**
   * Answers a message (`in_reply_to_id`): the reply goes to the same thread and channel. Refused with
   * 403 `cant_reply_to_closed_thread` when the thread is locked, 403 when the token's user may not reply
   * on the source, and 422 when the message is not synchronized or the values are invalid.
   */
  reply(inReplyToId: string, params: ReplyParams, options?: CallOptions): Promise<Content> {
    return this.write(
      'POST',
      this.path,
      { ...params, in_reply_to_id: requiredId(inReplyToId, 'inReplyToId') },
      options,
    );
  }

  /** Archives (ignores) the message. 404 when the token's user may not read its source. */
  ignore(contentId: string, options?: CallOptions): Promise<Content> {
    return this.write('PUT', itemPath(this.path, contentId, this.idName, 'ignore'), undefined, options);
  }

  /** Replaces the message's categories. 404 when the token's user may not read its source. */
  updateCategories(
    contentId: string,
    categoryIds: readonly string[],
    options?: CallOptions,
  ): Promise<Content> {
    return this.write(
      'PUT',
      itemPath(this.path, contentId, this.idName, 'update_categories'),
      { category_ids: categoryIds },
      options,
    );
  }
}
