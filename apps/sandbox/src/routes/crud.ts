import type { FastifyInstance } from 'fastify';
import { page } from '../http/lists.ts';
import type { Params } from '../http/params.ts';
import { freshId, now, type SandboxContext } from '../model/context.ts';
import { requirePermission } from '../model/permissions.ts';
import type { Timestamps } from '../store/records.ts';
import type { Collection } from '../store/store.ts';
import { caller, found, paramsOf, pathParam } from './common.ts';

/** A provisioning resource with list, get, create, update and delete (tags, teams, categories, …). */
export interface CrudResource<T extends Timestamps> {
  /** `/tags` */
  path: string;
  /** The id's name in the path, as the specification spells it (`tagId`). */
  param: string;
  /** `tag`, for error messages. */
  kind: string;
  collection: Collection<T>;
  /** Role permission needed to write. */
  permission: string;
  /** The list: filtered by the request's parameters and in the resource's default order. */
  list(records: T[], params: Params): T[];
  render(record: T): Record<string, unknown>;
  /** A new record from the parameters (validating them). */
  create(params: Params, base: Timestamps): T;
  /** Applies an update's parameters to the record. */
  update(record: T, params: Params): void;
  /** Runs before a delete (to move references elsewhere). */
  beforeDelete?(record: T, params: Params): void;
}

export function crudRoutes<T extends Timestamps>(
  api: FastifyInstance,
  ctx: SandboxContext,
  resource: CrudResource<T>,
): void {
  const { path, param, kind, collection } = resource;
  const write = (request: Parameters<typeof caller>[0], verb: string) =>
    requirePermission(ctx.store, caller(request), resource.permission, `${verb} ${kind}s`);

  api.get(path, async (request) => {
    caller(request);
    const params = paramsOf(request);
    return page(params, resource.list(collection.all(), params), (record) => resource.render(record));
  });

  api.get(`${path}/:${param}`, async (request) => {
    caller(request);
    const id = pathParam(request, param);
    return resource.render(found(collection.get(id), kind, id));
  });

  api.post(path, async (request) => {
    write(request, 'create');
    const timestamp = now(ctx);
    const record = resource.create(paramsOf(request), {
      id: freshId(ctx),
      created_at: timestamp,
      updated_at: timestamp,
    });
    return resource.render(collection.insert(record));
  });

  api.put(`${path}/:${param}`, async (request) => {
    write(request, 'update');
    const id = pathParam(request, param);
    const record = found(collection.get(id), kind, id);
    const params = paramsOf(request);
    // Validate on a copy so a refused update changes nothing.
    const draft = structuredClone(record);
    resource.update(draft, params);
    return resource.render(collection.update(record, (doc) => Object.assign(doc, draft)));
  });

  api.delete(`${path}/:${param}`, async (request) => {
    write(request, 'delete');
    const id = pathParam(request, param);
    const record = found(collection.get(id), kind, id);
    resource.beforeDelete?.(record, paramsOf(request));
    collection.delete(id);
    return resource.render(record);
  });
}
