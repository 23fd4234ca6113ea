import type { FastifyInstance } from 'fastify';
import { invalidParameter, notFound } from '../http/errors.ts';
import { optionalInteger, requestParams, type Params } from '../http/params.ts';
import type { CustomerMessageInput } from '../model/conversations.ts';
import { SEED_NAMES, type SeedName } from '../seed.ts';
import type { WebhookEngineOptions } from '../webhooks/index.ts';
import type { FaultInput } from './faults.ts';
import type { SandboxControl } from './control.ts';

function seedParam(params: Params): SeedName | undefined {
  const value = params.seed;
  if (value === undefined || value === null || value === '') return undefined;
  if (value === false || value === 'false') return 'empty';
  if (value === true || value === 'true') return 'default';
  if (typeof value === 'string' && (SEED_NAMES as readonly string[]).includes(value))
    return value as SeedName;
  throw invalidParameter(
    `"seed" must be one of ${SEED_NAMES.join(', ')} (or true/false), got ${JSON.stringify(value)}.`,
  );
}

function numberParam(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  const number = Number(value);
  if (!Number.isFinite(number))
    throw invalidParameter(`"${name}" must be a number, got ${JSON.stringify(value)}.`);
  return number;
}

/**
 * The control API, outside `/1.0` and without authentication (keep the sandbox on loopback):
 * what the CLI's commands call on a running sandbox.
 */
export function controlRoutes(app: FastifyInstance, control: SandboxControl): void {
  app.get('/_sandbox', async () => control.info());

  app.post('/_sandbox/reset', async (request) => {
    await control.reset(seedParam(requestParams(request)));
    return control.info();
  });

  app.post('/_sandbox/customer-messages', async (request) => {
    return control.customerMessage(requestParams(request) as unknown as CustomerMessageInput);
  });

  app.get('/_sandbox/faults', async () => control.faults.list());
  app.post('/_sandbox/faults', async (request) => {
    const params = requestParams(request);
    const input: FaultInput = {
      kind: params.kind as FaultInput['kind'],
      ...(params.route !== undefined ? { route: String(params.route) } : {}),
      status: numberParam(params, 'status'),
      rate: numberParam(params, 'rate'),
      delay_ms: numberParam(params, 'delay_ms'),
      times: numberParam(params, 'times'),
    };
    return control.faults.add(input);
  });
  app.delete('/_sandbox/faults', async () => {
    control.faults.clear();
    return [];
  });
  app.delete('/_sandbox/faults/:faultId', async (request) => {
    const { faultId } = request.params as { faultId: string };
    if (!control.faults.remove(faultId)) throw notFound('fault', faultId);
    return control.faults.list();
  });

  app.get('/_sandbox/requests', async (request) =>
    control.requests(optionalInteger(requestParams(request), 'limit')),
  );
  app.delete('/_sandbox/requests', async () => {
    control.clearRequests();
    return [];
  });

  app.get('/_sandbox/webhook-deliveries', async (request) => {
    const limit = optionalInteger(requestParams(request), 'limit');
    const deliveries = control.deliveries();
    return limit === undefined ? deliveries : deliveries.slice(-limit);
  });

  app.put('/_sandbox/webhook-options', async (request) => {
    const params = requestParams(request);
    const options: WebhookEngineOptions = {};
    const duplicateRate = numberParam(params, 'duplicate_rate');
    if (duplicateRate !== undefined) {
      if (duplicateRate < 0 || duplicateRate > 1)
        throw invalidParameter('"duplicate_rate" must be between 0 and 1.');
      options.duplicateRate = duplicateRate;
    }
    if (params.reorder !== undefined) options.reorder = params.reorder === true || params.reorder === 'true';
    const suspendAfter = numberParam(params, 'suspend_after_failures');
    if (suspendAfter !== undefined) options.suspendAfterFailures = suspendAfter;
    control.configureWebhooks(options);
    return { configured: options };
  });

  app.get('/_sandbox/events', async (request) =>
    control.events(optionalInteger(requestParams(request), 'limit')),
  );

  app.post('/_sandbox/settle', async () => {
    await control.settle();
    return { settled: true };
  });
}
