import {
  checkWebhook,
  ensureWebhook,
  handleWebhookRequest,
  JsonDedupeStore,
  removeWebhook,
  WEBHOOK_EVENT_TYPES,
  WEBHOOK_TRIGGER_NAMES,
  WEBHOOK_TRIGGERS,
  type WebhookEvent,
} from '@ringcx-connectors/core/portable';
import type {
  IDataObject,
  IHookFunctions,
  INodeType,
  INodeTypeDescription,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { getCategories, getSources } from '../RingCx/methods/loadOptions.ts';
import { getClient } from '../shared/client.ts';
import { toNodeError } from '../shared/errors.ts';
import { ownIdentityIdsOption, sourcesOption, triggerOptions } from '../shared/options.ts';
import {
  assertReachable,
  eventsToRegister,
  matchingEvents,
  readChoice,
  webhookSecrets,
  webhookUrl,
} from './webhook.ts';

/** Where the id of the webhook this node registered is kept (workflow static data, per node). */
interface TriggerState {
  webhookId?: string;
  [key: string]: unknown;
}

const TRIGGER_OPTIONS = WEBHOOK_TRIGGER_NAMES.map((name) => ({
  name: WEBHOOK_TRIGGERS[name].label,
  value: name,
  description: WEBHOOK_TRIGGERS[name].description,
})).sort((a, b) => a.name.localeCompare(b.name));

export class RingCxTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'RingCX Trigger',
    name: 'ringCxTrigger',
    icon: { light: 'file:../../icons/ringcx.svg', dark: 'file:../../icons/ringcx.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{ $parameter["events"].join(", ") }}',
    description: 'Starts the workflow when RingCX sends an event, such as a new customer message',
    defaults: { name: 'RingCX Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [{ name: 'ringCxApi', required: true }],
    webhooks: [
      // RingCX checks the URL with a GET handshake when the webhook is registered. Listed first: n8n
      // stores the routes in this order and runs `create()` on reaching `default`, so the GET route
      // must already be stored when RingCX calls it.
      { name: 'setup', httpMethod: 'GET', responseMode: 'onReceived', path: 'webhook' },
      // Deliveries. The answer is an empty 200 once the events are handed to n8n.
      {
        name: 'default',
        httpMethod: 'POST',
        responseMode: 'onReceived',
        responseData: 'noData',
        path: 'webhook',
      },
    ],
    properties: [
      {
        displayName: 'Trigger On',
        name: 'events',
        type: 'multiOptions',
        options: TRIGGER_OPTIONS,
        default: ['new_customer_message'],
        required: true,
        description: 'The events that start the workflow; each event becomes one item',
      },
      {
        displayName: 'Event Types',
        name: 'eventTypes',
        type: 'multiOptions',
        options: [...WEBHOOK_EVENT_TYPES].sort().map((type) => ({ name: type, value: type })),
        default: [],
        description: 'For Any Event: the RingCX event types to receive. None chosen means all of them.',
        displayOptions: { show: { events: ['raw'] } },
      },
      triggerOptions([
        ownIdentityIdsOption(
          "Comma-separated identities whose messages never count as a customer's, such as your bot's identity on each source",
        ),
        {
          displayName: 'Skip Threads in Human Category Names or IDs',
          name: 'humanCategoryIds',
          type: 'multiOptions',
          typeOptions: { loadOptionsMethod: 'getCategories' },
          default: [],
          description:
            'Ignore events of threads in these categories, e.g. after a hand-over to human agents, so the bot stays quiet. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
        },
        sourcesOption('Only events of these sources; none chosen means every source'),
      ]),
    ],
  };

  methods = { loadOptions: { getCategories, getSources } };

  webhookMethods = {
    default: {
      /** True when the webhook this node registered still exists, points here and is active. */
      async checkExists(this: IHookFunctions): Promise<boolean> {
        const state = this.getWorkflowStaticData('node') as TriggerState;
        try {
          const client = await getClient(this);
          return await checkWebhook(client, state.webhookId, webhookUrl(this), {
            events: eventsToRegister(readChoice(this)),
          });
        } catch (error) {
          throw toNodeError(this.getNode(), error);
        }
      },

      /**
       * Registers the webhook, or adopts the one RingCX already has for this URL (one per URL and
       * token), updating its events and secret and re-enabling it when RingCX suspended it.
       */
      async create(this: IHookFunctions): Promise<boolean> {
        const state = this.getWorkflowStaticData('node') as TriggerState;
        try {
          const url = webhookUrl(this);
          await assertReachable(this, url);
          const { verifyToken, secret } = await webhookSecrets(this, url);
          const client = await getClient(this);
          const result = await ensureWebhook(client, {
            url,
            events: eventsToRegister(readChoice(this)),
            verifyToken,
            secret,
            name: `n8n: ${this.getWorkflow().name ?? this.getNode().name}`.slice(0, 100),
          });
          state.webhookId = result.webhook.id;
          return true;
        } catch (error) {
          throw toNodeError(this.getNode(), error);
        }
      },

      /** Removes only the webhook this node registered; one already gone counts as removed. */
      async delete(this: IHookFunctions): Promise<boolean> {
        const state = this.getWorkflowStaticData('node') as TriggerState;
        if (!state.webhookId) return true;
        try {
          const client = await getClient(this);
          await removeWebhook(client, state.webhookId);
        } catch (error) {
          throw toNodeError(this.getNode(), error);
        } finally {
          delete state.webhookId;
        }
        return true;
      },
    },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    const request = this.getRequestObject();
    const url = webhookUrl(this);
    const { verifyToken, secret } = await webhookSecrets(this, url);
    const choice = readChoice(this);
    const handedOver: WebhookEvent[] = [];
    const answer = await handleWebhookRequest(
      {
        method: request.method,
        query: this.getQueryData() as Record<string, unknown>,
        headers: this.getHeaderData(),
        body: (request as { rawBody?: Buffer }).rawBody ?? this.getBodyData(),
      },
      {
        verifyToken,
        secret,
        // Static data is saved with the workflow, so every webhook process (queue mode) shares it.
        dedupe: new JsonDedupeStore(this.getWorkflowStaticData('node')),
        onEvents: async (events) => {
          handedOver.push(...(await matchingEvents(choice, events)));
        },
        onError: (error) => this.logger.warn(`RingCX webhook: ${error.message}`),
      },
    );
    if (answer.status === 200 && handedOver.length > 0) {
      return { workflowData: [handedOver.map((event) => ({ json: event as unknown as IDataObject }))] };
    }
    const response = this.getResponseObject();
    response.status(answer.status).set(answer.headers).send(answer.body);
    return { noWebhookResponse: true };
  }
}
