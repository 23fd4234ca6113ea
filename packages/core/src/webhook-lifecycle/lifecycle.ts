import { isRingCxError, registerSecret, RingCxError, type RingCxErrorKind } from '../errors.ts';
import { MAX_PAGE_SIZE } from '../pagination.ts';
import type {
  LifecycleCallOptions,
  WebhooksApi,
  WebhookSubscription,
  WebhookSubscriptionParams,
} from './ports.ts';
import { describeWebhookState, needsReenabling, reenabledMessage, type WebhookStateInfo } from './state.ts';
import { sameWebhookUrl } from './url.ts';

export interface EnsureWebhookOptions {
  /** Where RingCX should post events. Check it first with `assertReachableWebhookUrl`. */
  url: string;
  /** Event types to subscribe to, e.g. `['content.imported']`; order and repeats do not matter. */
  events: readonly string[];
  /** Sent back as `hub.verify_token` in RingCX's verification request. */
  verifyToken?: string;
  /** Sent as `X-Dimelo-Secret` with every request (ASCII, at most 255 characters). */
  secret?: string;
  /** Display name, used only when a webhook is created. */
  name?: string;
  /** Subscribe to the staging environment's events rather than production's. */
  staging?: boolean;
  signal?: AbortSignal;
}

/**
 * - `created`: no webhook had this URL, a new one was made.
 * - `adopted`: one already matched in every respect and was left as it was.
 * - `updated`: one existed with other events, verify token, secret, staging flag or URL spelling,
 *   and was changed to match.
 * - `reenabled`: one existed but RingCX had suspended or disabled it (or it was switched off); it
 *   was switched back on (and updated if needed).
 */
export type EnsureWebhookAction = 'created' | 'adopted' | 'updated' | 'reenabled';

export interface EnsureWebhookResult<W extends WebhookSubscription = WebhookSubscription> {
  webhook: W;
  action: EnsureWebhookAction;
  /** The webhook's health after the call, with a sentence to show. */
  state: WebhookStateInfo;
  /**
   * Other webhooks that point at the same URL. They are left untouched (they may belong to another
   * token), but each makes RingCX deliver every event once more: worth a warning.
   */
  duplicates: W[];
}

/** Create failures after which a webhook for the URL may exist anyway (a concurrent create, or a lost answer). */
const CREATE_MAY_HAVE_RACED: ReadonlySet<RingCxErrorKind> = new Set([
  'validation',
  'conflict',
  'timeout',
  'network',
  'server',
]);

/**
 * Makes sure exactly one webhook of this token delivers `events` to `url`, and that it is on.
 *
 * RingCX allows one webhook per URL and token, so an existing webhook for the URL (compared as
 * `sameWebhookUrl` describes) is adopted rather than duplicated: its events, verify token, secret,
 * staging flag and URL spelling are brought in line, and it is switched back on when RingCX
 * suspended or disabled it. Otherwise a webhook is created; if the create is refused or its answer
 * lost because one appeared meanwhile (two activations racing), that one is adopted instead.
 *
 * The secret is not returned by the API, so when `secret` is given an adopted webhook is always
 * updated with it (RingCX then verifies the URL again): the receiver must already answer the
 * `hub.challenge` request when this is called. Nothing is ever deleted.
 */
export async function ensureWebhook<W extends WebhookSubscription>(
  api: WebhooksApi<W>,
  options: EnsureWebhookOptions,
): Promise<EnsureWebhookResult<W>> {
  const wanted = checkOptions(options);
  const call = { signal: options.signal };
  const [found, ...duplicates] = await matchingWebhooks(api, wanted.url, call);
  if (found) return adopt(api, found, duplicates, wanted, call);
  let created: W;
  try {
    created = await api.webhooks.create(createParams(wanted), call);
  } catch (error) {
    if (!isRingCxError(error) || !CREATE_MAY_HAVE_RACED.has(error.kind)) throw error;
    let raced: W[];
    try {
      raced = await matchingWebhooks(api, wanted.url, call);
    } catch {
      throw error; // the create's failure says more than the follow-up lookup's
    }
    const [winner, ...others] = raced;
    if (!winner) throw error;
    return adopt(api, winner, others, wanted, call);
  }
  return { webhook: created, action: 'created', state: describeWebhookState(created), duplicates: [] };
}

/**
 * The webhook of this token for `url` (see `sameWebhookUrl`), or undefined. When several match, the
 * one with exactly this URL wins, then an active one.
 */
export async function findWebhook<W extends WebhookSubscription>(
  api: WebhooksApi<W>,
  url: string,
  options: LifecycleCallOptions = {},
): Promise<W | undefined> {
  const [found] = await matchingWebhooks(api, url, options);
  return found;
}

/**
 * Deletes the webhook with this id, and only it (never "whatever has this URL", which could belong
 * to another workflow). Resolves true when it was deleted now, false when it was already gone (404).
 */
export async function removeWebhook(
  api: WebhooksApi,
  webhookId: string,
  options: LifecycleCallOptions = {},
): Promise<boolean> {
  if (typeof webhookId !== 'string' || !webhookId.trim()) {
    throw new RingCxError({
      kind: 'config',
      message: 'Invalid webhookId: it is empty. Pass the id saved when the webhook was created.',
    });
  }
  try {
    await api.webhooks.delete(webhookId.trim(), options);
    return true;
  } catch (error) {
    if (isRingCxError(error, 'not_found')) return false;
    throw error;
  }
}

export interface CheckWebhookOptions extends LifecycleCallOptions {
  /** Also require exactly these registered events (order and repeats ignored). */
  events?: readonly string[];
}

/**
 * For a trigger's "does my webhook still exist" check: true only when the webhook `webhookId`
 * exists, points at `url` (see `sameWebhookUrl`), is active (not suspended, disabled or switched off)
 * and, when `events` is given, has those events. A missing id or a 404 gives false; other errors
 * (auth, network) are thrown so that they are not mistaken for "gone". Never changes or deletes
 * anything: when it answers false, call `ensureWebhook`, which repairs or replaces the webhook.
 */
export async function checkWebhook(
  api: WebhooksApi,
  webhookId: string | undefined | null,
  url: string,
  options: CheckWebhookOptions = {},
): Promise<boolean> {
  if (typeof webhookId !== 'string' || !webhookId.trim()) return false;
  let webhook: WebhookSubscription;
  try {
    webhook = await api.webhooks.get(webhookId.trim(), { signal: options.signal });
  } catch (error) {
    if (isRingCxError(error, 'not_found')) return false;
    throw error;
  }
  return (
    sameWebhookUrl(webhook.url, url) &&
    describeWebhookState(webhook).state === 'active' &&
    (options.events === undefined || sameEvents(webhook.registered_events ?? [], options.events))
  );
}

interface Wanted {
  url: string;
  events: string[];
  verifyToken: string | undefined;
  secret: string | undefined;
  name: string | undefined;
  staging: boolean | undefined;
}

function checkOptions(options: EnsureWebhookOptions): Wanted {
  const url = typeof options.url === 'string' ? options.url.trim() : '';
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
    throw new RingCxError({
      kind: 'config',
      message:
        'Invalid url: the webhook URL must be an absolute http(s) URL, such as https://example.com/hooks/ringcx.',
    });
  }
  const events = Array.isArray(options.events)
    ? [...new Set(options.events.map((event) => (typeof event === 'string' ? event.trim() : '')))]
    : [];
  if (events.length === 0 || events.includes('')) {
    throw new RingCxError({
      kind: 'config',
      message:
        'Invalid events: list at least one event type, such as "content.imported", and no empty names.',
    });
  }
  const { secret } = options;
  if (secret !== undefined && !/^[\x20-\x7e]{1,255}$/.test(secret)) {
    throw new RingCxError({
      kind: 'config',
      message: 'Invalid secret: RingCX accepts 1 to 255 printable ASCII characters.',
      hint: 'Use a random value made of letters, digits and -_ (base64url works).',
    });
  }
  registerSecret(secret);
  return {
    url,
    events,
    verifyToken: options.verifyToken,
    secret,
    name: options.name,
    staging: options.staging,
  };
}

/** The webhooks for `url`, best first: the exact spelling, then active ones, then in list order. */
async function matchingWebhooks<W extends WebhookSubscription>(
  api: WebhooksApi<W>,
  url: string,
  options: LifecycleCallOptions,
): Promise<W[]> {
  const matches: W[] = [];
  // Until `count` is reached rather than until a short page, in case the API caps pages lower.
  for (let offset = 0; ;) {
    options.signal?.throwIfAborted();
    const page = await api.webhooks.list({ offset, limit: MAX_PAGE_SIZE }, options);
    matches.push(...page.records.filter((webhook) => sameWebhookUrl(webhook.url, url)));
    offset += page.records.length;
    if (page.records.length === 0 || offset >= page.count) break;
  }
  const rank = (webhook: W) =>
    (webhook.url.trim() === url.trim() ? 0 : 2) + (describeWebhookState(webhook).state === 'active' ? 0 : 1);
  return matches.sort((a, b) => rank(a) - rank(b));
}

async function adopt<W extends WebhookSubscription>(
  api: WebhooksApi<W>,
  webhook: W,
  duplicates: W[],
  wanted: Wanted,
  call: LifecycleCallOptions,
): Promise<EnsureWebhookResult<W>> {
  const before = describeWebhookState(webhook);
  const changes = differences(webhook, wanted);
  const reenable = needsReenabling(before.state);
  if (reenable) changes.active = true;
  if (Object.keys(changes).length === 0) return { webhook, action: 'adopted', state: before, duplicates };
  const updated = await api.webhooks.update(webhook.id, changes, call);
  const after = describeWebhookState(updated);
  const state: WebhookStateInfo =
    reenable && after.state === 'active'
      ? { state: 'active', message: reenabledMessage(before.state) }
      : after;
  return { webhook: updated, action: reenable ? 'reenabled' : 'updated', state, duplicates };
}

function differences(webhook: WebhookSubscription, wanted: Wanted): Partial<WebhookSubscriptionParams> {
  const changes: Partial<WebhookSubscriptionParams> = {};
  if (webhook.url !== wanted.url) changes.url = wanted.url;
  if (!sameEvents(webhook.registered_events ?? [], wanted.events)) changes.registered_events = wanted.events;
  if (wanted.verifyToken !== undefined && (webhook.verify_token ?? '') !== wanted.verifyToken) {
    changes.verify_token = wanted.verifyToken;
  }
  // The API does not return the secret, so it cannot be compared: send it, or the receiver would
  // refuse every delivery made with an older one.
  if (wanted.secret !== undefined && webhook.secret !== wanted.secret) changes.secret = wanted.secret;
  if (wanted.staging !== undefined && Boolean(webhook.staging_use) !== wanted.staging) {
    changes.staging_use = wanted.staging;
  }
  return changes;
}

function createParams(wanted: Wanted): WebhookSubscriptionParams {
  return {
    url: wanted.url,
    registered_events: wanted.events,
    active: true,
    ...(wanted.name !== undefined && { name: wanted.name }),
    ...(wanted.staging !== undefined && { staging_use: wanted.staging }),
    ...(wanted.verifyToken !== undefined && { verify_token: wanted.verifyToken }),
    ...(wanted.secret !== undefined && { secret: wanted.secret }),
  };
}

function sameEvents(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((event) => right.has(event));
}
