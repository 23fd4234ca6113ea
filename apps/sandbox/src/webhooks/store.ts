import type { WebhookPersistence, WebhookRecord } from './types.ts';

/** The webhooks, in memory; every change is handed to the persistence hook when there is one. */
export class WebhookStore {
  private readonly records = new Map<string, WebhookRecord>();

  private readonly persistence: WebhookPersistence | undefined;

  constructor(persistence?: WebhookPersistence) {
    this.persistence = persistence;
    for (const record of persistence?.load() ?? []) this.records.set(record.id, copy(record));
  }

  get(id: string): Readonly<WebhookRecord> | undefined {
    return this.records.get(id);
  }

  all(): Readonly<WebhookRecord>[] {
    return [...this.records.values()];
  }

  ownedBy(tokenId: string): Readonly<WebhookRecord>[] {
    return this.all().filter((record) => record.tokenId === tokenId);
  }

  /** The URL is unique per access token. */
  findByUrl(tokenId: string, url: string): Readonly<WebhookRecord> | undefined {
    return this.all().find((record) => record.tokenId === tokenId && record.url === url);
  }

  insert(record: WebhookRecord): Readonly<WebhookRecord> {
    this.records.set(record.id, copy(record));
    this.save();
    return this.records.get(record.id)!;
  }

  update(id: string, changes: Partial<Omit<WebhookRecord, 'id'>>): Readonly<WebhookRecord> | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    Object.assign(record, changes);
    this.save();
    return record;
  }

  remove(id: string): Readonly<WebhookRecord> | undefined {
    const record = this.records.get(id);
    if (!record) return undefined;
    this.records.delete(id);
    this.save();
    return record;
  }

  clear(): void {
    this.records.clear();
    this.save();
  }

  private save(): void {
    this.persistence?.save(this.all().map(copy));
  }
}

function copy(record: Readonly<WebhookRecord>): WebhookRecord {
  return { ...record, registeredEvents: [...record.registeredEvents] };
}
