import type { FastifyInstance } from 'fastify';
import { validationError } from '../http/errors.ts';
import { page, sortBy } from '../http/lists.ts';
import {
  optionalEnum,
  optionalHash,
  optionalString,
  optionalStringArray,
  requiredString,
} from '../http/params.ts';
import { readableContent, readableIntervention } from '../model/access.ts';
import type { SandboxContext } from '../model/context.ts';
import {
  cancel,
  close,
  openOrReopen,
  reassign,
  recategorize,
  updateCustomFields,
} from '../model/interventions.ts';
import { canRead } from '../model/permissions.ts';
import { renderIntervention } from '../model/render.ts';
import type { InterventionRecord } from '../store/records.ts';
import { caller, categoryIds, found, paramsOf, pathParam } from './common.ts';

const STATUS_FILTERS: Record<string, (intervention: InterventionRecord) => boolean> = {
  // Nothing is ever deferred in the sandbox (the API has no defer endpoint).
  active: (intervention) => intervention.status !== 'closed',
  opened: (intervention) => intervention.status !== 'closed',
  reopened: (intervention) => intervention.status === 'reopened',
  closed: (intervention) => intervention.status === 'closed',
  deferred: () => false,
};

/** Interventions (REFERENCE §2.4, §10.7). */
export function interventionRoutes(api: FastifyInstance, ctx: SandboxContext): void {
  const { store } = ctx;

  api.get('/interventions', async (request) => {
    const user = caller(request);
    const params = paramsOf(request);
    const threadId = optionalString(params, 'thread_id');
    const userId = optionalString(params, 'user_id');
    const groupId = optionalString(params, 'identity_group_id');
    const identityIds = optionalStringArray(params, 'identity_id');
    const status = optionalEnum(params, 'status', [
      'active',
      'closed',
      'deferred',
      'opened',
      'reopened',
    ] as const);
    const sort = optionalEnum(params, 'sort', ['created_at', 'updated_at'] as const) ?? 'created_at';
    const matching = store.interventions
      .all()
      .filter((intervention) => canRead(user, intervention.source_id))
      .filter((intervention) => threadId === undefined || intervention.thread_id === threadId)
      .filter((intervention) => userId === undefined || intervention.user_id === userId)
      .filter(
        (intervention) =>
          identityIds === undefined ||
          identityIds.length === 0 ||
          (intervention.identity_id !== null && identityIds.includes(intervention.identity_id)),
      )
      .filter(
        (intervention) =>
          groupId === undefined ||
          (intervention.identity_id !== null &&
            store.identities.get(intervention.identity_id)?.identity_group_id === groupId),
      )
      .filter((intervention) => status === undefined || STATUS_FILTERS[status]!(intervention));
    return page(
      params,
      sortBy(matching, (intervention) => intervention[sort], 'desc'),
      (intervention) => renderIntervention(ctx, intervention),
    );
  });

  api.get('/interventions/:interventionId', async (request) => {
    return renderIntervention(
      ctx,
      readableIntervention(ctx, caller(request), pathParam(request, 'interventionId')),
    );
  });

  api.post('/interventions', async (request) => {
    const user = caller(request);
    const contentId = requiredString(
      paramsOf(request),
      'content_id',
      'the id of the message to open the intervention on.',
    );
    return renderIntervention(ctx, openOrReopen(ctx, user, readableContent(ctx, user, contentId)));
  });

  api.put('/interventions/:interventionId', async (request) => {
    const user = caller(request);
    const intervention = readableIntervention(ctx, user, pathParam(request, 'interventionId'));
    const values = optionalHash(paramsOf(request), 'custom_field_values');
    if (!values) {
      throw validationError(
        '"custom_field_values" is required: send custom_field_values[<key>]=<value> for each field to set.',
      );
    }
    return renderIntervention(ctx, updateCustomFields(ctx, user, intervention, values));
  });

  api.put('/interventions/:interventionId/close', async (request) => {
    const user = caller(request);
    return renderIntervention(
      ctx,
      close(ctx, user, readableIntervention(ctx, user, pathParam(request, 'interventionId'))),
    );
  });

  api.delete('/interventions/:interventionId/cancel', async (request) => {
    const user = caller(request);
    return renderIntervention(
      ctx,
      cancel(ctx, user, readableIntervention(ctx, user, pathParam(request, 'interventionId'))),
    );
  });

  api.put('/interventions/:interventionId/reassign', async (request) => {
    const user = caller(request);
    const intervention = readableIntervention(ctx, user, pathParam(request, 'interventionId'));
    const targetId = requiredString(
      paramsOf(request),
      'user_id',
      'the id of the user who takes the intervention.',
    );
    const target = found(store.users.get(targetId), 'user', targetId);
    return renderIntervention(ctx, reassign(ctx, user, intervention, target));
  });

  api.put('/interventions/:interventionId/update_categories', async (request) => {
    const user = caller(request);
    const intervention = readableIntervention(ctx, user, pathParam(request, 'interventionId'));
    const ids = categoryIds(ctx, paramsOf(request), 'category_ids', true)!;
    return renderIntervention(ctx, recategorize(ctx, user, intervention, ids));
  });
}
