export type {
  LifecycleCallOptions,
  WebhooksApi,
  WebhooksPort,
  WebhookSubscription,
  WebhookSubscriptionParams,
} from './ports.ts';
export { assertReachableWebhookUrl, sameWebhookUrl, type ReachableUrlOptions } from './url.ts';
export { describeWebhookState, type WebhookState, type WebhookStateInfo } from './state.ts';
export {
  checkWebhook,
  ensureWebhook,
  findWebhook,
  removeWebhook,
  type CheckWebhookOptions,
  type EnsureWebhookAction,
  type EnsureWebhookOptions,
  type EnsureWebhookResult,
} from './lifecycle.ts';
