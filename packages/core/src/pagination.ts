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
  /** The API's total for the query; `undefined` until the first page has arrived. */
  count: number | undefined;
  readonly #fetchPage: (page: Required<PageParams>) => Promise<ListPage<T>>;
  readonly #options: IterateOptions & { startOffset?: number };

  constructor(
    fetchPage: (page: Required<PageParams>) => Promise<ListPage<T>>,
    options: IterateOptions & { startOffset?: number } = {},
  ) {
    this.#fetchPage = fetchPage;
    this.#options = options;
  }

  async *pages(): AsyncGenerator<ListPage<T>> {
    const requested = Math.floor(this.#options.pageSize ?? MAX_PAGE_SIZE);
    const pageSize = requested >= 1 ? Math.min(requested, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
    const max = this.#options.max ?? Number.POSITIVE_INFINITY;
    let offset = this.#options.startOffset ?? 0;
    let seen = 0;
    while (seen < max) {
      this.#options.signal?.throwIfAborted();
      const limit = Math.min(pageSize, max - seen);
      const page = await this.#fetchPage({ offset, limit });
      this.count = page.count;
      const records = page.records.slice(0, max - seen);
      if (records.length === 0) return;
      seen += records.length;
      yield { ...page, records };
      offset += page.records.length;
      if (page.records.length < limit || offset >= page.count) return;
    }
  }

  /**
   * Record by record. Written by hand rather than as an async generator over `pages()`: delegating
   * with `yield*` costs several promise turns per record, which showed as a quarter of the listing
   * time in the bench.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    const pages = this.pages();
    let records: T[] = [];
    let index = 0;
    return {
      next: async () => {
        while (index >= records.length) {
          const page = await pages.next();
          if (page.done) return { done: true, value: undefined };
          records = page.value.records;
          index = 0;
        }
        return { done: false, value: records[index++]! };
      },
      // `break` in a for-await loop lands here: stop the page walk so nothing more is fetched.
      return: async () => {
        records = [];
        await pages.return(undefined);
        return { done: true, value: undefined };
      },
    };
  }

  /** Collects everything (mind `max` for large accounts). */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const record of this) all.push(record);
    return all;
  }
}
