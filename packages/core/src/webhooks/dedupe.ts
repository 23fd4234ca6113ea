import { RingCxError } from '../errors.ts';

/**
 * Remembers which events were already handed over, so a delivery RingCX sends again (it delivers at
 * least once and retries for up to 24 hours) does not run a workflow twice. Keys are event ids, which
 * stay the same across re-sends. Use one store per webhook: two webhooks subscribed to the same event
 * each receive it, under the same event id.
 *
 * The receiver adds ids only after the events were handed over successfully, so an event whose
 * processing failed is processed again when RingCX retries it.
 */
export interface DedupeStore {
  /** True when the event was handed over before and is still remembered. */
  has(eventId: string): boolean | Promise<boolean>;
  /** Remembers events that were handed over. */
  add(eventIds: readonly string[]): void | Promise<void>;
}

export interface DedupeLimits {
  /** How many ids to remember; the oldest are forgotten first. */
  maxEntries?: number;
  /** How long an id is remembered, in milliseconds. Default 24 hours, RingCX's longest retry window. */
  ttlMs?: number;
  /** The clock, for tests. */
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A store in process memory: least recently used ids are evicted past `maxEntries` (default 10,000), and
 * ids expire `ttlMs` after they were added. Its content is lost on restart and not shared between
 * processes: use `JsonDedupeStore` or your own store when either matters.
 */
export class MemoryDedupeStore implements DedupeStore {
  // Map iteration follows insertion order, so the first key is the least recently used one.
  private readonly expiries = new Map<string, number>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(limits: DedupeLimits = {}) {
    this.maxEntries = positive(limits.maxEntries, 10_000, 'maxEntries');
    this.ttlMs = positive(limits.ttlMs, DAY_MS, 'ttlMs');
    this.now = limits.now ?? Date.now;
  }

  has(eventId: string): boolean {
    const expiry = this.expiries.get(eventId);
    if (expiry === undefined) return false;
    this.expiries.delete(eventId);
    if (expiry <= this.now()) return false;
    this.expiries.set(eventId, expiry);
    return true;
  }

  add(eventIds: readonly string[]): void {
    const expiry = this.now() + this.ttlMs;
    for (const id of eventIds) {
      this.expiries.delete(id);
      this.expiries.set(id, expiry);
    }
    for (const oldest of this.expiries.keys()) {
      if (this.expiries.size <= this.maxEntries) break;
      this.expiries.delete(oldest);
    }
  }

  get size(): number {
    return this.expiries.size;
  }
}

export interface JsonDedupeOptions extends DedupeLimits {
  /** The property of the state object the ids are kept under. Default `ringcxSeenEvents`. */
  key?: string;
  /**
   * Called with the state object after every change, for stores that persist only on an explicit
   * write (Node-RED: `(state) => context.set('ringcx', state)`). n8n's static data needs none.
   */
  onChange?: (state: Record<string, unknown>) => void;
}

/**
 * A store whose whole content lives in a plain JSON-serialisable object the caller owns and persists:
 * n8n's workflow static data, Node-RED's node context, a database row. Nothing stays only in process
 * memory, so a restart or a second worker sees the same ids.
 *
 * The ids are kept as `state[key] = [[eventId, seenAtMs], ...]`, oldest first; past `maxEntries`
 * (default 1,000, to keep the saved state small) the oldest are dropped, and entries older than `ttlMs`
 * are ignored and dropped on the next write. Anything unexpected found under `key` is discarded.
 */
export class JsonDedupeStore implements DedupeStore {
  private readonly key: string;
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  readonly state: Record<string, unknown>;
  private readonly options: JsonDedupeOptions;
  private index = new Map<string, Entry>();
  /** The array `index` was built from; `undefined` matches a state with nothing under `key` yet. */
  private indexed: unknown = undefined;

  constructor(state: Record<string, unknown>, options: JsonDedupeOptions = {}) {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      throw new RingCxError({
        kind: 'config',
        message: 'JsonDedupeStore needs a plain object to keep its state in, such as n8n static data.',
      });
    }
    this.state = state;
    this.options = options;
    this.key = options.key ?? 'ringcxSeenEvents';
    this.maxEntries = positive(options.maxEntries, 1_000, 'maxEntries');
    this.ttlMs = positive(options.ttlMs, DAY_MS, 'ttlMs');
    this.now = options.now ?? Date.now;
  }

  has(eventId: string): boolean {
    const seenAt = this.entries().get(eventId)?.[1];
    return seenAt !== undefined && seenAt > this.now() - this.ttlMs;
  }

  add(eventIds: readonly string[]): void {
    const now = this.now();
    const entries = this.entries();
    for (const id of new Set(eventIds)) {
      entries.delete(id);
      entries.set(id, [id, now]);
    }
    for (const [id, seenAt] of entries.values()) if (seenAt <= now - this.ttlMs) entries.delete(id);
    for (const oldest of entries.keys()) {
      if (entries.size <= this.maxEntries) break;
      entries.delete(oldest);
    }
    // A new array on every write, so a caller that notices only assignments still sees the change.
    const kept = [...entries.values()];
    this.state[this.key] = kept;
    this.indexed = kept;
    this.options.onChange?.(this.state);
  }

  /**
   * The valid entries under `key` by id, oldest first. Lookups would otherwise scan and re-validate the
   * whole array on every request; the index is rebuilt whenever a different array is found under `key`
   * (the caller reloaded or replaced the state). Edit that array only by assigning a new one.
   */
  private entries(): Map<string, Entry> {
    const stored = this.state[this.key];
    if (stored !== this.indexed) {
      this.index = new Map();
      for (const entry of Array.isArray(stored) ? stored : []) {
        if (!isEntry(entry)) continue;
        this.index.delete(entry[0]);
        this.index.set(entry[0], entry);
      }
      this.indexed = stored;
    }
    return this.index;
  }
}

type Entry = readonly [eventId: string, seenAtMs: number];

function isEntry(entry: unknown): entry is Entry {
  return Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number';
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new RingCxError({ kind: 'config', message: `Invalid ${name}: ${value} is not a positive number.` });
  }
  return value;
}
