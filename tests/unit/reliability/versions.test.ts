/**
 * Every schema version and every backup version, upgraded to the current one, with every record
 * intact. The fixtures are data written by tests/fixtures/versions/generate.ts, one file per version.
 * Version 2 added the `seen` store and the backup's `seen` list: a v1 database or backup upgrades
 * with every record intact and an empty seen set. Version 3 added the `recommend` store (the
 * recommendation model's snapshot, derived from the papers): v1 and v2 databases upgrade to it with
 * every record intact and an empty `recommend` store (the model is rebuilt on first use).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import * as db from '../../../utils/store/db';
import { MIGRATIONS as DB_STEPS } from '../../../utils/store/migrations';
import { parseImport } from '../../../utils/import';
import { CURRENT_VERSION as BACKUP_VERSION } from '../../../utils/import/json-migrations';
import { backupFixture, dbFixture, EXPORTED_AT } from '../../fixtures/versions/generate';

const DIR = join(process.cwd(), 'tests/fixtures/versions');
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

interface StoreSchema {
  keyPath: string;
  indexes: Record<string, string>;
}
interface DbFixture {
  version: number;
  schema: Record<string, StoreSchema>;
  stores: Record<string, Array<Record<string, unknown>>>;
}

const versionsOf = (prefix: string) =>
  readdirSync(DIR)
    .map((f) => new RegExp(`^${prefix}-v(\\d+)\\.json$`).exec(f)?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number)
    .sort((a, b) => a - b);

const CURRENT_DB: DbFixture = JSON.parse(read(`db-v${db.DB_VERSION}.json`));
const byKey = (records: Array<Record<string, unknown>>, keyPath: string) =>
  [...records].sort((a, b) => (String(a[keyPath]) < String(b[keyPath]) ? -1 : 1));

let n = 0;
const names: string[] = [];
afterEach(async () => {
  for (const name of names.splice(0)) await deleteDB(name);
});

/** A database at `version`, made by running the shipped steps 0 → version, holding `fixture`'s records. */
async function databaseAt(version: number, fixture?: DbFixture): Promise<string> {
  const name = `versions-${++n}`;
  names.push(name);
  const d = await openDB(name, version, {
    upgrade(d, oldVersion, _new, tx) {
      for (let v = oldVersion; v < version; v++) DB_STEPS[v]!(d as never, tx as never);
    },
  });
  if (fixture) {
    const stores = Object.keys(fixture.stores);
    const tx = d.transaction(stores, 'readwrite');
    await Promise.all([...stores.flatMap((s) => fixture.stores[s]!.map((r) => tx.objectStore(s).put(r))), tx.done]);
  }
  d.close();
  return name;
}

function schemaOf(d: IDBPDatabase<unknown>): Record<string, StoreSchema> {
  const stores = [...d.objectStoreNames];
  const tx = d.transaction(stores);
  return Object.fromEntries(
    stores.map((s) => {
      const store = tx.objectStore(s);
      const indexes = Object.fromEntries([...store.indexNames].map((i) => [i, String(store.index(i).keyPath)]));
      return [s, { keyPath: String(store.keyPath), indexes }];
    }),
  );
}

async function contents(d: IDBPDatabase<unknown>, schema: Record<string, StoreSchema>) {
  const out: Record<string, unknown[]> = {};
  for (const s of Object.keys(schema)) out[s] = byKey((await d.getAll(s)) as Array<Record<string, unknown>>, schema[s]!.keyPath);
  return out;
}

describe('IndexedDB schema versions', () => {
  const versions = versionsOf('db');

  it('has a fixture of every schema version, written by the generator (data, not a binary)', () => {
    expect(versions).toEqual(Array.from({ length: db.DB_VERSION }, (_, i) => i + 1));
    expect(DB_STEPS).toHaveLength(db.DB_VERSION);
    // The current version's fixture is what the generator writes from today's types.
    expect(CURRENT_DB).toEqual(JSON.parse(JSON.stringify(dbFixture())));
  });

  it('from version 0 (no database) every step runs and gives the current schema', async () => {
    const name = `versions-${++n}`;
    names.push(name);
    const d = await db.openPapershelfDb(name);
    expect(d.version).toBe(db.DB_VERSION);
    expect(schemaOf(d as never)).toEqual(CURRENT_DB.schema);
    d.close();
  });

  it.each(versions)('the steps up to version %i still build that version\'s schema', async (version) => {
    const fixture: DbFixture = JSON.parse(read(`db-v${version}.json`));
    const name = await databaseAt(version);
    const d = await openDB(name);
    expect(d.version).toBe(version);
    expect(schemaOf(d)).toEqual(fixture.schema);
    d.close();
  });

  it.each(versions)('a database at version %i, upgraded by openPapershelfDb, keeps every record intact', async (version) => {
    const fixture: DbFixture = JSON.parse(read(`db-v${version}.json`));
    const name = await databaseAt(version, fixture);
    const d = await db.openPapershelfDb(name);
    expect(d.version).toBe(db.DB_VERSION);
    expect(schemaOf(d as never)).toEqual(CURRENT_DB.schema);
    // Stores added after `version` start empty; the others hold exactly the fixture's records.
    const expected = Object.fromEntries(Object.keys(CURRENT_DB.schema).map((s) => [s, byKey(fixture.stores[s] ?? [], CURRENT_DB.schema[s]!.keyPath)]));
    for (const s of Object.keys(fixture.stores)) expect(fixture.stores[s], s).toEqual(CURRENT_DB.stores[s]);
    expect(await contents(d as never, CURRENT_DB.schema)).toEqual(expected);
    // And the app reads it: newest saved first, topics in order.
    expect((await db.listPapers(d)).map((p) => p.id)).toEqual(
      [...CURRENT_DB.stores.papers!].sort((a, b) => (String(b.savedAt) < String(a.savedAt) ? -1 : 1)).map((p) => p.id),
    );
    expect((await db.listTopics(d)).map((t) => t.id)).toEqual(['t-agents', 't-rtl']);
    d.close();
  });
});

describe('JSON backup versions', () => {
  const versions = versionsOf('backup');

  it('has a fixture of every backup version; the current one is exactly what the exporter writes', () => {
    expect(versions).toEqual(Array.from({ length: BACKUP_VERSION }, (_, i) => i + 1));
    expect(read(`backup-v${BACKUP_VERSION}.json`)).toBe(backupFixture());
  });

  it.each(versions)('a version %i backup imports (every migration step run) to the library, every record intact', (version) => {
    const r = parseImport(`backup-v${version}.json`, read(`backup-v${version}.json`), EXPORTED_AT);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(byKey(r.papers as never, 'id')).toEqual(byKey(CURRENT_DB.stores.papers!, 'id'));
    expect(byKey(r.topics as never, 'id')).toEqual(byKey(CURRENT_DB.stores.topics!, 'id'));
    // The seen set arrived in version 2; a version 1 backup migrates to an empty one.
    expect(byKey((r.seen ?? []) as never, 'id')).toEqual(version >= 2 ? byKey(CURRENT_DB.stores.seen!, 'id') : []);
  });
});
