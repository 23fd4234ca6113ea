export { DEFAULT_RETRY_SCHEDULE } from './engine.ts';
export { REGISTRABLE_EVENT_TYPES } from './event-names.ts';
export { registerWebhookRoutes } from './routes.ts';
export type {
  AccessTokenInfo,
  DeliveryLogEntry,
  SettleOptions,
  WebhookDeps,
  WebhookEngine,
  WebhookEngineOptions,
  WebhookPersistence,
  WebhookRecord,
  WebhookStatus,
} from './types.ts';
