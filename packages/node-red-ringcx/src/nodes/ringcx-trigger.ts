import {
  createNodeWebhookHandler,
  ensureWebhook,
  getWebhookTrigger,
  isRingCxError,
  JsonDedupeStore,
  pollClosedInterventions,
  pollNewCustomerMessages,
  pollNewThreads,
  registeredEventsFor,
  removeWebhook,
  assertReachableWebhookUrl,
  selectEvents,
  type DedupeStore,
  type PollCursor,
  type PollOptions,
  type PollResult,
  type RingCxClient,
  type WebhookEvent,
  type WebhookState,
  type WebhookTrigger,
} from '@ringcx-connectors/core';
import {
  CONNECTION_STATUS,
  type ConnectionListener,
  type ConnectionState,
  type RingCxConnection,
} from '../lib/connection.ts';
import { contextOf } from '../lib/context.ts';
import { configError, nodeError } from '../lib/errors.ts';
import { cleanIds, contentIds, interventionIds, threadIds, type RingCxIds } from '../lib/ids.ts';
import type { Node, NodeAPI, NodeDefinition, NodeStatus } from '../lib/red.ts';
import { status, type StatusKey } from '../lib/status.ts';
import { normalisePath, publicWebhookUrl, serveWebhookPath, WEBHOOK_PATH } from '../lib/webhook-routes.ts';

interface TriggerDefinition extends NodeDefinition {
  ringcx?: string;
  mode?: 'webhook' | 'poll';
  trigger?: string;
  /** Any Event: the event types to pass, comma-separated (empty: all). */
  eventTypes?: string;
  /** Source ids, comma-separated (empty: every source). */
  sources?: string;
  path?: string;
  /** Create (or adopt) the webhook in RingCX on deploy, delete it when the node is removed. */
  register?: boolean;
  /** Seconds between polls. */
  interval?: number | string;
  /** Context store for the poll cursor and the ids of events already sent. */
  store?: string;
}

interface TriggerCredentials {
  verifyToken: string;
  secret: string;
}

type TriggerNode = Node<TriggerCredentials>;

/** Where a registered webhook is remembered between deploys, to remove it when its URL changes. */
interface Registration {
  id: string;
  url: string;
}

type Poller = (
  client: RingCxClient,
  cursor: PollCursor | undefined,
  options: PollOptions,
) => Promise<PollResult<Record<string, unknown> & { id: string }>>;

/** The triggers polling can serve, with the ids each item carries. */
const POLLERS: Readonly<Record<string, { poll: Poller; ids: (item: Record<string, unknown>) => RingCxIds }>> =
  {
    new_thread: {
      poll: (client, cursor, options) => pollNewThreads(client, cursor, options),
      ids: threadIds,
    },
    new_customer_message: {
      poll: (client, cursor, options) => pollNewCustomerMessages(client, cursor, options),
      ids: (item) => contentIds(item),
    },
    intervention_closed: {
      poll: (client, cursor, options) => pollClosedInterventions(client, cursor, options),
      ids: (item) => interventionIds(item),
    },
  };

const DEFAULT_INTERVAL_SECONDS = 60;
const MIN_INTERVAL_SECONDS = 1;
const WEBHOOK_STATUS: Readonly<Record<Exclude<WebhookState, 'active'>, StatusKey>> = {
  suspended: 'webhookSuspended',
  disabled: 'webhookDisabled',
  inactive: 'webhookInactive',
  unknown: 'webhookUnknown',
};
/** Connection states that matter more than what the trigger itself reports. */
const BAD_CONNECTION: ReadonlySet<ConnectionState> = new Set(['invalid', 'auth', 'unreachable']);

/**
 * `ringcx-trigger`: starts a flow for each RingCX event, received as a webhook on Node-RED's own
 * HTTP server or found by polling, one message per event, never twice for the same event.
 */
export default function register(RED: NodeAPI): void {
  function RingCxTriggerNode(this: TriggerNode, config: TriggerDefinition): void {
    RED.nodes.createNode(this, config);
    const connection = config.ringcx ? (RED.nodes.getNode(config.ringcx) as RingCxConnection | null) : null;
    const context = contextOf(this, config.store);
    let own: NodeStatus = {};
    let connectionState: ConnectionState | undefined;
    const show = (status: NodeStatus) => {
      own = status;
      this.status(
        connectionState && BAD_CONNECTION.has(connectionState) ? CONNECTION_STATUS[connectionState] : own,
      );
    };
    const listener: ConnectionListener = (state) => {
      connectionState = state;
      show(own);
    };
    const fail = (error: unknown, key: StatusKey) => {
      show(status('red', 'ring', key));
      this.error(nodeError(error));
    };
    const cleanups: Array<(removed: boolean) => Promise<void> | void> = [];
    this.on('close', (removed, done) => {
      connection?.deregister(listener);
      Promise.allSettled(cleanups.map((cleanup) => cleanup(removed))).then(() => done());
    });

    let trigger: WebhookTrigger;
    try {
      trigger = getWebhookTrigger(config.trigger || 'new_customer_message');
    } catch (error) {
      fail(error, 'unknownTrigger');
      return;
    }
    const sourceIds = splitList(config.sources);
    const eventTypes = splitList(config.eventTypes);
    const topicOf = (event?: WebhookEvent) => (trigger.name === 'raw' && event ? event.type : trigger.name);

    if (config.mode === 'poll') startPolling.call(this);
    else startWebhook.call(this);

    function startPolling(this: TriggerNode): void {
      const poller = POLLERS[trigger.name];
      if (!poller) {
        fail(
          configError(`${trigger.label} is only available as a webhook: switch the mode to Webhook.`),
          'needsWebhook',
        );
        return;
      }
      if (!connection) {
        fail(
          configError('No RingCX connection: open the node and pick or add a RingCX connection.'),
          'noConnection',
        );
        return;
      }
      connection.register(listener);
      const seconds = Math.max(MIN_INTERVAL_SECONDS, Number(config.interval) || DEFAULT_INTERVAL_SECONDS);
      const aborter = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      let running: Promise<void> = Promise.resolve();

      const tick = async () => {
        let hasMore = false;
        try {
          const client = connection.client();
          const stored = await context.get('cursor');
          const result = await poller.poll(client, stored as PollCursor | undefined, {
            sources: sourceIds,
            signal: aborter.signal,
          });
          for (const item of result.items) {
            this.send({ topic: topicOf(), payload: item, ringcx: poller.ids(item) });
          }
          // Saved only once the items are sent: a failure before this delivers them again.
          await context.set('cursor', result.cursor);
          connection.report();
          hasMore = result.hasMore;
          show(status('green', 'dot', 'polling'));
        } catch (error) {
          if (aborter.signal.aborted) return;
          connection.report(error);
          fail(error, 'pollFailed');
          // A setting to fix will not fix itself: stop until the next deploy.
          if (isRingCxError(error, 'config')) return;
        }
        if (!aborter.signal.aborted) timer = setTimeout(run, hasMore ? 0 : seconds * 1000);
      };
      const run = () => {
        running = tick();
      };
      show(status('yellow', 'ring', 'starting'));
      run();
      cleanups.push(async () => {
        aborter.abort();
        clearTimeout(timer);
        await running;
      });
    }

    function startWebhook(this: TriggerNode): void {
      const path = normalisePath(config.path || '/ringcx');
      if (!WEBHOOK_PATH.test(path)) {
        fail(
          configError(`Path "${path}" may only contain letters, digits and - . _ ~ /, such as /ringcx/bot.`),
          'invalidPath',
        );
        return;
      }
      let url: string | undefined;
      let verifyToken = this.credentials?.verifyToken?.trim() || undefined;
      let secret = this.credentials?.secret?.trim() || undefined;
      if (config.register) {
        try {
          if (!connection)
            throw configError('No RingCX connection: open the node and pick or add a RingCX connection.');
          if (!connection.publicUrl) {
            throw configError(
              'Public URL is empty: to register the webhook, enter the address the internet reaches this Node-RED at in the RingCX connection node.',
            );
          }
          url = publicWebhookUrl(connection.publicUrl, RED.settings.httpNodeRoot, path);
          assertReachableWebhookUrl(url, {
            allowPrivate: connection.allowPrivateWebhookUrls,
            fix: 'Enter the address the internet reaches this Node-RED at as the Public URL of the RingCX connection.',
          });
          const derived = verifyToken && secret ? undefined : connection.webhookCredentials(url);
          verifyToken ??= derived?.verifyToken;
          secret ??= derived?.secret;
        } catch (error) {
          fail(error, 'cannotRegister');
          return;
        }
      }

      const store = contextDedupeStore(context);
      const handler = createNodeWebhookHandler({
        verifyToken,
        secret,
        dedupe: store,
        onEvents: async (events, delivery) => {
          const selected = await selectEvents(trigger, events, { sourceIds, eventTypes });
          for (const event of selected) {
            this.send({
              topic: topicOf(event),
              payload: { ...event.resource.metadata, id: event.resource.id },
              event,
              delivery: { id: delivery.id, domain_id: delivery.domain_id },
              ringcx: eventIds(event),
            });
          }
        },
        onError: (error) => this.warn(`Webhook request on ${path} refused: ${error.message}`),
      });
      let stopServing: () => void;
      try {
        stopServing = serveWebhookPath(RED.httpNode, path, (req, res) => void handler(req, res));
      } catch (error) {
        fail(error, 'pathInUse');
        return;
      }
      cleanups.push(() => stopServing());
      show(status('green', 'dot', 'listening'));
      if (!config.register || !url || !connection) return;

      connection.register(listener);
      const webhookUrl = url;
      const events = registeredEventsFor([trigger], { eventTypes });
      const registering = (async () => {
        show(status('yellow', 'ring', 'registering'));
        const client = connection.client();
        const previous = (await context.get('registration')) as Registration | undefined;
        if (previous?.id && previous.url !== webhookUrl) await removeWebhook(client, previous.id);
        const result = await ensureWebhook(client, {
          url: webhookUrl,
          events,
          verifyToken,
          secret,
          name: `Node-RED ${config.name || trigger.label}`,
        });
        await context.set('registration', { id: result.webhook.id, url: webhookUrl } satisfies Registration);
        connection.report();
        if (result.state.state === 'active') show(status('green', 'dot', 'webhookActive'));
        else {
          show(status('red', 'ring', WEBHOOK_STATUS[result.state.state]));
          this.warn(result.state.message);
        }
        if (result.duplicates.length) {
          this.warn(
            `${result.duplicates.length} other webhook(s) in RingCX also point at ${webhookUrl}: every event arrives once per webhook.`,
          );
        }
        return result.webhook.id;
      })().catch((error: unknown) => {
        connection.report(error);
        fail(error, 'registrationFailed');
        return undefined;
      });
      cleanups.push(async (removed) => {
        const id = await registering;
        // A redeploy keeps the webhook (the new node adopts it); removing or disabling the node deletes it.
        if (!removed || !id) return;
        try {
          await removeWebhook(connection.client(), id);
          await context.set('registration', undefined);
        } catch (error) {
          this.warn(`Could not delete the webhook in RingCX: ${nodeError(error).message}`);
        }
      });
    }
  }

  RED.nodes.registerType('ringcx-trigger', RingCxTriggerNode as never, {
    credentials: { verifyToken: { type: 'password' }, secret: { type: 'password' } },
  });
}

/** The event ids a message is about, by resource type. */
function eventIds(event: WebhookEvent): RingCxIds {
  const metadata = event.resource.metadata as Record<string, unknown>;
  if (event.type.startsWith('intervention.')) return interventionIds(metadata, event.resource.id);
  if (event.type.startsWith('content.'))
    return { ...contentIds(metadata, event.resource.id), ...cleanIds({ userId: event.user_id }) };
  return cleanIds({ userId: event.user_id, sourceId: metadata.source_id });
}

/**
 * Event ids already sent, kept in node context (a persistent store keeps them across restarts). The
 * state loads once; requests arriving meanwhile wait for it.
 */
function contextDedupeStore(context: ReturnType<typeof contextOf>): DedupeStore {
  const ready = context.get('seenEvents').then((stored) => {
    const state = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
    return new JsonDedupeStore(state);
  });
  return {
    has: async (id) => (await ready).has(id),
    add: async (ids) => {
      const store = await ready;
      store.add(ids);
      await context.set('seenEvents', store.state);
    },
  };
}

function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
