import type { PageParams } from '../pagination.ts';
import type { SearchQuery } from '../search.ts';
import { Collection, type WithUnknownFields } from './resource.ts';

/**
 * An entry of the account's audit journal (`events`), e.g. `content.replied`, `intervention.closed`,
 * `webhook.suspended`. The keys of `extra_infos` depend on the event and are not guaranteed.
 */
export type AuditEvent = WithUnknownFields<{
  id: string;
  name: string;
  user_id: string | null;
  extra_infos: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}>;

export interface AuditEventListParams extends PageParams {
  /**
   * Search (`q=`): keywords `content`, `content_thread`, `name_in`, `created_before`, `created_after`,
   * `user`, and `order:created_at.asc` (newest first by default). Build it with `searchQuery()`.
   */
  q?: string | SearchQuery;
}

/** The audit journal (`/events`), newest first. Needs the "search event" permission; 404 without it. */
export class Events extends Collection<AuditEvent, AuditEventListParams> {
  protected readonly path = '/events';
  protected readonly idName = 'eventId';
}
