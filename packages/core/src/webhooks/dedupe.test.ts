import { describe, expect, it } from 'vitest';
import { JsonDedupeStore, MemoryDedupeStore } from './dedupe.ts';

const HOUR = 60 * 60 * 1000;

function clock(start = 1_700_000_000_000) {
  const state = { now: start };
  return { now: () => state.now, advance: (ms: number) => (state.now += ms) };
}

describe('MemoryDedupeStore', () => {
  it('remembers ids for 24 hours by default', () => {
    const time = clock();
    const store = new MemoryDedupeStore({ now: time.now });
    store.add(['e1', 'e2']);
    expect(store.has('e1')).toBe(true);
    expect(store.has('e3')).toBe(false);
    time.advance(24 * HOUR - 1);
    expect(store.has('e2')).toBe(true);
    time.advance(1);
    expect(store.has('e2')).toBe(false);
  });

  it('evicts the least recently used id past maxEntries', () => {
    const store = new MemoryDedupeStore({ maxEntries: 2 });
    store.add(['e1', 'e2']);
    expect(store.has('e1')).toBe(true); // e1 is now more recent than e2
    store.add(['e3']);
    expect(store.size).toBe(2);
    expect(store.has('e2')).toBe(false);
    expect(store.has('e1')).toBe(true);
    expect(store.has('e3')).toBe(true);
  });

  it('refuses nonsensical limits', () => {
    expect(() => new MemoryDedupeStore({ maxEntries: 0 })).toThrow(
      /Invalid maxEntries: 0 is not a positive number/,
    );
    expect(() => new MemoryDedupeStore({ ttlMs: Number.NaN })).toThrow(/Invalid ttlMs/);
  });
});

describe('JsonDedupeStore', () => {
  it('keeps its whole state in the caller’s object, which survives a JSON round trip', () => {
    const staticData: Record<string, unknown> = {};
    new JsonDedupeStore(staticData).add(['e1', 'e2']);

    const restored = JSON.parse(JSON.stringify(staticData)) as Record<string, unknown>;
    const store = new JsonDedupeStore(restored);
    expect(store.has('e1')).toBe(true);
    expect(store.has('e2')).toBe(true);
    expect(store.has('e3')).toBe(false);
    expect(Object.keys(restored)).toEqual(['ringcxSeenEvents']);
  });

  it('stays bounded, dropping the oldest ids first', () => {
    const time = clock();
    const state: Record<string, unknown> = {};
    const store = new JsonDedupeStore(state, { maxEntries: 3, now: time.now });
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) {
      store.add([id]);
      time.advance(1000);
    }
    expect((state.ringcxSeenEvents as unknown[]).length).toBe(3);
    expect(['e1', 'e2', 'e3', 'e4', 'e5'].map((id) => store.has(id))).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  it('forgets ids after ttlMs and drops them on the next write', () => {
    const time = clock();
    const state: Record<string, unknown> = {};
    const store = new JsonDedupeStore(state, { ttlMs: HOUR, now: time.now });
    store.add(['old']);
    time.advance(HOUR);
    expect(store.has('old')).toBe(false);
    store.add(['new']);
    expect(state.ringcxSeenEvents).toEqual([['new', time.now()]]);
  });

  it('lets the caller persist each change and choose the key', () => {
    const saved: unknown[] = [];
    const state: Record<string, unknown> = { other: 'kept' };
    const store = new JsonDedupeStore(state, {
      key: 'seen',
      onChange: (value) => saved.push(JSON.parse(JSON.stringify(value))),
    });
    store.add(['e1']);
    expect(saved).toEqual([{ other: 'kept', seen: [['e1', expect.any(Number)]] }]);
  });

  it('ignores whatever else it finds under its key', () => {
    const state: Record<string, unknown> = {
      ringcxSeenEvents: [['e1', 'yesterday'], 'e2', ['e3', Date.now()]],
    };
    const store = new JsonDedupeStore(state);
    expect(store.has('e1')).toBe(false);
    expect(store.has('e2')).toBe(false);
    expect(store.has('e3')).toBe(true);
    expect(new JsonDedupeStore({ ringcxSeenEvents: 'corrupt' }).has('e1')).toBe(false);
  });

  it('follows a state the caller reloads or replaces under its key', () => {
    const state: Record<string, unknown> = {};
    const store = new JsonDedupeStore(state);
    store.add(['e1']);
    const written = state.ringcxSeenEvents;
    store.add(['e2']);
    expect(state.ringcxSeenEvents).not.toBe(written);

    state.ringcxSeenEvents = [['e3', Date.now()]];
    expect([store.has('e1'), store.has('e2'), store.has('e3')]).toEqual([false, false, true]);
    store.add(['e4']);
    expect((state.ringcxSeenEvents as Array<[string, number]>).map(([id]) => id)).toEqual(['e3', 'e4']);
    delete state.ringcxSeenEvents;
    expect(store.has('e3')).toBe(false);
  });

  it('needs a plain object', () => {
    expect(() => new JsonDedupeStore(null as unknown as Record<string, unknown>)).toThrow(
      /needs a plain object/,
    );
  });
});
