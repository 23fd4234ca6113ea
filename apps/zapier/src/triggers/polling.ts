import type { Bundle } from 'zapier-platform-core';

/**
 * How many of the newest items one poll returns. Zapier keeps the state: it remembers the id of
 * every item it has seen (its deduplication) and fires for the others, so a poll returns the latest
 * items, newest first, and needs no cursor of its own. 100 is Zapier's limit of new items per poll;
 * a test in the Zap editor only needs a few.
 */
export function pollSize(bundle: Bundle): number {
  return bundle.meta?.isLoadingSample ? 3 : 100;
}
