import type { PageParams } from '../pagination.ts';
import { Collection, type WithUnknownFields } from './resource.ts';

/**
 * A category (also called skill or reason): a tree of labels for threads, messages and interventions.
 * Routing uses them to pick agents, so changing a thread's categories hands it over.
 */
export type Category = WithUnknownFields<{
  id: string;
  name: string;
  parent_id: string | null;
  /** 0 to 6. */
  color: number;
  /** Root categories only: agents must pick one of its children. */
  mandatory: boolean;
  multiple: boolean;
  post_qualification: boolean;
  unselectable: boolean;
  /** Root categories only: where it applies. */
  source_ids: string[];
  created_at: string;
  updated_at: string;
}>;

export interface CategoryListParams extends PageParams {
  /** Only these categories. */
  ids?: string | readonly string[];
  /** Only the children of this one. */
  parent_id?: string;
}

/** Categories (`/categories`), oldest first. */
export class Categories extends Collection<Category, CategoryListParams> {
  protected readonly path = '/categories';
  protected readonly idName = 'categoryId';
  protected override readonly commaSeparated = ['ids'];
}
