import type { WebhookSubscription } from './ports.ts';

/**
 * - `active`: RingCX delivers events to it.
 * - `suspended`: RingCX stopped deliveries after too many failures (it may retry by itself later).
 * - `disabled`: RingCX turned it off (failed deliveries or a failed verification).
 * - `inactive`: `active` is false with no reason given: switched off by someone, or by RingCX when
 *   the verification request failed.
 * - `unknown`: the webhook does not say whether it is active.
 */
export type WebhookState = 'active' | 'suspended' | 'disabled' | 'inactive' | 'unknown';

export interface WebhookStateInfo {
  state: WebhookState;
  /** One sentence for a status line or an error, in the user's terms. */
  message: string;
}

/** What happened to the webhook (first half of the sentence) and what to do about it (second half). */
const SENTENCES: Record<WebhookState, { what: string; advice?: string }> = {
  active: { what: 'RingCX delivers events to this webhook' },
  suspended: {
    what: 'RingCX suspended this webhook after too many failed deliveries',
    advice:
      'no events arrive until it is re-enabled. Make sure the URL answers 200 quickly, then re-activate the trigger.',
  },
  disabled: {
    what: 'RingCX disabled this webhook after failed deliveries or a failed verification request',
    advice:
      'no events arrive until it is re-enabled. Make sure the URL is reachable from the internet and answers the hub.challenge request, then re-activate the trigger.',
  },
  inactive: {
    what: 'This webhook is switched off in RingCX (someone turned it off, or the verification request failed)',
    advice: 'no events arrive until it is re-enabled: re-activate the trigger.',
  },
  unknown: {
    what: 'RingCX did not say whether this webhook is active',
    advice: 'check it in RingCX under Admin → Webhooks.',
  },
};

/**
 * Reads a webhook's health. `webhook_status` (values undocumented) wins when it says the webhook is
 * suspended or disabled; otherwise the `active` flag decides, and a status this code does not know
 * (while `active` is true) counts as active.
 */
export function describeWebhookState(webhook: WebhookSubscription): WebhookStateInfo {
  const state = webhookState(webhook);
  const { what, advice } = SENTENCES[state];
  return { state, message: advice ? `${what}; ${advice}` : `${what}.` };
}

/** The sentence for a webhook that was in `previous` and has just been re-enabled. */
export function reenabledMessage(previous: WebhookState): string {
  return `${SENTENCES[previous].what}; it was re-enabled.`;
}

function webhookState(webhook: WebhookSubscription): WebhookState {
  const status = typeof webhook.webhook_status === 'string' ? webhook.webhook_status.toLowerCase() : '';
  if (status.includes('suspend')) return 'suspended';
  // `disabled` is RingCX's word in its journal; a failed verification is the documented other cause.
  if (status.includes('disabl') || status.includes('deactivat') || status.includes('fail')) return 'disabled';
  if (webhook.active === false) return 'inactive';
  if (webhook.active === true) return 'active';
  return 'unknown';
}

/** States in which RingCX sends nothing, and which re-enabling can fix. */
export function needsReenabling(state: WebhookState): boolean {
  return state === 'suspended' || state === 'disabled' || state === 'inactive';
}
