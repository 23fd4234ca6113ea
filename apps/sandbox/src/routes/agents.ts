import type { FastifyInstance } from 'fastify';
import { ApiError, validationError } from '../http/errors.ts';
import { optionalHash, optionalString, optionalStringArray } from '../http/params.ts';
import type { SandboxContext } from '../model/context.ts';
import { canOnSource, hasPermission, requirePermission } from '../model/permissions.ts';
import { renderAgentStatus, renderTag, teamIdsOf } from '../model/render.ts';
import { sortBy } from '../http/lists.ts';
import { caller, paramsOf, pathParam } from './common.ts';
import { crudRoutes } from './crud.ts';
import { requiredString } from '../http/params.ts';

/** Agent availability (`GET /status`, a bare array) and presence statuses (REFERENCE §2.11). */
export function agentRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  api.get('/status', async (request) => {
    const user = caller(request);
    requirePermission(store, user, 'monitor_tasks', "see agents' status");
    const params = paramsOf(request);
    const sourceIds = optionalStringArray(params, 'source_ids');
    const categoryIds = optionalStringArray(params, 'category_ids');
    const teamIds = optionalStringArray(params, 'team_ids');
    const languages = optionalStringArray(params, 'spoken_languages');
    const some = (wanted: string[] | undefined, has: (value: string) => boolean) =>
      wanted === undefined || wanted.length === 0 || wanted.some(has);
    return store.agent_statuses
      .all()
      .filter((status) => status.connected)
      .filter((status) => {
        const agent = store.users.get(status.id);
        if (!agent) return false;
        const teams = teamIdsOf(ctx, agent.id);
        return (
          some(sourceIds, (id) => canOnSource(agent, id, 'reply')) &&
          some(categoryIds, (id) => agent.category_ids.includes(id)) &&
          some(teamIds, (id) => teams.includes(id)) &&
          some(languages, (code) => agent.spoken_languages.includes(code))
        );
      })
      .map((status) => renderAgentStatus(ctx, status));
  });

  const connected = (agentId: string) => {
    const status = store.agent_statuses.get(agentId);
    if (!status)
      throw new ApiError(404, 'not_found', `No agent ${agentId}: agent ids are user ids (GET /1.0/users).`);
    if (!status.connected) throw new ApiError(404, 'disconnected', `The agent ${agentId} is not connected.`);
    return status;
  };

  api.get('/status/:agentId', async (request) => {
    const user = caller(request);
    const agentId = pathParam(request, 'agentId');
    if (agentId !== user.id) requirePermission(store, user, 'monitor_tasks', "see other agents' status");
    return renderAgentStatus(ctx, connected(agentId));
  });

  api.put('/status/:agentId', async (request) => {
    const user = caller(request);
    const agentId = pathParam(request, 'agentId');
    if (agentId !== user.id && !hasPermission(store, user, 'monitor_tasks')) {
      throw new ApiError(
        403,
        'forbidden',
        "Your user may only change its own status (changing others' needs monitor_tasks).",
      );
    }
    const status = connected(agentId);
    const params = paramsOf(request);
    const channels = optionalHash(params, 'status');
    const customStatusId = optionalString(params, 'custom_status_id');
    let next: Record<string, 'available' | 'away'> | undefined;
    if (channels) {
      const all = store.channels.all();
      const missing = all.filter((channel) => channels[channel.id] === undefined);
      if (missing.length > 0) {
        throw validationError(
          `"status" must give every channel: missing ${missing.map((c) => `status[${c.id}] (${c.name})`).join(', ')}.`,
        );
      }
      next = {};
      for (const channel of all) {
        const value = String(channels[channel.id]);
        if (value !== 'available' && value !== 'away') {
          throw validationError(`"status[${channel.id}]" must be available or away, got "${value}".`);
        }
        next[channel.id] = value;
      }
    } else if (customStatusId !== undefined) {
      if (!store.presence_statuses.get(customStatusId)) {
        throw validationError(
          `"custom_status_id" ${customStatusId} is not a presence status (see GET /1.0/presence_status).`,
        );
      }
    } else {
      throw validationError(
        'Send "status[<channel_id>]=available|away" for every channel, or "custom_status_id".',
      );
    }
    store.agent_statuses.update(status, (doc) => {
      // With both, the custom status is ignored (REFERENCE §2.11).
      if (next) {
        doc.channels = next;
        doc.custom_status_id = null;
      } else {
        doc.channels = Object.fromEntries(Object.keys(doc.channels).map((id) => [id, 'away' as const]));
        doc.custom_status_id = customStatusId ?? null;
      }
    });
    const rendered = renderAgentStatus(ctx, status);
    ctx.bus.emit({
      type: 'push_agent.availability_change',
      resource: {
        type: 'push_agent',
        id: agentId,
        metadata: { channels: rendered.channels, custom_status: rendered.custom_status },
      },
      user_id: user.id,
    });
    return rendered;
  });

  crudRoutes(api, ctx, {
    path: '/presence_status',
    param: 'presenceStatusId',
    kind: 'presence status',
    collection: store.presence_statuses,
    permission: 'update_settings',
    list: (records) => sortBy(records, (status) => status.name.toLowerCase(), 'asc'),
    render: renderTag,
    create: (params, base) => ({
      ...base,
      name: requiredString(params, 'name', 'the status name agents pick.'),
    }),
    update(status, params) {
      status.name = requiredString(params, 'name', 'the new status name.');
    },
  });
}
