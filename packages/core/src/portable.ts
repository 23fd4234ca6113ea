// The portable entry, `@ringcx-connectors/core/portable`: everything but the runtime defaults (native
// fetch, timers), for platforms that forbid them in plugins (n8n); the platform passes `transport` and
// `sleep`. The main entry (index.ts) adds the defaults.
export { RingCxClient } from './client.ts';
export {
  RingCxHttp,
  type ClientOptions,
  type Logger,
  type PlatformOptions,
  type PortableClientOptions,
  type RequestOptions,
} from './http/http-client.ts';
export type { Sleep } from './http/sleep.ts';
export {
  parseBody,
  toTransportError,
  TransportError,
  type HttpMethod,
  type Transport,
  type TransportFailurePhase,
  type TransportRequest,
  type TransportResponse,
} from './http/transport.ts';
export { encodeQuery, type Params, type ParamValue } from './http/params.ts';
export {
  RateLimiter,
  sharedRateLimiter,
  type RateLimiterOptions,
  type RateLimitOptions,
} from './http/rate-limit.ts';
export { DEFAULT_RETRY, type RetryOptions } from './http/retry.ts';
export {
  isRingCxError,
  redactSecrets,
  RingCxError,
  type RingCxErrorKind,
  type RingCxErrorOptions,
} from './errors.ts';
export { resolveBaseUrl, RINGCX_HOSTS, type ConnectionSettings, type RingCxHost } from './settings.ts';
export {
  MAX_PAGE_SIZE,
  PageIterator,
  type IterateOptions,
  type ListPage,
  type PageParams,
} from './pagination.ts';
export { searchQuery, SearchQuery, type SearchTerms, type SearchValue } from './search.ts';
export * from './resources/index.ts';
export * from './webhooks/index.ts';
export * from './polling/index.ts';
export * from './webhook-lifecycle/index.ts';
export { AGENT_CONTENT_STATUSES, isCustomerAuthored, type AuthorshipFields } from './customer-authored.ts';
export { handOverToHuman, type HandOverApi, type HandOverOptions, type HandOverResult } from './handover.ts';
