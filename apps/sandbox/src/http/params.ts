import type { FastifyRequest } from 'fastify';
import { invalidParameter, validationError } from './errors.ts';

/**
 * Parameters of one request, read the way the Rails API reads them: query string, then the form or
 * JSON body on top (the body wins). `x[]` arrays and `a[b]` hashes arrive already nested (qs).
 */
export type Params = Record<string, unknown>;

export function requestParams(request: FastifyRequest): Params {
  return { ...asObject(request.query), ...asObject(request.body) };
}

function asObject(value: unknown): Params {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Params) : {};
}

/** A JSON body may spell an array `"ids[]": [...]` as a form would; both mean `ids`. */
function raw(params: Params, name: string): unknown {
  return params[name] !== undefined ? params[name] : params[`${name}[]`];
}

export function has(params: Params, name: string): boolean {
  return raw(params, name) !== undefined;
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = raw(params, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw invalidParameter(`"${name}" must be a single text value, not a list or a hash.`);
}

/** A string that must be present and not blank; `hint` says what to send. */
export function requiredString(params: Params, name: string, hint: string): string {
  const value = optionalString(params, name);
  if (value === undefined || value.trim() === '') throw validationError(`"${name}" is required: ${hint}`);
  return value;
}

const TRUE = new Set(['true', '1', 'on', 'yes']);
const FALSE = new Set(['false', '0', 'off', 'no']);

/** Booleans as the API reads them: true/1/on/yes and false/0/off/no (REFERENCE §1.5). */
export function optionalBoolean(params: Params, name: string): boolean | undefined {
  const value = raw(params, name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  throw invalidParameter(
    `"${name}" must be a boolean (true/false, 1/0, yes/no, on/off), got ${JSON.stringify(value)}.`,
  );
}

export function optionalInteger(params: Params, name: string): number | undefined {
  const value = raw(params, name);
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isInteger(number))
    throw invalidParameter(`"${name}" must be a whole number, got ${JSON.stringify(value)}.`);
  return number;
}

/**
 * A list sent as `name[]=a&name[]=b`, `{"name": [...]}` or one plain value. An empty `name[]=`
 * (the only way a form can send an empty list) means no items.
 */
export function optionalStringArray(params: Params, name: string): string[] | undefined {
  const value = raw(params, name);
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : typeof value === 'object' ? Object.values(value) : [value];
  const strings = items.map((item) => {
    if (typeof item === 'string' || typeof item === 'number') return String(item);
    throw invalidParameter(`"${name}[]" must be a list of text values.`);
  });
  return strings.filter((item) => item !== '');
}

/** Comma-separated ids (`ids=a,b`), as some list filters take them. */
export function optionalCommaList(params: Params, name: string): string[] | undefined {
  const value = optionalString(params, name);
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

/** A hash sent as `name[key]=value` or `{"name": {...}}`. */
export function optionalHash(params: Params, name: string): Record<string, unknown> | undefined {
  const value = raw(params, name);
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  throw invalidParameter(`"${name}" must be a hash, sent as ${name}[key]=value or as a JSON object.`);
}

export function optionalEnum<T extends string>(
  params: Params,
  name: string,
  allowed: readonly T[],
): T | undefined {
  const value = optionalString(params, name);
  if (value === undefined || value === '') return undefined;
  if (!(allowed as readonly string[]).includes(value)) {
    throw invalidParameter(`"${name}" must be one of ${allowed.join(', ')}; got "${value}".`);
  }
  return value as T;
}
