import {
  assertReachableWebhookUrl,
  deriveWebhookCredentials,
  registeredEventsFor,
  resolveBaseUrl,
  selectEvents,
  WEBHOOK_TRIGGER_NAMES,
  type TriggerOptions,
  type WebhookCredentials,
  type WebhookEvent,
  type WebhookTriggerName,
} from '@ringcx-connectors/core/portable';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { connectionSettings, CREDENTIAL_NAME, type RingCxCredentials } from '../shared/client.ts';
import { idList } from '../shared/params.ts';

type TriggerContext = IHookFunctions | IWebhookFunctions;

/** What the user chose in the node: triggers and the filters they share. */
export interface TriggerChoice {
  triggers: WebhookTriggerName[];
  options: TriggerOptions;
}

export function readChoice(context: TriggerContext): TriggerChoice {
  const chosen = idList(context.getNodeParameter('events', []));
  const triggers = chosen.filter((name): name is WebhookTriggerName =>
    (WEBHOOK_TRIGGER_NAMES as readonly string[]).includes(name),
  );
  if (triggers.length === 0) {
    throw new NodeOperationError(context.getNode(), 'Choose at least one event in "Trigger On"');
  }
  const filters = context.getNodeParameter('options', {}) as IDataObject;
  return {
    triggers,
    options: {
      sourceIds: idList(filters.sourceIds),
      ownIdentityIds: idList(filters.ownIdentityIds),
      humanCategoryIds: idList(filters.humanCategoryIds),
      eventTypes: idList(context.getNodeParameter('eventTypes', [])),
    },
  };
}

/** The RingCX event types to subscribe to for the chosen triggers. */
export function eventsToRegister(choice: TriggerChoice): string[] {
  return registeredEventsFor(choice.triggers, { eventTypes: choice.options.eventTypes });
}

/** The events of a delivery that fire any chosen trigger, in delivery order. */
export async function matchingEvents(choice: TriggerChoice, events: WebhookEvent[]): Promise<WebhookEvent[]> {
  const matched = new Set<WebhookEvent>();
  for (const trigger of choice.triggers) {
    for (const event of await selectEvents(trigger, events, choice.options)) matched.add(event);
  }
  return events.filter((event) => matched.has(event));
}

/** The production or test URL n8n serves this trigger at, whichever is being set up or called. */
export function webhookUrl(context: TriggerContext): string {
  const url = context.getNodeWebhookUrl('default');
  if (!url) throw new NodeOperationError(context.getNode(), 'n8n did not give this trigger a webhook URL');
  return url;
}

/**
 * The verify token and secret for this webhook URL, derived from the access token: the handshake
 * GET arrives while `create()` is still running, before anything it stores is saved, so both must
 * be computable from what n8n already has. A new token or URL gives new values, and the next
 * activation registers them.
 */
export async function webhookSecrets(context: TriggerContext, url: string): Promise<WebhookCredentials> {
  const credentials = (await context.getCredentials(CREDENTIAL_NAME)) as RingCxCredentials;
  const token = credentials.accessToken?.trim();
  // Without the token, the derived values would depend on the URL alone: anyone could compute them.
  if (!token) {
    throw new NodeOperationError(context.getNode(), 'The RingCX API credential has no access token', {
      description: 'Enter the access token in the credential, then activate the workflow again.',
    });
  }
  return deriveWebhookCredentials(`ringcx-n8n-trigger:${token}`, url);
}

/**
 * Refuses a URL RingCX cannot call (loopback, private network), unless the API itself lives on such
 * an address (a sandbox or on-premises proxy set as custom base URL), which can reach it too.
 */
export async function assertReachable(context: IHookFunctions, url: string): Promise<void> {
  const credentials = (await context.getCredentials(CREDENTIAL_NAME)) as RingCxCredentials;
  assertReachableWebhookUrl(url, {
    allowPrivate: apiIsLocal(credentials),
    fix: "Set n8n's WEBHOOK_URL to the address n8n has on the internet (behind a reverse proxy, or through a tunnel for tests), then activate the workflow again.",
  });
}

function apiIsLocal(credentials: RingCxCredentials): boolean {
  const { baseUrl } = connectionSettings(credentials);
  if (!baseUrl) return false;
  const root = resolveBaseUrl({ baseUrl });
  return !isPublicUrl(root);
}

function isPublicUrl(url: string): boolean {
  try {
    assertReachableWebhookUrl(url);
    return true;
  } catch {
    return false;
  }
}
