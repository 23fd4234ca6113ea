import type { PageParams } from '../pagination.ts';
import type { SearchQuery } from '../search.ts';
import { Collection, itemPath, type CallOptions, type WithUnknownFields } from './resource.ts';

/**
 * A conversation (`content_threads`). Threads are created by their first message, never directly.
 * `closed` means locked: nobody can reply until it is opened again.
 */
export type Thread = WithUnknownFields<{
  id: string;
  source_id: string;
  title: string | null;
  closed: boolean;
  contents_count: number;
  interventions_count: number;
  /** Every category, including those of its messages and interventions. */
  category_ids: string[];
  /** The categories set on the thread itself (what routing and hand-over change). */
  thread_category_ids: string[];
  /** Source-specific data, e.g. a chat's `page_url` or `close_cause`. */
  extra_data: Record<string, unknown> | null;
  foreign_id: string | null;
  created_at: string;
  updated_at: string;
  /** Not in the official spec, but returned by the API. */
  last_content_at?: string;
}>;

export interface ThreadListParams extends PageParams {
  /**
   * Search (`q=`): keywords `source`, `identity`, `status_in`, `categorized_in`, `first_content_after`,
   * `last_content_before`, … and `order:created_at.asc` / `order:last_content_at.desc` (the default).
   * Build it with `searchQuery()`.
   */
  q?: string | SearchQuery;
}

/**
 * Threads (`/content_threads`), most recently active first. Only threads of sources the token's user
 * may read are listed; the others answer 404.
 */
export class Threads extends Collection<Thread, ThreadListParams> {
  protected readonly path = '/content_threads';
  protected readonly idName = 'threadId';

  /**
   * Locks the thread (no more replies). Only on sources that support it (email, answers, ideas,
   * Messenger, mobile messaging…), else 403. Asynchronous on RingCX's side: the returned `closed`
   * may still show the state from before the job ran.
   */
  close(threadId: string, options?: CallOptions): Promise<Thread> {
    return this.write('PUT', itemPath(this.path, threadId, this.idName, 'close'), undefined, options);
  }

  /**
   * Unlocks the thread. The API uses GET for this one, so it is treated as a read. Same refusals and
   * asynchronous behaviour as `close`.
   */
  open(threadId: string, options?: CallOptions): Promise<Thread> {
    return this.read(itemPath(this.path, threadId, this.idName, 'open'), undefined, options);
  }

  /** Archives (ignores) every message of the thread. 409 (`conflict`) while a previous archive job runs. */
  ignore(threadId: string, options?: CallOptions): Promise<Thread> {
    return this.write('PUT', itemPath(this.path, threadId, this.idName, 'ignore'), undefined, options);
  }

  /**
   * Replaces the thread's own categories (`thread_category_ids`); this is how a conversation is
   * routed to another team or handed from a bot to humans. 409 while a previous categorization runs.
   */
  updateCategories(
    threadId: string,
    threadCategoryIds: readonly string[],
    options?: CallOptions,
  ): Promise<Thread> {
    return this.write(
      'PUT',
      itemPath(this.path, threadId, this.idName, 'update_categories'),
      { thread_category_ids: threadCategoryIds },
      options,
    );
  }
}
