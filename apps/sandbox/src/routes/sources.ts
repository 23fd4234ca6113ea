import type { FastifyInstance } from 'fastify';
import { page, sortBy } from '../http/lists.ts';
import {
  has,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalString,
  optionalStringArray,
} from '../http/params.ts';
import { invalidParameter, notFound } from '../http/errors.ts';
import type { SandboxContext } from '../model/context.ts';
import { canOnSource, canRead, requirePermission } from '../model/permissions.ts';
import { renderChannel, renderCommunity, renderSource } from '../model/render.ts';
import { caller, categoryIds, found, paramsOf, pathParam } from './common.ts';

/** Sources, their communities and the routing channels that group them (REFERENCE §2.1). */
export function sourceRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  api.get('/content_sources', async (request) => {
    const user = caller(request);
    const params = paramsOf(request);
    const permission = optionalEnum(params, 'permission', ['read', 'initiate_discussion'] as const) ?? 'read';
    const active = optionalBoolean(params, 'active');
    const sources = store.sources
      .all()
      .filter((source) => canOnSource(user, source.id, permission))
      .filter((source) => active === undefined || source.active === active);
    return page(
      params,
      sortBy(sources, (source) => source.created_at, 'asc'),
      renderSource,
    );
  });

  api.get('/content_sources/:sourceId', async (request) => {
    const id = pathParam(request, 'sourceId');
    const source = store.sources.get(id);
    if (!source || !canRead(caller(request), id)) throw notFound('source', id);
    return renderSource(source);
  });

  api.put('/content_sources/:sourceId', async (request) => {
    const user = caller(request);
    const id = pathParam(request, 'sourceId');
    const source = store.sources.get(id);
    if (!source || !canRead(user, id)) throw notFound('source', id);
    requirePermission(store, user, 'update_content_source', 'update sources');
    const params = paramsOf(request);
    const name = optionalString(params, 'name');
    const active = optionalBoolean(params, 'active');
    const color = optionalInteger(params, 'color');
    if (color !== undefined && (color < 0 || color > 9))
      throw invalidParameter(`"color" must be between 0 and 9, got ${color}.`);
    const channelId = optionalString(params, 'channel_id');
    if (channelId !== undefined) found(store.channels.get(channelId), 'channel', channelId);
    const slaResponse = optionalInteger(params, 'sla_response');
    const defaults = categoryIds(ctx, params, 'default_category_ids', false);
    return renderSource(
      store.sources.update(source, (doc) => {
        if (name !== undefined) doc.name = name;
        if (active !== undefined) doc.active = active;
        if (color !== undefined) doc.color = color;
        if (channelId !== undefined) doc.channel_id = channelId;
        if (slaResponse !== undefined) doc.sla_response = slaResponse;
        if (defaults !== undefined) doc.default_category_ids = defaults;
      }),
    );
  });

  api.get('/communities', async (request) => {
    caller(request);
    return page(
      paramsOf(request),
      sortBy(store.communities.all(), (c) => c.created_at, 'asc'),
      renderCommunity,
    );
  });

  api.get('/communities/:communityId', async (request) => {
    caller(request);
    const id = pathParam(request, 'communityId');
    return renderCommunity(found(store.communities.get(id), 'community', id));
  });

  api.get('/channels', async (request) => {
    caller(request);
    return page(
      paramsOf(request),
      sortBy(store.channels.all(), (c) => c.created_at, 'asc'),
      renderChannel,
    );
  });

  api.get('/channels/:channelId', async (request) => {
    caller(request);
    const id = pathParam(request, 'channelId');
    return renderChannel(found(store.channels.get(id), 'channel', id));
  });

  api.put('/channels/:channelId', async (request) => {
    const user = caller(request);
    const id = pathParam(request, 'channelId');
    const channel = found(store.channels.get(id), 'channel', id);
    requirePermission(store, user, 'manage_topologies', 'update channels');
    const params = paramsOf(request);
    const name = optionalString(params, 'name');
    const sourceIds = optionalStringArray(params, 'source_ids');
    for (const sourceId of sourceIds ?? []) found(store.sources.get(sourceId), 'source', sourceId);
    const numbers = [
      'soft_capability',
      'hard_capability',
      'task_timeout_seconds',
      'agent_sla',
      'agent_sla_threshold',
      'task_auto_complete_seconds',
    ] as const;
    const values = Object.fromEntries(numbers.map((key) => [key, optionalInteger(params, key)]));
    const autoComplete = has(params, 'auto_complete_category_ids')
      ? categoryIds(ctx, params, 'auto_complete_category_ids', false)
      : undefined;
    return renderChannel(
      store.channels.update(channel, (doc) => {
        if (name !== undefined) {
          doc.name = name;
          doc.label = name;
        }
        if (sourceIds !== undefined) doc.source_ids = sourceIds;
        for (const key of numbers) if (values[key] !== undefined) doc[key] = values[key];
        if (autoComplete !== undefined) doc.auto_complete_category_ids = autoComplete;
      }),
    );
  });
}
