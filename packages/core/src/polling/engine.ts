import { RingCxError } from '../errors.ts';
import { MAX_PAGE_SIZE, type ListPage } from '../pagination.ts';
import {
  formatCursorTime,
  parseCursorTime,
  readCursor,
  type PollCursor,
  type PollFeedName,
} from './cursor.ts';

/** Options every poller takes. */
export interface PollOptions {
  /** Most items one poll returns; the rest come with the next polls. Default 100 (Zapier's limit). */
  maxItems?: number;
  /**
   * Order of `items`: `oldest-first` (default; n8n, Node-RED, scripts) or `newest-first` (Zapier).
   * Either way, when more than `maxItems` are new, a poll returns the oldest ones.
   */
  order?: 'oldest-first' | 'newest-first';
  /**
   * Seconds before the cursor's time that every poll reads again, so that an item which becomes
   * visible a little after newer ones (its timestamp within this window) is still delivered.
   * Default 5.
   */
  overlapSeconds?: number;
  /** On the first poll (no cursor), return up to this many of the latest items. Default 0: none. */
  initialItems?: number;
  /** Only items of these sources (ids). */
  sources?: string | readonly string[];
  /** Records per request, 4 to 150. Default 100. */
  pageSize?: number;
  /**
   * Most pages of records one poll reads (not counting the one-record lookups that find where a
   * backlog starts). Exceeded only while the pages read so far are all older than the cursor.
   * Default 5.
   */
  maxPages?: number;
  /** The clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
  signal?: AbortSignal;
}

export interface PollResult<T> {
  /** The new items, in `order`. */
  items: T[];
  /** Save this once `items` are handed over; pass it to the next poll. */
  cursor: PollCursor;
  /** More new items may be waiting (`maxItems` or `maxPages` reached): poll again soon. */
  hasMore: boolean;
  /** This poll made the cursor: no usable cursor was given, so nothing older was delivered. */
  established: boolean;
}

export interface SampleOptions {
  /** How many of the latest matching items to return. Default 1. */
  limit?: number;
  sources?: string | readonly string[];
  /** Most pages to read while looking for matching items. Default 3. */
  maxPages?: number;
  /** Records per request, 4 to 150. Default 100. */
  pageSize?: number;
  signal?: AbortSignal;
}

/** How a poller reads one list: page requests sorted newest first by `orderTime`, and how to judge a record. */
export interface Feed<T> {
  name: PollFeedName;
  fetch(page: { offset: number; limit: number }, signal: AbortSignal | undefined): Promise<ListPage<T>>;
  /** The time the list is sorted by (descending), in ms. */
  orderTime(record: T): number;
  /**
   * The time of the event the poller reports, in ms, when the list is sorted by another, later
   * time (a last update): a record then moves up the list whenever it is edited, and this time
   * tells an edit from a new event.
   */
  eventTime?(record: T): number;
  /** A key that changes when the record stands for a new event. */
  key(record: T): string;
  /** Whether the record is an item for this poller (source filter, authorship, state). */
  matches(record: T): boolean;
}

interface Settings {
  maxItems: number;
  order: 'oldest-first' | 'newest-first';
  overlapMs: number;
  initialItems: number;
  pageSize: number;
  maxPages: number;
  now: () => number;
  signal: AbortSignal | undefined;
}

/**
 * One poll of `feed` from `stored` (see `PollCursor` for the format):
 *
 * 1. The window is everything sorted at or after `at` minus the overlap. The first page (newest
 *    first) normally reaches past it, so a poll with nothing new costs one request.
 * 2. Otherwise (a backlog), one-record lookups find where the window ends (doubling steps, then
 *    bisection), and pages are read from there upwards, oldest first. Each page must contain the
 *    previous page's newest record, found by key, which proves that nothing between them was
 *    skipped even when records created meanwhile shift the offsets; if it cannot be found, the
 *    poll stops there and the next one resumes. At most `maxPages` pages are read, more only while
 *    none has reached past `at` yet, so that every poll moves on.
 * 3. Records are taken oldest first; one is delivered unless its key is in `seen`, it does not
 *    match, or (lists sorted by last update) its event is older than the cursor's `since` (its
 *    `at` when up to date) minus the overlap. At `maxItems` the poll stops, so the rest follows
 *    in order next time.
 * 4. The next `at` is the sort time of the last record taken, clamped to the clock so that a
 *    timestamp in the future cannot make later items look old. `seen` keeps the keys whose time
 *    is still inside the new overlap window; for lists sorted by last update, the event time
 *    counts, measured from `since` while a backlog is worked off.
 */
export async function pollFeed<T>(
  feed: Feed<T>,
  stored: unknown,
  options: PollOptions,
): Promise<PollResult<T>> {
  const settings = readSettings(options);
  const cursor = readCursor(stored, feed.name);
  if (!cursor) return establish(feed, settings);

  const at = parseCursorTime(cursor.at);
  const since = cursor.since === undefined ? at : parseCursorTime(cursor.since);
  const eventFloor = since === null ? -Infinity : since - settings.overlapMs;
  const seen = readSeen(cursor.seen);
  const read = new Set<string>();
  const items: T[] = [];
  let last: T | undefined;
  let reachedTop = false;
  let cut = false;

  pages: for await (const segment of windowSegments(feed, settings, at)) {
    for (const record of segment.records) {
      if (items.length >= settings.maxItems) {
        cut = true;
        break pages;
      }
      const key = feed.key(record);
      if (read.has(key)) continue;
      read.add(key);
      last = record;
      if (seen.has(key) || !feed.matches(record)) continue;
      if (feed.eventTime && feed.eventTime(record) < eventFloor) continue; // an edit, not a new event
      items.push(record);
      seen.set(key, seenTime(feed, record));
    }
    if (segment.top) reachedTop = true;
    else if (items.length >= settings.maxItems) break;
  }

  const upToDate = reachedTop && !cut;
  const lastTime = last === undefined ? null : Math.min(feed.orderTime(last), settings.now());
  const nextAt = lastTime === null ? at : at === null ? lastTime : Math.max(at, lastTime);
  // Records that move up when edited can come back at any time: their keys are kept for as long
  // as their event is not older than the floor; the others only while inside the overlap window.
  const nextSince = feed.eventTime && !upToDate ? since : nextAt;
  const keepFrom = nextSince === null ? -Infinity : nextSince - settings.overlapMs;
  return {
    items: settings.order === 'newest-first' ? items.reverse() : items,
    cursor: {
      v: 1,
      feed: feed.name,
      at: formatCursorTime(nextAt),
      seen: writeSeen(seen, keepFrom),
      ...(nextSince !== nextAt && { since: formatCursorTime(nextSince) }),
    },
    hasMore: !upToDate,
    established: false,
  };
}

/** The time a seen key is filed under: its event's, or its place in the list's. */
function seenTime<T>(feed: Feed<T>, record: T): number {
  return feed.eventTime ? feed.eventTime(record) : feed.orderTime(record);
}

/** The latest matching records, newest first, without any cursor: for "fetch test event" and samples. */
export async function sampleFeed<T>(feed: Feed<T>, options: SampleOptions): Promise<T[]> {
  const limit = count(options.limit, 'limit', 1, 1);
  const settings = readSettings({ ...options, maxPages: options.maxPages ?? 3 });
  const found: T[] = [];
  for await (const page of newestPages(feed, settings)) {
    for (const record of page) if (found.length < limit && feed.matches(record)) found.push(record);
    if (found.length >= limit) break;
  }
  return found;
}

/**
 * The first poll: nothing historical is delivered (unless `initialItems` asks for the latest few);
 * the cursor starts at the newest record, with every record inside its overlap window marked seen.
 */
async function establish<T>(feed: Feed<T>, settings: Settings): Promise<PollResult<T>> {
  const now = settings.now();
  let at: number | null = null;
  const seen = new Map<string, number>();
  const recent: T[] = [];
  for await (const page of newestPages(feed, settings)) {
    let pastWindow = false;
    for (const record of page) {
      const time = feed.orderTime(record);
      at ??= Math.min(time, now);
      pastWindow = time < at - settings.overlapMs;
      if (!pastWindow) seen.set(feed.key(record), seenTime(feed, record));
      if (recent.length < settings.initialItems && feed.matches(record)) recent.push(record);
    }
    if (pastWindow && recent.length >= settings.initialItems) break;
  }
  return {
    items: settings.order === 'oldest-first' ? recent.reverse() : recent,
    cursor: { v: 1, feed: feed.name, at: formatCursorTime(at), seen: writeSeen(seen, -Infinity) },
    hasMore: false,
    established: true,
  };
}

/** Pages from the newest record down, at most `maxPages`. */
async function* newestPages<T>(feed: Feed<T>, settings: Settings): AsyncGenerator<T[]> {
  let offset = 0;
  for (let pages = 0; pages < settings.maxPages; pages++) {
    settings.signal?.throwIfAborted();
    const page = await feed.fetch({ offset, limit: settings.pageSize }, settings.signal);
    yield page.records;
    if (isLastPage(page, offset, settings.pageSize)) return;
    offset += page.records.length;
  }
}

/** A contiguous run of records, oldest first; `top` when it reaches the newest record. */
interface Segment<T> {
  records: T[];
  top: boolean;
}

/**
 * Reads the window (records sorted at or after `at` minus the overlap; everything when `at` is
 * null) from its oldest end upwards, in contiguous runs, oldest first.
 */
async function* windowSegments<T>(
  feed: Feed<T>,
  settings: Settings,
  at: number | null,
): AsyncGenerator<Segment<T>> {
  const { pageSize } = settings;
  const windowStart = at === null ? -Infinity : at - settings.overlapMs;
  // Room left at the bottom of a page for records that arrive while it is being located.
  const slack = Math.floor(pageSize / 4);
  let total = 0;
  const fetch = async (offset: number, limit: number) => {
    settings.signal?.throwIfAborted();
    const page = await feed.fetch({ offset, limit }, settings.signal);
    total = page.count;
    return page;
  };
  const outside = (record: T) => feed.orderTime(record) < windowStart;
  const inside = (records: T[]) => {
    const end = records.findIndex(outside);
    return end < 0 ? records : records.slice(0, end);
  };

  const first = await fetch(0, pageSize);
  if (first.records.some(outside) || isLastPage(first, 0, pageSize)) {
    yield { records: inside(first.records).reverse(), top: true };
    return;
  }

  // A backlog: find the first offset outside the window and read the page that ends just past it.
  let known = first.records.length; // offsets below this are inside the window
  let anchor: { offset: number; record: T } | undefined;
  for (let attempt = 0; attempt < 3 && !anchor; attempt++) {
    const end = await windowEnd(known);
    const offset = Math.max(0, end - (pageSize - 1 - slack));
    const page = await fetch(offset, pageSize);
    const [top] = page.records;
    if (top === undefined) return; // the list shrank under us: the next poll looks again
    if (!page.records.some(outside) && !isLastPage(page, offset, pageSize)) {
      known = offset + page.records.length; // more records arrived than the slack absorbs
      continue;
    }
    yield { records: inside(page.records).reverse(), top: offset === 0 };
    anchor = { offset, record: top };
  }

  // Upwards, page after page. Past `maxPages` only while nothing after `at` has been reached (a
  // dense overlap window, or a long run sharing one timestamp).
  for (let pages = 1; anchor && anchor.offset > 0; pages++) {
    if (pages >= settings.maxPages && !(at !== null && feed.orderTime(anchor.record) <= at)) return;
    const above = await recordsAbove(anchor);
    if (!above) return; // the anchor moved out of reach: the next poll resumes from the cursor
    const [top] = above.records;
    yield { records: [...above.records].reverse(), top: above.offset === 0 };
    if (top === undefined) return;
    anchor = { offset: above.offset, record: top };
  }

  /**
   * The records just above `anchor` (newest first, up to a page) and the offset of the first. The
   * page is read with slack below the anchor's expected place and the anchor is found in it by
   * key, so records created meanwhile (which push it down) do not open a gap; if it is not there,
   * it is looked for once more, as much further down as the total grew.
   */
  async function recordsAbove(anchor: { offset: number; record: T }) {
    const anchorKey = feed.key(anchor.record);
    let expected = anchor.offset;
    for (let attempt = 0; attempt < 2; attempt++) {
      const offset = Math.max(0, expected - (pageSize - 1 - slack));
      const before = total;
      const page = await fetch(offset, pageSize);
      const index = page.records.findIndex((record) => feed.key(record) === anchorKey);
      if (index > 0 || (index === 0 && offset === 0))
        return { offset, records: page.records.slice(0, index) };
      if (index === 0 || total <= before) return undefined;
      expected += total - before;
    }
    return undefined;
  }

  /** The first offset at or after `from` whose record is outside the window (or past the end). */
  async function windowEnd(from: number): Promise<number> {
    if (at === null) return Math.max(from, total);
    const isOutside = async (offset: number) => {
      const [record] = (await fetch(offset, 1)).records;
      return record === undefined || outside(record);
    };
    let low = from;
    let high = Math.max(from, total);
    for (let step = pageSize; low + step < high; step *= 2) {
      if (await isOutside(low + step)) {
        high = low + step;
        break;
      }
      low += step + 1;
    }
    while (low < high) {
      const middle = low + Math.floor((high - low) / 2);
      if (await isOutside(middle)) high = middle;
      else low = middle + 1;
    }
    return low;
  }
}

function readSeen(stored: Record<string, string[]>): Map<string, number> {
  const seen = new Map<string, number>();
  for (const [time, keys] of Object.entries(stored)) for (const key of keys) seen.set(key, Date.parse(time));
  return seen;
}

/** The seen keys grouped by sort time (compact: records often share a second), dropping those before `from`. */
function writeSeen(seen: Map<string, number>, from: number): Record<string, string[]> {
  const byTime: Record<string, string[]> = {};
  for (const [key, time] of seen) {
    if (time >= from) (byTime[new Date(time).toISOString()] ??= []).push(key);
  }
  return byTime;
}

function isLastPage(page: ListPage<unknown>, offset: number, limit: number): boolean {
  return page.records.length < limit || offset + page.records.length >= page.count;
}

function readSettings(options: PollOptions): Settings {
  const order = options.order ?? 'oldest-first';
  if (order !== 'oldest-first' && order !== 'newest-first') {
    throw new RingCxError({
      kind: 'config',
      message: `Invalid order: "${String(order)}". Use "oldest-first" or "newest-first".`,
    });
  }
  const overlap = options.overlapSeconds ?? 5;
  if (typeof overlap !== 'number' || !Number.isFinite(overlap) || overlap < 0) {
    throw new RingCxError({
      kind: 'config',
      message: `Invalid overlapSeconds: ${String(overlap)}. Use a number of seconds, 0 or more (default 5).`,
    });
  }
  return {
    maxItems: count(options.maxItems, 'maxItems', 100, 1),
    order,
    overlapMs: overlap * 1000,
    initialItems: count(options.initialItems, 'initialItems', 0, 0),
    pageSize: count(options.pageSize, 'pageSize', 100, 4, MAX_PAGE_SIZE),
    maxPages: count(options.maxPages, 'maxPages', 5, 1),
    now: options.now ?? Date.now,
    signal: options.signal,
  };
}

function count(
  value: number | undefined,
  name: string,
  fallback: number,
  min: number,
  max = Infinity,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `${min} or more` : `${min} to ${max}`;
    throw new RingCxError({
      kind: 'config',
      message: `Invalid ${name}: ${String(value)}. Use a whole number, ${range} (default ${fallback}).`,
    });
  }
  return value;
}
