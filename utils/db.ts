/** The IndexedDB layer. Only the background worker calls this. */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { DB_NAME, STORE_PAPERS, STORE_TOPICS } from './hooks';
import { MIGRATIONS } from './db-migrations';
import type { Paper, Topic } from './types';

export interface PapershelfDB extends DBSchema {
  papers: { key: string; value: Paper; indexes: { savedAt: string } };
  topics: { key: string; value: Topic; indexes: { order: number } };
}

export type DB = IDBPDatabase<PapershelfDB>;
export const DB_VERSION = MIGRATIONS.length;

export function openPapershelfDb(name = DB_NAME): Promise<DB> {
  return openDB<PapershelfDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // Each step moves the schema one version; see utils/db-migrations.ts.
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]!(db as never, tx as never);
    },
  });
}

/** Papers, newest saved first. */
export async function listPapers(db: DB): Promise<Paper[]> {
  const all = await db.getAllFromIndex(STORE_PAPERS, 'savedAt');
  return all.reverse();
}

export const getPaper = (db: DB, id: string) => db.get(STORE_PAPERS, id);

/** Which of `ids` are saved: one read-only transaction, keys only. */
export async function savedAmong(db: DB, ids: string[]): Promise<string[]> {
  const tx = db.transaction(STORE_PAPERS);
  const keys = await Promise.all(ids.map((id) => tx.store.getKey(id)));
  await tx.done;
  return keys.filter((k): k is string => k !== undefined);
}

/** Insert or replace one paper, returning what was stored. */
export async function putPaper(db: DB, paper: Paper): Promise<Paper> {
  await db.put(STORE_PAPERS, paper);
  return paper;
}

/** Apply `change` to a stored paper inside one transaction (read-modify-write). */
export async function updatePaper(
  db: DB,
  id: string,
  change: (p: Paper) => Paper | undefined,
): Promise<Paper | undefined> {
  const tx = db.transaction(STORE_PAPERS, 'readwrite');
  const cur = await tx.store.get(id);
  const next = cur && change(cur);
  if (next) await tx.store.put(next);
  await tx.done;
  return next ?? cur;
}

/** Create or refresh one paper in one transaction: concurrent saves of one id never clash. */
export async function upsertPaper(db: DB, id: string, make: (existing?: Paper) => Paper): Promise<Paper> {
  const tx = db.transaction(STORE_PAPERS, 'readwrite');
  const next = make(await tx.store.get(id));
  await Promise.all([tx.store.put(next), tx.done]);
  return next;
}

export async function deletePapers(db: DB, ids: string[]): Promise<void> {
  const tx = db.transaction(STORE_PAPERS, 'readwrite');
  await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
}

export async function listTopics(db: DB): Promise<Topic[]> {
  return db.getAllFromIndex(STORE_TOPICS, 'order');
}

export const putTopic = (db: DB, topic: Topic) => db.put(STORE_TOPICS, topic);
export const deleteTopic = (db: DB, id: string) => db.delete(STORE_TOPICS, id);

/** Write many records in ONE transaction: all or nothing. */
export async function putAll(db: DB, papers: Paper[], topics: Topic[]): Promise<void> {
  const tx = db.transaction([STORE_PAPERS, STORE_TOPICS], 'readwrite');
  const p = tx.objectStore(STORE_PAPERS);
  const t = tx.objectStore(STORE_TOPICS);
  const writes: Promise<unknown>[] = [];
  try {
    // A record IndexedDB refuses throws synchronously: abort so nothing before it commits.
    for (const paper of papers) writes.push(p.put(paper));
    for (const topic of topics) writes.push(t.put(topic));
  } catch (err) {
    tx.abort();
    await Promise.allSettled([...writes, tx.done]);
    throw err;
  }
  await Promise.all([...writes, tx.done]);
}

/** Remove everything (library "wipe"). */
export async function clearAll(db: DB): Promise<void> {
  const tx = db.transaction([STORE_PAPERS, STORE_TOPICS], 'readwrite');
  await Promise.all([tx.objectStore(STORE_PAPERS).clear(), tx.objectStore(STORE_TOPICS).clear(), tx.done]);
}
