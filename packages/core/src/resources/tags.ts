import type { PageParams } from '../pagination.ts';
import { Collection, type WithUnknownFields } from './resource.ts';

/** A tag for identity groups (customer profiles). */
export type Tag = WithUnknownFields<{
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
}>;

export interface TagListParams extends PageParams {
  /** Only these tags. */
  ids?: string | readonly string[];
}

/** Tags (`/tags`), by name. */
export class Tags extends Collection<Tag, TagListParams> {
  protected readonly path = '/tags';
  protected readonly idName = 'tagId';
  protected override readonly commaSeparated = ['ids'];
}
