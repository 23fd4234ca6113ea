import { invalidParameter } from './errors.ts';
import { optionalInteger, type Params } from './params.ts';

export const DEFAULT_LIMIT = 30;
export const MAX_LIMIT = 150;

export interface ListEnvelope<T> {
  count: number;
  offset: number;
  limit: number;
  records: T[];
}

/**
 * One page in the API's envelope. `count` is the total before paging. A `limit` above 150 is
 * lowered to 150 and the envelope says so (the API documents the maximum, not what happens above
 * it), so a client that pages by the `limit` it gets back never skips records.
 */
export function page<R, T>(params: Params, records: readonly R[], render: (record: R) => T): ListEnvelope<T> {
  const offset = optionalInteger(params, 'offset') ?? 0;
  const requested = optionalInteger(params, 'limit') ?? DEFAULT_LIMIT;
  if (offset < 0) throw invalidParameter(`"offset" must be 0 or more, got ${offset}.`);
  if (requested < 0) throw invalidParameter(`"limit" must be between 0 and ${MAX_LIMIT}, got ${requested}.`);
  const limit = Math.min(requested, MAX_LIMIT);
  return {
    count: records.length,
    offset,
    limit,
    records: records.slice(offset, offset + limit).map(render),
  };
}

type Comparable = string | number | boolean | null | undefined;

/** Sorts by a key, then by id so that equal keys keep a stable order across pages. */
export function sortBy<R extends { id: string }>(
  records: readonly R[],
  key: (record: R) => Comparable,
  direction: 'asc' | 'desc',
): R[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...records].sort((a, b) => {
    const left = key(a) ?? '';
    const right = key(b) ?? '';
    if (left < right) return -sign;
    if (left > right) return sign;
    return a.id < b.id ? -sign : a.id > b.id ? sign : 0;
  });
}
