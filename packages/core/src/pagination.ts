/**
 * Offset/limit pagination (REFERENCE §1.9): every list answers `{count, offset, limit, records}`,
 * `limit` defaults to 30 and is capped at 150.
 */
export interface ListPage<T> {
  /** Total number of matching records, all pages together. */
  count: number;
  offset: number;
  limit: number;
  records: T[];
}

export interface PageParams {
  offset?: number;
  /** Records per page, 1 to 150. */
  limit?: number;
}

export const MAX_PAGE_SIZE = 150;

export interface IterateOptions {
  /** Stop after this many records. Default: no cap. */
  max?: number;
  /** Records per request. Default 150, the API's maximum, so N records cost ceil(N/150) requests. */
  pageSize?: number;
  signal?: AbortSignal;
}

/**
 * Walks every page lazily: one request per page, holding one page in memory at a time. Stops at the
 * last page (short page, or `count` reached), at `max`, or when the caller stops iterating.
 * `count` holds the total once the first page has arrived.
 */
export class PageIterator<T> implements AsyncIterable<T> {
  count: number | undefined;

  constructor(
    private readonly fetchPage: (page: Required<PageParams>) => Promise<ListPage<T>>,
    private readonly options: IterateOptions & { startOffset?: number } = {},
  ) {}

  async *pages(): AsyncGenerator<ListPage<T>> {
    const pageSize = Math.min(Math.max(1, this.options.pageSize ?? MAX_PAGE_SIZE), MAX_PAGE_SIZE);
    const max = this.options.max ?? Number.POSITIVE_INFINITY;
    let offset = this.options.startOffset ?? 0;
    let seen = 0;
    while (seen < max) {
      this.options.signal?.throwIfAborted();
      const limit = Math.min(pageSize, max - seen);
      const page = await this.fetchPage({ offset, limit });
      this.count = page.count;
      const records = page.records.slice(0, max - seen);
      if (records.length === 0) return;
      seen += records.length;
      yield { ...page, records };
      offset += page.records.length;
      if (page.records.length < limit || offset >= page.count) return;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.records;
  }

  /** Collects everything (mind `max` for large accounts). */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const record of this) all.push(record);
    return all;
  }
}
