export {
  isContentEvent,
  isInterventionEvent,
  type ContentEventMetadata,
  type EventMetadata,
  type InterventionEventMetadata,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookResource,
} from './types.ts';
export { readHeader, readQueryParam, type HeaderBag, type QueryBag, type WebhookRequest } from './request.ts';
export { textResponse, type WebhookResponse } from './response.ts';
export { assertSecret, SECRET_HEADER, secretsMatch } from './secret.ts';
export { answerHandshake, verifyHandshake, type HandshakeOptions } from './handshake.ts';
export { parseDelivery } from './parse.ts';
export {
  JsonDedupeStore,
  MemoryDedupeStore,
  type DedupeLimits,
  type DedupeStore,
  type JsonDedupeOptions,
} from './dedupe.ts';
export {
  getWebhookTrigger,
  registeredEventsFor,
  selectEvents,
  WEBHOOK_TRIGGER_NAMES,
  WEBHOOK_TRIGGERS,
  type TriggerOptions,
  type WebhookTrigger,
  type WebhookTriggerName,
} from './triggers.ts';
export { handleWebhookRequest, type WebhookHandlerOptions } from './handler.ts';
export type { WebhookAdapterOptions } from './adapter.ts';
export { createNodeWebhookHandler, type NodeWebhookRequest } from './node.ts';
export { createWebWebhookHandler } from './web.ts';
export { deriveWebhookCredentials, type WebhookCredentials } from './credentials.ts';
