import type { RingCxHttp, RequestOptions } from '../http/http-client.ts';
import type { Params } from '../http/params.ts';
import { PageIterator, type IterateOptions, type ListPage, type PageParams } from '../pagination.ts';

/** Per-call options every resource method accepts as its last argument. */
export type CallOptions = Pick<RequestOptions, 'retry' | 'timeoutMs' | 'signal'>;

/** Objects keep every field the API returns, typed or not. */
export type WithUnknownFields<T> = T & { readonly [field: string]: unknown };

/** Shared plumbing for the resource classes. */
export abstract class Resource {
  constructor(protected readonly http: RingCxHttp) {}

  protected listPage<T>(
    path: string,
    params: Params & PageParams = {},
    options?: CallOptions,
  ): Promise<ListPage<T>> {
    return this.http.request<ListPage<T>>('GET', path, { ...options, query: params });
  }

  protected iteratePages<T>(
    path: string,
    params: Params = {},
    options: IterateOptions = {},
  ): PageIterator<T> {
    const { offset, limit: _limit, ...filters } = params as Params & PageParams;
    return new PageIterator<T>(
      (page) => this.listPage<T>(path, { ...filters, ...page }, { signal: options.signal }),
      { ...options, startOffset: typeof offset === 'number' ? offset : 0 },
    );
  }
}

/** `encodeURIComponent` for ids in paths, refusing empty ones with a clear message. */
export function id(value: string, name = 'id'): string {
  if (typeof value !== 'string' || !value.trim()) {
    throw new TypeError(`${name} is required: pass the RingCX id (a 24-character hex string) of the object.`);
  }
  return encodeURIComponent(value.trim());
}
