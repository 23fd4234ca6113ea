import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, validationError } from '../http/errors.ts';
import { page } from '../http/lists.ts';
import { requestParams, type Params } from '../http/params.ts';
import { newId } from '../ids.ts';
import { WebhookDispatcher } from './engine.ts';
import { parseWebhookInput } from './params.ts';
import { WebhookStore } from './store.ts';
import type { WebhookDeps, WebhookEngine, WebhookRecord } from './types.ts';

interface Caller {
  tokenId: string;
  userId: string;
}

type Handler = (params: Params, caller: Caller, webhookId: string | undefined) => unknown;

/**
 * Adds `GET|POST /webhooks` and `GET|PUT|DELETE /webhooks/:webhookId` to `app` (mounted under
 * `/1.0` by the server) and starts the engine that verifies and feeds the webhooks.
 */
export function registerWebhookRoutes(app: FastifyInstance, deps: WebhookDeps): WebhookEngine {
  const store = new WebhookStore(deps.persistence);
  const engine = new WebhookDispatcher(store, deps);
  app.addHook('onClose', () => engine.stop());

  const route =
    (handler: Handler) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
      const { webhookId } = (request.params ?? {}) as { webhookId?: string };
      try {
        return handler(requestParams(request), deps.authenticate(request), webhookId);
      } catch (error) {
        // Rendered here so the routes answer in the API's format whatever the server's error handler.
        if (!(error instanceof ApiError)) throw error;
        return reply.code(error.status).send(error.toBody());
      }
    };

  const render = (hook: Readonly<WebhookRecord>): Record<string, unknown> => {
    const token = deps.describeToken?.(hook.tokenId);
    return {
      id: hook.id,
      name: hook.name,
      url: hook.url,
      active: hook.active,
      staging_use: hook.stagingUse,
      verify_token: hook.verifyToken,
      registered_events: [...hook.registeredEvents],
      webhook_status: hook.status,
      api_access_token: token
        ? { id: hook.tokenId, created_at: token.created_at, updated_at: token.updated_at }
        : { id: hook.tokenId },
    };
  };

  const owned = (caller: Caller, webhookId: string | undefined): Readonly<WebhookRecord> => {
    const hook = webhookId === undefined ? undefined : store.get(webhookId);
    // Another token's webhook is answered like a missing one: its existence is not revealed.
    if (!hook || hook.tokenId !== caller.tokenId) {
      throw new ApiError(
        404,
        'not_found',
        `No webhook with id ${JSON.stringify(webhookId)} belongs to this access token; list them with GET /1.0/webhooks.`,
      );
    }
    return hook;
  };

  const refuseTakenUrl = (caller: Caller, url: string, exceptId?: string): void => {
    const other = store.findByUrl(caller.tokenId, url);
    if (other && other.id !== exceptId) {
      throw validationError(
        `"url" is already used by webhook ${other.id} of this access token (a URL is unique per access token); ` +
          `update that webhook with PUT /1.0/webhooks/${other.id} or delete it first.`,
      );
    }
  };

  app.get(
    '/webhooks',
    route((params, caller) => {
      const records = store
        .ownedBy(caller.tokenId)
        .sort(
          (a, b) =>
            Number(b.active) - Number(a.active) ||
            Number(b.stagingUse) - Number(a.stagingUse) ||
            a.createdAt.localeCompare(b.createdAt) ||
            a.id.localeCompare(b.id),
        );
      return page(params, records, render);
    }),
  );

  app.post(
    '/webhooks',
    route((params, caller) => {
      const input = parseWebhookInput(params, 'create');
      const url = input.url!;
      refuseTakenUrl(caller, url);
      const now = deps.clock.now();
      const active = input.active ?? true;
      const tokenName = deps.describeToken?.(caller.tokenId)?.name;
      const hostname = new URL(url).hostname;
      const hook = store.insert({
        id: newId(now),
        tokenId: caller.tokenId,
        userId: caller.userId,
        // The API's default: the URL's host name and the token's name.
        name: input.name ?? (tokenName ? `${hostname} ${tokenName}` : hostname),
        url,
        active,
        stagingUse: input.stagingUse ?? false,
        verifyToken: input.verifyToken ?? null,
        secret: input.secret ?? null,
        registeredEvents: input.registeredEvents!,
        status: active ? 'pending_verification' : 'inactive',
        consecutiveFailures: 0,
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      });
      engine.changed(hook.id);
      return render(hook);
    }),
  );

  app.get(
    '/webhooks/:webhookId',
    route((_params, caller, webhookId) => render(owned(caller, webhookId))),
  );

  app.put(
    '/webhooks/:webhookId',
    route((params, caller, webhookId) => {
      const hook = owned(caller, webhookId);
      const input = parseWebhookInput(params, 'update');
      if (input.url !== undefined) refuseTakenUrl(caller, input.url, hook.id);
      const active = input.active ?? hook.active;
      const changes: Partial<WebhookRecord> = {
        active,
        // Any update of an active webhook verifies it again, which also lifts a suspension.
        status: active ? 'pending_verification' : input.active === false ? 'inactive' : hook.status,
        consecutiveFailures: 0,
        updatedAt: deps.clock.now().toISOString(),
      };
      if (input.url !== undefined) changes.url = input.url;
      if (input.registeredEvents !== undefined) changes.registeredEvents = input.registeredEvents;
      if (input.stagingUse !== undefined) changes.stagingUse = input.stagingUse;
      if (input.name !== undefined) changes.name = input.name ?? hook.name;
      if (input.verifyToken !== undefined) changes.verifyToken = input.verifyToken;
      if (input.secret !== undefined) changes.secret = input.secret;
      const updated = store.update(hook.id, changes)!;
      engine.changed(hook.id);
      return render(updated);
    }),
  );

  app.delete(
    '/webhooks/:webhookId',
    route((_params, caller, webhookId) => {
      const hook = store.remove(owned(caller, webhookId).id)!;
      engine.deleted(hook.id);
      return render(hook);
    }),
  );

  return engine;
}
