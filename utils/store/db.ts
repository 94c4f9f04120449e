/** The IndexedDB layer. Only the background worker calls this. */
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { DB_NAME, STORE_PAPERS, STORE_RECOMMEND, STORE_SEEN, STORE_TOPICS } from './names';
import { MIGRATIONS } from './migrations';
import type { Paper, SeenEntry, Topic } from '../types';

export interface PapershelfDB extends DBSchema {
  papers: { key: string; value: Paper; indexes: { savedAt: string } };
  topics: { key: string; value: Topic; indexes: { order: number } };
  seen: { key: string; value: SeenEntry; indexes: { lastSeenAt: string } };
  /** "model": the recommendation model's snapshot; "negatives": the "Not interested" cards. */
  recommend: { key: string; value: unknown };
}

export type DB = IDBPDatabase<PapershelfDB>;
export const DB_VERSION = MIGRATIONS.length;

/**
 * Wait for a transaction's requests and its end. When it aborts, reject with the transaction's own
 * error (QuotaExceededError, …), not the AbortError its pending requests get first.
 */
async function settle(tx: { error: DOMException | null; done: Promise<void> }, requests: Promise<unknown>[]): Promise<void> {
  try {
    await Promise.all([...requests, tx.done]);
  } catch (err) {
    throw tx.error ?? err;
  }
}

export function openPapershelfDb(name = DB_NAME): Promise<DB> {
  return openDB<PapershelfDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, tx) {
      // Each step moves the schema one version; see utils/store/migrations.ts.
      for (let v = oldVersion; v < DB_VERSION; v++) MIGRATIONS[v]!(db as never, tx as never);
    },
  });
}

/** Papers, newest saved first. */
export async function listPapers(db: DB): Promise<Paper[]> {
  const all = await db.getAllFromIndex(STORE_PAPERS, 'savedAt');
  return all.reverse();
}

/**
 * The newest `limit` papers. Not how many there are in all, unless fewer than `limit` (then
 * `total` is their number, else null): an IndexedDB count walks every record (~25 ms at 10,000).
 */
export async function recentPapers(db: DB, limit: number): Promise<{ total: number | null; papers: Paper[] }> {
  const tx = db.transaction(STORE_PAPERS);
  const papers: Paper[] = [];
  let cursor = await tx.store.index('savedAt').openCursor(null, 'prev');
  while (cursor && papers.length < limit) {
    papers.push(cursor.value);
    cursor = await cursor.continue();
  }
  return { total: papers.length < limit ? papers.length : null, papers };
}

export const getPaper = (db: DB, id: string) => db.get(STORE_PAPERS, id);

export const countPapers = (db: DB) => db.count(STORE_PAPERS);

/** How many papers, counted up to `max` (one request of at most `max` keys, whatever the library's size). */
export const countPapersUpTo = async (db: DB, max: number) => (await db.getAllKeys(STORE_PAPERS, null, max)).length;

/** The keys a store of papers holds among `ids` (requests in the caller's transaction). */
async function savedKeys(store: { getAllKeys(range: IDBKeyRange): Promise<string[]>; getKey(id: string): Promise<string | undefined> }, ids: string[]): Promise<string[]> {
  let keys: Array<string | undefined>;
  if (ids.length > 50) {
    // A page's ids are mostly close together (one month's papers): read the saved ids between the
    // lowest and the highest in one request, instead of one request per card.
    const sorted = [...ids].sort();
    const inRange = new Set(await store.getAllKeys(IDBKeyRange.bound(sorted[0]!, sorted[sorted.length - 1]!)));
    keys = ids.map((id) => (inRange.has(id) ? id : undefined));
  } else keys = await Promise.all(ids.map((id) => store.getKey(id)));
  return keys.filter((k): k is string => k !== undefined);
}

/** Which of `ids` are saved: one read-only transaction, keys only. */
export async function savedAmong(db: DB, ids: string[]): Promise<string[]> {
  const tx = db.transaction(STORE_PAPERS);
  const [saved] = await Promise.all([savedKeys(tx.store, ids), tx.done]);
  return saved;
}

/** What a page's lookup needs, in one read-only transaction: which of `ids` are saved, and the topics in order. */
export async function savedAmongAndTopics(db: DB, ids: string[]): Promise<{ saved: string[]; topics: Topic[] }> {
  const tx = db.transaction([STORE_PAPERS, STORE_TOPICS]);
  const [saved, topics] = await Promise.all([savedKeys(tx.objectStore(STORE_PAPERS), ids), tx.objectStore(STORE_TOPICS).index('order').getAll(), tx.done]);
  return { saved, topics };
}

/** Insert or replace one paper, returning what was stored. */
export async function putPaper(db: DB, paper: Paper): Promise<Paper> {
  const tx = db.transaction(STORE_PAPERS, 'readwrite');
  await settle(tx, [tx.store.put(paper)]);
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
  await settle(tx, next ? [tx.store.put(next)] : []);
  return next ?? cur;
}

/** Create or refresh one paper in one transaction: concurrent saves of one id never clash. */
export async function upsertPaper(db: DB, id: string, make: (existing?: Paper) => Paper): Promise<Paper> {
  const tx = db.transaction(STORE_PAPERS, 'readwrite');
  const next = make(await tx.store.get(id));
  await settle(tx, [tx.store.put(next)]);
  return next;
}

export async function deletePapers(db: DB, ids: string[]): Promise<void> {
  const tx = db.transaction(STORE_PAPERS, 'readwrite');
  await settle(tx, ids.map((id) => tx.store.delete(id)));
}

export async function listTopics(db: DB): Promise<Topic[]> {
  return db.getAllFromIndex(STORE_TOPICS, 'order');
}

export async function putTopic(db: DB, topic: Topic): Promise<void> {
  const tx = db.transaction(STORE_TOPICS, 'readwrite');
  await settle(tx, [tx.store.put(topic)]);
}

export async function deleteTopic(db: DB, id: string): Promise<void> {
  const tx = db.transaction(STORE_TOPICS, 'readwrite');
  await settle(tx, [tx.store.delete(id)]);
}

/** Write many records in ONE transaction: all or nothing. */
export async function putAll(db: DB, papers: Paper[], topics: Topic[]): Promise<void> {
  await writeAll(db.transaction([STORE_PAPERS, STORE_TOPICS], 'readwrite'), papers, topics);
}

type WriteTx = IDBPTransaction<PapershelfDB, ['papers', 'topics'] | ['papers', 'topics', 'seen'], 'readwrite'>;

/**
 * Put records in `tx` and wait for it to commit. Raw requests (no promise per record): thousands
 * of writes, one wait for the transaction. A record IndexedDB refuses throws synchronously: abort,
 * so that nothing before it commits.
 */
async function writeAll(tx: WriteTx, papers: Paper[], topics: Topic[], seen: SeenEntry[] = []): Promise<void> {
  const rawPapers = unwrap(tx.objectStore(STORE_PAPERS));
  const rawTopics = unwrap(tx.objectStore(STORE_TOPICS));
  try {
    for (const paper of papers) rawPapers.put(paper);
    for (const topic of topics) rawTopics.put(topic);
    if (seen.length) {
      const rawSeen = unwrap((tx as IDBPTransaction<PapershelfDB, ['papers', 'topics', 'seen'], 'readwrite'>).objectStore(STORE_SEEN));
      for (const entry of seen) rawSeen.put(entry);
    }
  } catch (err) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw err;
  }
  await settle(tx, []);
}

/** Imported seen entries merged with the stored ones: the earliest first sighting, the latest last one. */
function mergeSeenEntry(cur: SeenEntry | undefined, e: SeenEntry): SeenEntry {
  if (!cur) return e;
  return {
    id: e.id,
    firstSeenAt: cur.firstSeenAt < e.firstSeenAt ? cur.firstSeenAt : e.firstSeenAt,
    lastSeenAt: cur.lastSeenAt > e.lastSeenAt ? cur.lastSeenAt : e.lastSeenAt,
  };
}

/**
 * Read the stored versions of `ids` and all topics, let `plan` decide what to write, and write it,
 * all in ONE read-write transaction: atomic, and no concurrent save can slip in between.
 * Only the records named are read, so importing into a big library does not load all of it.
 */
export async function mergeInto<R extends { papers: Paper[]; topics: Topic[]; seen?: SeenEntry[] }>(
  db: DB,
  ids: string[],
  plan: (papers: Map<string, Paper>, topics: Topic[]) => R,
  write = true,
): Promise<R> {
  const tx = db.transaction([STORE_PAPERS, STORE_TOPICS, STORE_SEEN], 'readwrite');
  const p = tx.objectStore(STORE_PAPERS);
  // Keys first (cheap), then only the records that exist: importing into an empty or small
  // library reads almost nothing.
  const [keys, topics] = await Promise.all([p.getAllKeys(), tx.objectStore(STORE_TOPICS).getAll()]);
  const stored = new Set(keys);
  const found = await Promise.all(ids.filter((id) => stored.has(id)).map((id) => p.get(id)));
  const existing = new Map<string, Paper>();
  for (const paper of found) if (paper) existing.set(paper.id, paper);
  const result = plan(existing, topics);
  if (!write) {
    await tx.done;
    return result;
  }
  // Seen entries (a backup's) merge with the stored ones, in the same transaction.
  const seenStore = tx.objectStore(STORE_SEEN);
  const seen = await Promise.all((result.seen ?? []).map(async (e) => mergeSeenEntry(await seenStore.get(e.id), e)));
  await writeAll(tx, result.papers, result.topics, seen);
  afterSeenWrite(db, (ids) => seen.forEach((e) => ids.add(e.id)));
  return result;
}

// ── seen papers ──────────────────────────────────────────────────────────────────────────────────

/**
 * The seen ids, read once per connection (one keys-only request) and kept in step by every write
 * below: a page's lookup then costs the same with 50,000 seen papers as with none (a key-range read
 * of 1,000 seen ids made it 1.6× slower). Costs one read of all keys per worker start.
 */
const seenIds = new WeakMap<DB, Promise<Set<string>>>();

function seenIdsOf(db: DB): Promise<Set<string>> {
  let ids = seenIds.get(db);
  if (!ids) {
    ids = db.getAllKeys(STORE_SEEN).then((keys) => new Set(keys));
    seenIds.set(db, ids);
    ids.catch(() => seenIds.delete(db));
  }
  return ids;
}

/** After a write committed: `change` the kept set if it is loaded, or drop it (`change` null). */
function afterSeenWrite(db: DB, change: ((ids: Set<string>) => void) | null): void {
  const ids = seenIds.get(db);
  if (!ids) return;
  if (change) void ids.then(change, () => undefined);
  else seenIds.delete(db);
}

/** Which of `ids` were seen. */
export async function seenAmong(db: DB, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const seen = await seenIdsOf(db);
  return ids.filter((id) => seen.has(id));
}

/** Record `ids` as seen at `nowIso` (keeps each one's `firstSeenAt`): one transaction. */
export async function markSeen(db: DB, ids: string[], nowIso: string): Promise<void> {
  if (!ids.length) return;
  const tx = db.transaction(STORE_SEEN, 'readwrite');
  const store = tx.store;
  const requests = ids.map(async (id) => {
    const cur = await store.get(id);
    await store.put({ id, firstSeenAt: cur?.firstSeenAt ?? nowIso, lastSeenAt: nowIso });
  });
  await settle(tx, requests);
  afterSeenWrite(db, (seen) => ids.forEach((id) => seen.add(id)));
}

export const countSeen = (db: DB) => db.count(STORE_SEEN);

export const listSeen = (db: DB): Promise<SeenEntry[]> => db.getAll(STORE_SEEN);

export async function clearSeen(db: DB): Promise<void> {
  const tx = db.transaction(STORE_SEEN, 'readwrite');
  await settle(tx, [tx.store.clear()]);
  seenIds.set(db, Promise.resolve(new Set()));
}

/** Delete the entries last seen before `beforeIso` (index range, one transaction); how many went. */
export async function pruneSeen(db: DB, beforeIso: string): Promise<number> {
  const tx = db.transaction(STORE_SEEN, 'readwrite');
  const index = tx.store.index('lastSeenAt');
  const keys = await index.getAllKeys(IDBKeyRange.upperBound(beforeIso, true));
  await settle(tx, keys.map((k) => tx.store.delete(k)));
  afterSeenWrite(db, (seen) => keys.forEach((k) => seen.delete(k)));
  return keys.length;
}

/** Merge imported seen entries (earliest first sighting, latest last one win): one transaction. */
export async function mergeSeen(db: DB, entries: SeenEntry[]): Promise<void> {
  if (!entries.length) return;
  const tx = db.transaction(STORE_SEEN, 'readwrite');
  const store = tx.store;
  const requests = entries.map(async (e) => {
    const cur = await store.get(e.id);
    await store.put(mergeSeenEntry(cur, e));
  });
  await settle(tx, requests);
  afterSeenWrite(db, (seen) => entries.forEach((e) => seen.add(e.id)));
}

/** Remove everything (library "wipe"). */
export async function clearAll(db: DB): Promise<void> {
  const tx = db.transaction([STORE_PAPERS, STORE_TOPICS, STORE_RECOMMEND], 'readwrite');
  await settle(tx, [tx.objectStore(STORE_PAPERS).clear(), tx.objectStore(STORE_TOPICS).clear(), tx.objectStore(STORE_RECOMMEND).clear()]);
}

/** A record of the recommendation store ("model", "negatives"). */
export const getRecommendRecord = (db: DB, key: string) => db.get(STORE_RECOMMEND, key);

export async function putRecommendRecord(db: DB, key: string, value: unknown): Promise<void> {
  const tx = db.transaction(STORE_RECOMMEND, 'readwrite');
  await settle(tx, [tx.store.put(value, key)]);
}
