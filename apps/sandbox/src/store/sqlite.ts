import { DatabaseSync } from 'node:sqlite';
import { COLLECTION_NAMES, type CollectionName, type Snapshot } from './records.ts';
import type { Persistence } from './store.ts';

const SCHEMA_VERSION = '1';
const WEBHOOKS = 'webhooks';

/**
 * Keeps the sandbox's data in an SQLite file (node:sqlite), one JSON document per row, written
 * through on every change, so a restart with the same file finds the same data.
 */
export function openSqlitePersistence(file: string): Persistence {
  const db = new DatabaseSync(file);
  db.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = NORMAL;
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS documents (
      collection TEXT NOT NULL,
      id TEXT NOT NULL,
      doc TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (collection, id)
    );
  `);
  const version = db.prepare('SELECT value FROM meta WHERE key = ?').get('schema_version') as
    { value: string } | undefined;
  if (version && version.value !== SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `The data file ${file} was written by another version of the sandbox (schema ${version.value}, expected ${SCHEMA_VERSION}); start with a new file.`,
    );
  }
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('schema_version', SCHEMA_VERSION);

  // `position` keeps insertion order (the order lists fall back to) across restarts.
  const upsert = db.prepare(`
    INSERT INTO documents (collection, id, doc, position)
    VALUES (?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM documents WHERE collection = ?))
    ON CONFLICT (collection, id) DO UPDATE SET doc = excluded.doc
  `);
  const remove = db.prepare('DELETE FROM documents WHERE collection = ? AND id = ?');
  const clear = db.prepare('DELETE FROM documents WHERE collection = ?');
  const select = db.prepare('SELECT doc FROM documents WHERE collection = ? ORDER BY position');
  const countAll = db.prepare(`SELECT COUNT(*) AS n FROM documents WHERE collection <> '${WEBHOOKS}'`);

  function transaction(work: () => void): void {
    db.exec('BEGIN');
    try {
      work();
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  function read(collection: string): unknown[] {
    return (select.all(collection) as { doc: string }[]).map((row) => JSON.parse(row.doc) as unknown);
  }

  function write(collection: string, docs: readonly unknown[]): void {
    clear.run(collection);
    for (const doc of docs) {
      const id = (doc as { id: string }).id;
      upsert.run(collection, id, JSON.stringify(doc), collection);
    }
  }

  return {
    load() {
      if ((countAll.get() as { n: number }).n === 0) return undefined;
      return Object.fromEntries(COLLECTION_NAMES.map((name) => [name, read(name)])) as Snapshot;
    },
    put(collection: CollectionName, id, doc) {
      upsert.run(collection, id, JSON.stringify(doc), collection);
    },
    remove(collection: CollectionName, id) {
      remove.run(collection, id);
    },
    replaceAll(snapshot) {
      transaction(() => {
        for (const name of COLLECTION_NAMES) write(name, snapshot[name]);
      });
    },
    loadWebhooks: () => read(WEBHOOKS),
    saveWebhooks(records) {
      transaction(() => write(WEBHOOKS, records));
    },
    close: () => db.close(),
  };
}
