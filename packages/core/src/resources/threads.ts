import type { IterateOptions, ListPage, PageParams } from '../pagination.ts';
import type { PageIterator } from '../pagination.ts';
import type { SearchQuery } from '../search.ts';
import { id, Resource, type CallOptions, type WithUnknownFields } from './resource.ts';

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

export class Threads extends Resource {
  /** One page of threads, most recently active first (by last message). */
  list(params: ThreadListParams = {}, options?: CallOptions): Promise<ListPage<Thread>> {
    return this.listPage<Thread>('/content_threads', { ...params, q: params.q?.toString() }, options);
  }

  /** Every matching thread, 150 per request. */
  iterate(params: Omit<ThreadListParams, 'limit'> = {}, options?: IterateOptions): PageIterator<Thread> {
    return this.iteratePages<Thread>('/content_threads', { ...params, q: params.q?.toString() }, options);
  }

  get(threadId: string, options?: CallOptions): Promise<Thread> {
    return this.http.request('GET', `/content_threads/${id(threadId, 'threadId')}`, options);
  }

  /**
   * Locks the thread (no more replies). Asynchronous on RingCX's side: the returned `closed` may still
   * show the state from before the job ran.
   */
  close(threadId: string, options?: CallOptions): Promise<Thread> {
    return this.http.request('PUT', `/content_threads/${id(threadId, 'threadId')}/close`, options);
  }

  /** Unlocks the thread. The API uses GET for this one. Asynchronous like `close`. */
  open(threadId: string, options?: CallOptions): Promise<Thread> {
    return this.http.request('GET', `/content_threads/${id(threadId, 'threadId')}/open`, options);
  }

  /** Archives (ignores) every message of the thread. 409 while a previous archive job runs. */
  ignore(threadId: string, options?: CallOptions): Promise<Thread> {
    return this.http.request('PUT', `/content_threads/${id(threadId, 'threadId')}/ignore`, options);
  }

  /** Replaces the thread's own categories (`thread_category_ids`). 409 while a previous job runs. */
  updateCategories(
    threadId: string,
    threadCategoryIds: readonly string[],
    options?: CallOptions,
  ): Promise<Thread> {
    return this.http.request('PUT', `/content_threads/${id(threadId, 'threadId')}/update_categories`, {
      ...options,
      body: { thread_category_ids: threadCategoryIds },
    });
  }
}
