import type { PageParams } from '../pagination.ts';
import { Collection, itemPath, requiredId, type CallOptions, type WithUnknownFields } from './resource.ts';

/**
 * An intervention: an agent's (or bot's) handling of a thread, the unit that is assigned, deferred and
 * closed. Durations are in seconds (`_bh`: business hours only); satisfaction fields exist only with
 * the survey extension.
 */
export type Intervention = WithUnknownFields<{
  id: string;
  source_id: string;
  thread_id: string;
  /** The message it was opened on. */
  content_id: string;
  identity_id: string | null;
  identity_group_id?: string | null;
  /** The owner (agent or bot user). */
  user_id: string | null;
  /** A display label in the account's language (e.g. "Closed", "Fermée"), not a fixed vocabulary. */
  status: string;
  closed: boolean;
  closed_at: string | null;
  deferred_at: string | null;
  category_ids: string[];
  /** Custom-field values keyed by field key (written with `custom_field_values`). */
  custom_fields: Record<string, unknown>;
  comments_count: number;
  user_replies_count: number;
  first_user_reply_id: string | null;
  first_user_reply_in: number | null;
  first_user_reply_in_bh: number | null;
  last_user_reply_in: number | null;
  last_user_reply_in_bh: number | null;
  user_reply_in_average: number | null;
  user_reply_in_average_bh: number | null;
  user_reply_in_average_count: number;
  detected_language?: string | null;
  translation_enabled?: boolean;
  satisfaction_grade?: number | null;
  satisfaction_sent_at?: string | null;
  satisfaction_answered_at?: string | null;
  survey_id?: string | null;
  survey_response_id?: string | null;
  created_at: string;
  updated_at: string;
}>;

export interface InterventionListParams extends PageParams {
  thread_id?: string;
  /** The owner. */
  user_id?: string;
  /** One identity or several. */
  identity_id?: string | readonly string[];
  /** Interventions of any identity of this group. */
  identity_group_id?: string;
  /** `active`: open and not deferred. */
  status?: 'active' | 'closed' | 'deferred' | 'opened' | 'reopened';
  /** Newest first by this date; `created_at` by default. */
  sort?: 'created_at' | 'updated_at';
}

/** Custom-field values by field key; a list for multiple-choice fields. */
export type CustomFieldValues = Readonly<
  Record<string, string | number | boolean | readonly string[] | null>
>;

/**
 * Interventions (`/interventions`), newest first, of sources the token's user may read (the others
 * answer 404). There is no API to defer one.
 */
export class Interventions extends Collection<Intervention, InterventionListParams> {
  protected readonly path = '/interventions';
  protected readonly idName = 'interventionId';

  /**
   * Opens an intervention on a message as the token's user, or reopens the closed one it had. 422 when
   * it cannot be opened (one is already open, …).
   */
  create(params: { content_id: string }, options?: CallOptions): Promise<Intervention> {
    return this.write(
      'POST',
      this.path,
      { content_id: requiredId(params.content_id, 'content_id') },
      options,
    );
  }

  /** Sets custom-field values (other fields are unchanged). */
  update(
    interventionId: string,
    params: { custom_field_values: CustomFieldValues },
    options?: CallOptions,
  ): Promise<Intervention> {
    return this.write('PUT', itemPath(this.path, interventionId, this.idName), params, options);
  }

  /**
   * Closes (resolves) it. 403 unless it is still open, has at least one agent reply, and the token's
   * user owns it (or may edit permissions); 409 while a close is already running.
   */
  close(interventionId: string, options?: CallOptions): Promise<Intervention> {
    return this.write('PUT', itemPath(this.path, interventionId, this.idName, 'close'), undefined, options);
  }

  /**
   * Cancels (deletes) it. 403 unless it is still open and has no agent reply (close it otherwise);
   * 409 while a cancel is already running.
   */
  cancel(interventionId: string, options?: CallOptions): Promise<Intervention> {
    return this.write(
      'DELETE',
      itemPath(this.path, interventionId, this.idName, 'cancel'),
      undefined,
      options,
    );
  }

  /** Gives it to another user. Only users who may update interventions can. */
  reassign(interventionId: string, userId: string, options?: CallOptions): Promise<Intervention> {
    return this.write(
      'PUT',
      itemPath(this.path, interventionId, this.idName, 'reassign'),
      { user_id: requiredId(userId, 'userId') },
      options,
    );
  }

  /** Replaces its categories. */
  updateCategories(
    interventionId: string,
    categoryIds: readonly string[],
    options?: CallOptions,
  ): Promise<Intervention> {
    return this.write(
      'PUT',
      itemPath(this.path, interventionId, this.idName, 'update_categories'),
      { category_ids: categoryIds },
      options,
    );
  }
}
