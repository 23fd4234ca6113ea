import type { SandboxClock } from '../clock.ts';
import { apiDate } from '../ids.ts';
import {
  COLLECTION_NAMES,
  type CollectionName,
  type Collections,
  type Snapshot,
  type Timestamps,
} from './records.ts';

/** Where changes go when the sandbox runs with a data file (see `sqlite.ts`). */
export interface Persistence {
  /** The stored data, or undefined when the file is new. */
  load(): Snapshot | undefined;
  put(collection: CollectionName, id: string, doc: unknown): void;
  remove(collection: CollectionName, id: string): void;
  replaceAll(snapshot: Snapshot): void;
  /** The webhook engine keeps its own records; they are stored beside the rest. */
  loadWebhooks(): unknown[];
  saveWebhooks(records: unknown[]): void;
  close(): void;
}

/** One collection, in memory, insertion-ordered; every change is written through to persistence. */
export class Collection<T extends Timestamps> {
  private readonly items = new Map<string, T>();
  private readonly name: CollectionName;
  private readonly clock: SandboxClock;
  private readonly persistence: Persistence | undefined;

  constructor(name: CollectionName, clock: SandboxClock, persistence: Persistence | undefined) {
    this.name = name;
    this.clock = clock;
    this.persistence = persistence;
  }

  get(id: string): T | undefined {
    return this.items.get(id);
  }

  all(): T[] {
    return [...this.items.values()];
  }

  get size(): number {
    return this.items.size;
  }

  insert(doc: T): T {
    this.items.set(doc.id, doc);
    this.persistence?.put(this.name, doc.id, doc);
    return doc;
  }

  /** Applies `change` and stamps `updated_at`. */
  update(doc: T, change: (doc: T) => void): T {
    change(doc);
    doc.updated_at = apiDate(this.clock.now());
    this.items.set(doc.id, doc);
    this.persistence?.put(this.name, doc.id, doc);
    return doc;
  }

  delete(id: string): T | undefined {
    const doc = this.items.get(id);
    if (!doc) return undefined;
    this.items.delete(id);
    this.persistence?.remove(this.name, id);
    return doc;
  }

  /** Replaces the content without writing (the caller writes the whole snapshot at once). */
  load(docs: readonly T[]): void {
    this.items.clear();
    for (const doc of docs) this.items.set(doc.id, doc);
  }
}

export type Store = { readonly [K in CollectionName]: Collection<Collections[K]> } & {
  snapshot(): Snapshot;
  /** Replaces every collection (seed, reset) in one write; `persist: false` when loading from the file. */
  replace(snapshot: Snapshot, options?: { persist: boolean }): void;
};

export function createStore(clock: SandboxClock, persistence?: Persistence): Store {
  const collections = Object.fromEntries(
    COLLECTION_NAMES.map((name) => [name, new Collection(name, clock, persistence)]),
  ) as { [K in CollectionName]: Collection<Collections[K]> };
  return {
    ...collections,
    snapshot() {
      return Object.fromEntries(
        COLLECTION_NAMES.map((name) => [name, structuredClone(collections[name].all())]),
      ) as Snapshot;
    },
    replace(snapshot, options = { persist: true }) {
      const copy = structuredClone(snapshot);
      for (const name of COLLECTION_NAMES)
        (collections[name] as Collection<Timestamps>).load(copy[name] ?? []);
      if (options.persist) persistence?.replaceAll(copy);
    },
  };
}
