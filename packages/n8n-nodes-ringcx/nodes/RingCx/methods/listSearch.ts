import { searchQuery } from '@ringcx-connectors/core/portable';
import type { ILoadOptionsFunctions, INodeListSearchItems, INodeListSearchResult } from 'n8n-workflow';
import { getClient } from '../../shared/client.ts';
import { toNodeError } from '../../shared/errors.ts';

const PAGE = 100;

/** One page of a list, filtered on the names shown; the next offset is the pagination token. */
async function searchPage<T>(
  context: ILoadOptionsFunctions,
  fetch: (
    client: Awaited<ReturnType<typeof getClient>>,
    offset: number,
  ) => Promise<{ count: number; records: T[] }>,
  toItem: (record: T) => INodeListSearchItems,
  filter: string | undefined,
  paginationToken: string | undefined,
): Promise<INodeListSearchResult> {
  try {
    const client = await getClient(context);
    const offset = Number(paginationToken) || 0;
    const page = await fetch(client, offset);
    const wanted = filter?.trim().toLowerCase();
    const results = page.records
      .map(toItem)
      .filter((item) => !wanted || item.name.toLowerCase().includes(wanted) || item.value === filter?.trim());
    const next = offset + page.records.length;
    return {
      results,
      paginationToken: page.records.length > 0 && next < page.count ? String(next) : undefined,
    };
  } catch (error) {
    throw toNodeError(context.getNode(), error);
  }
}

function fullName(first: unknown, last: unknown, fallback: string): string {
  return [first, last].filter((part) => typeof part === 'string' && part).join(' ') || fallback;
}

export async function searchSources(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: string,
): Promise<INodeListSearchResult> {
  return await searchPage(
    this,
    (client, offset) => client.sources.list({ offset, limit: PAGE }),
    (source) => ({ name: `${source.name} (${source.type})`, value: source.id }),
    filter,
    paginationToken,
  );
}

export async function searchThreads(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: string,
): Promise<INodeListSearchResult> {
  // Threads are many: RingCX searches them by text, newest activity first.
  const q = searchQuery().text(filter?.trim() || undefined);
  return await searchPage(
    this,
    (client, offset) => client.threads.list({ q, offset, limit: PAGE }),
    (thread) => ({
      name: `${thread.title || 'Untitled thread'} (${thread.last_content_at ?? thread.created_at})`,
      value: thread.id,
    }),
    undefined,
    paginationToken,
  );
}

export async function searchUsers(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: string,
): Promise<INodeListSearchResult> {
  return await searchPage(
    this,
    (client, offset) => client.users.list({ offset, limit: PAGE }),
    (user) => ({
      name: `${fullName(user.firstname, user.lastname, user.email)} <${user.email}>`,
      value: user.id,
    }),
    filter,
    paginationToken,
  );
}

export async function searchCategories(
  this: ILoadOptionsFunctions,
  filter?: string,
  paginationToken?: string,
): Promise<INodeListSearchResult> {
  return await searchPage(
    this,
    (client, offset) => client.categories.list({ offset, limit: PAGE }),
    (category) => ({ name: category.name, value: category.id }),
    filter,
    paginationToken,
  );
}
