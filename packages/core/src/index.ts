export * from './portable.ts';
// These override the portable entry's names with versions that default the transport and `sleep`.
export { RateLimiter, RingCxClient, RingCxHttp, sharedRateLimiter } from './defaults.ts';
export { fetchTransport, type FetchTransportOptions } from './http/fetch-transport.ts';
