/**
 * Parameter encoding. RingCX is a Rails API: arrays travel as `name[]=a&name[]=b` and hashes as
 * `name[key]=value` (REFERENCE §1.5). Reads put parameters in the query string; writes send the same
 * structure as a JSON body (which Rails reads identically and which structured content needs).
 */
export type ParamValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly ParamValue[]
  | { readonly [key: string]: ParamValue };

export type Params = { readonly [key: string]: ParamValue };

/** `{ ids: ['a','b'], q: 'x', h: { k: 1 } }` → `ids%5B%5D=a&ids%5B%5D=b&q=x&h%5Bk%5D=1`. Skips undefined and null. */
export function encodeQuery(params: Params | undefined): string {
  if (!params) return '';
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) appendParam(search, key, value);
  return search.toString();
}

function appendParam(search: URLSearchParams, key: string, value: ParamValue): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    for (const item of value as readonly ParamValue[]) appendParam(search, `${key}[]`, item);
  } else if (typeof value === 'object') {
    for (const [sub, item] of Object.entries(value)) appendParam(search, `${key}[${sub}]`, item);
  } else {
    search.append(key, String(value));
  }
}

/** Drops undefined values (JSON.stringify would too) and keeps explicit nulls. */
export function encodeJsonBody(params: Params): string {
  return JSON.stringify(params);
}
