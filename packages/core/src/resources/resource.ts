import type { HttpMethod } from '../http/transport.ts';
import type { RingCxHttp, RequestOptions } from '../http/http-client.ts';
import type { Params } from '../http/params.ts';
import { PageIterator, type IterateOptions, type ListPage, type PageParams } from '../pagination.ts';
import { SearchQuery } from '../search.ts';

/** Per-call options every resource method accepts as its last argument. */
export type CallOptions = Pick<RequestOptions, 'retry' | 'timeoutMs' | 'signal'>;

/** Objects keep every field the API returns, typed or not. */
export type WithUnknownFields<T> = T & { readonly [field: string]: unknown };

/**
 * Shared plumbing for the resource classes. Its helpers are protected; every public method of a
 * resource is one API operation (the contract test calls each of them against the official spec).
 */
export abstract class Resource {
  protected readonly http: RingCxHttp;

  constructor(http: RingCxHttp) {
    this.http = http;
  }

  /** A read. `query` values may be search queries; arrays go as `name[]`. */
  protected read<T>(path: string, query?: object, options?: CallOptions): Promise<T> {
    return this.http.request<T>('GET', path, { ...options, query: query && toQuery(query) });
  }

  /** A write with an optional JSON (or multipart) body. Never repeated blindly (see the retry rules). */
  protected write<T>(
    method: Exclude<HttpMethod, 'GET'>,
    path: string,
    body?: object,
    options?: CallOptions,
  ): Promise<T> {
    return this.http.request<T>(method, path, { ...options, body: body as Params | FormData | undefined });
  }

  protected listPage<T>(path: string, params: object = {}, options?: CallOptions): Promise<ListPage<T>> {
    return this.read<ListPage<T>>(path, params, options);
  }

  protected iteratePages<T>(
    path: string,
    params: object = {},
    options: IterateOptions = {},
  ): PageIterator<T> {
    const { offset, limit: _limit, ...filters } = params as PageParams;
    return new PageIterator<T>(
      (page) => this.listPage<T>(path, { ...filters, ...page }, { signal: options.signal }),
      { ...options, startOffset: typeof offset === 'number' ? offset : 0 },
    );
  }
}

/**
 * A collection the API lets you list, walk and read by id. Subclasses name the path and add their
 * own operations; filters are typed by `P`.
 */
export abstract class Collection<T, P extends PageParams = PageParams> extends Resource {
  /** The collection's path under the API root, e.g. `/teams`. */
  protected abstract readonly path: string;
  /** The id's name in error messages, e.g. `teamId`. */
  protected abstract readonly idName: string;
  /** Filters the API takes as one comma-separated value (`ids=a,b`); arrays given for them are joined. */
  protected readonly commaSeparated: readonly string[] = [];

  /** One page (default 30 records, at most 150) with the total `count`. */
  list(params: P = {} as P, options?: CallOptions): Promise<ListPage<T>> {
    return this.listPage<T>(this.path, joinLists(params, this.commaSeparated), options);
  }

  /** Every matching record, lazily, 150 per request; `max` caps the total. */
  iterate(params: Omit<P, 'limit'> = {} as Omit<P, 'limit'>, options?: IterateOptions): PageIterator<T> {
    return this.iteratePages<T>(this.path, joinLists(params, this.commaSeparated), options);
  }

  /** One record by id. 404 (`not_found`) when it does not exist or the token's user may not read it. */
  get(recordId: string, options?: CallOptions): Promise<T> {
    return this.read<T>(itemPath(this.path, recordId, this.idName), undefined, options);
  }
}

/** `/teams/{id}` or `/teams/{id}/action`, with the id checked and encoded. */
export function itemPath(collection: string, recordId: string, idName: string, action?: string): string {
  const base = `${collection}/${id(recordId, idName)}`;
  return action ? `${base}/${action}` : base;
}

/** A required id, trimmed; refuses empty ones with a message naming the parameter. */
export function requiredId(value: string, name: string): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new TypeError(`${name} is required: pass the RingCX id (a 24-character hex string) of the object.`);
  }
  return value.trim();
}

/** A required id, encoded for use in a path. */
export function id(value: string, name = 'id'): string {
  return encodeURIComponent(requiredId(value, name));
}

/** Filters as query parameters: a search query becomes its `q` text; lists stay lists (`name[]=…`). */
function toQuery(params: object): Params {
  const query: Record<string, Params[string]> = {};
  for (const [key, value] of Object.entries(params)) {
    query[key] = value instanceof SearchQuery ? value.toString() : (value as Params[string]);
  }
  return query;
}

function joinLists(params: object, keys: readonly string[]): object {
  const joined: Record<string, unknown> = { ...params };
  for (const key of keys) {
    const value = joined[key];
    if (Array.isArray(value)) joined[key] = value.join(',');
  }
  return joined;
}
