export type { PollCursor, PollFeedName } from './cursor.ts';
export type { PollOptions, PollResult, SampleOptions } from './engine.ts';
export {
  pollClosedInterventions,
  pollNewCustomerMessages,
  pollNewThreads,
  sampleClosedInterventions,
  sampleCustomerMessages,
  sampleThreads,
  type CustomerMessageOptions,
  type InterventionsPort,
  type NewThreadOptions,
  type PollCallOptions,
  type PolledContent,
  type PolledIntervention,
  type PolledThread,
  type SearchListPort,
} from './feeds.ts';
