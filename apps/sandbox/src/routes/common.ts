import type { FastifyRequest } from 'fastify';
import { authenticate } from '../auth.ts';
import { notFound, validationError } from '../http/errors.ts';
import { optionalStringArray, requestParams, type Params } from '../http/params.ts';
import type { SandboxContext } from '../model/context.ts';
import type { UserRecord } from '../store/records.ts';

/** The user the request acts as. */
export function caller(request: FastifyRequest): UserRecord {
  return authenticate(request).user;
}

export function paramsOf(request: FastifyRequest): Params {
  return requestParams(request);
}

export function pathParam(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? '';
}

/** Category ids that must all exist; `field` names the parameter in the error. */
export function categoryIds(
  ctx: SandboxContext,
  params: Params,
  field: string,
  required: boolean,
): string[] | undefined {
  const ids = optionalStringArray(params, field);
  if (ids === undefined) {
    if (required) {
      throw validationError(
        `"${field}[]" is required: the category ids to set (send ${field}[]= with no value to clear them).`,
      );
    }
    return undefined;
  }
  for (const id of ids) {
    if (!ctx.store.categories.get(id))
      throw validationError(`"${field}[]" names ${id}, which is not a category (see GET /1.0/categories).`);
  }
  return [...new Set(ids)];
}

/** A record by id from a collection, or the API's 404. */
export function found<T>(record: T | undefined, kind: string, id: string): T {
  if (record === undefined) throw notFound(kind, id);
  return record;
}
