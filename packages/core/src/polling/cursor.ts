/** Which poller a cursor belongs to; a cursor given to another poller is ignored. */
export type PollFeedName = 'threads' | 'customer_messages' | 'closed_interventions';

/**
 * Where a poller stands, as plain JSON for the caller to store (n8n static data, Node-RED context,
 * a file). A poll returns the next cursor with its items; save it only once the items have been
 * handed over, so that a failed hand-over delivers them again.
 *
 * - `v`: format version, 1.
 * - `feed`: the poller it belongs to.
 * - `at`: ISO time up to which the list has been read, in the list's own order (a thread's or
 *   message's `created_at`, a closed intervention's `updated_at`), never later than the clock at
 *   that poll; `null` when nothing existed yet, so that everything that appears is new.
 * - `seen`: keys of items already delivered (or existing when the cursor was made) that a later
 *   poll could read again, grouped by time (ISO): `{ "<time>": [keys] }`. They keep items that
 *   share a timestamp, or are read again in the overlap, from being delivered twice. Keys are ids,
 *   and `<id>:<closed_at>` for closed interventions. Threads and messages are filed by creation
 *   time and kept while inside the overlap window before `at`; closes are filed by `closed_at` and
 *   kept while not older than `since` (or `at`) minus the overlap, as an edit can bring an old
 *   close back up the list.
 * - `since`: closed interventions only, while a backlog larger than one poll is being worked off:
 *   the `at` of the last poll that was up to date (`null` if none was).
 */
export interface PollCursor {
  v: 1;
  feed: PollFeedName;
  at: string | null;
  seen: Record<string, string[]>;
  since?: string | null;
}

/** The cursor if it is a well-formed one of this feed, otherwise undefined (the poll starts afresh). */
export function readCursor(value: unknown, feed: PollFeedName): PollCursor | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const cursor = value as Partial<PollCursor>;
  const isTime = (time: unknown) =>
    time === null || (typeof time === 'string' && !Number.isNaN(Date.parse(time)));
  const wellFormed =
    cursor.v === 1 &&
    cursor.feed === feed &&
    isTime(cursor.at) &&
    (cursor.since === undefined || isTime(cursor.since)) &&
    typeof cursor.seen === 'object' &&
    !Array.isArray(cursor.seen) &&
    cursor.seen !== null &&
    Object.entries(cursor.seen).every(
      ([time, keys]) => isTime(time) && Array.isArray(keys) && keys.every((key) => typeof key === 'string'),
    );
  return wellFormed ? (cursor as PollCursor) : undefined;
}

export function parseCursorTime(time: string | null): number | null {
  return time === null ? null : Date.parse(time);
}

export function formatCursorTime(time: number | null): string | null {
  return time === null ? null : new Date(time).toISOString();
}
