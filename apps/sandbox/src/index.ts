export { startSandbox, type ApiResponseInfo, type RunningSandbox, type SandboxOptions } from './server.ts';
export type { CustomerMessageView, SandboxControl, SandboxInfo } from './control/control.ts';
export type { Fault, FaultInput, FaultKind } from './control/faults.ts';
export type { RequestLogEntry } from './control/request-log.ts';
export type { CustomerAuthor, CustomerMessageInput } from './model/conversations.ts';
export { createClock, type SandboxClock, type SandboxTimer } from './clock.ts';
export { DOMAIN_ID, EventBus, type SandboxEvent, type SandboxEventInput } from './events.ts';
export {
  DEFAULT_TOKEN_VALUES,
  SEED_BASE_TIME,
  SEED_IDS,
  SEED_NAMES,
  TOKEN_NAMES,
  type SeedName,
  type TokenName,
} from './seed.ts';
export type { DeliveryLogEntry, WebhookEngine, WebhookEngineOptions } from './webhooks/index.ts';
