/**
 * IndexedDB schema steps. MIGRATIONS[v] upgrades a database from version v to v+1.
 * Never edit a shipped step; append a new one (with a fixture of the old shape and a test).
 */
import type { IDBPDatabase, IDBPTransaction } from 'idb';

type Step = (db: IDBPDatabase<unknown>, tx: IDBPTransaction<unknown, string[], 'versionchange'>) => void;

export const MIGRATIONS: Step[] = [
  // 0 → 1: papers (by id, index savedAt) and topics (by id, index order).
  (db) => {
    const papers = db.createObjectStore('papers', { keyPath: 'id' });
    papers.createIndex('savedAt', 'savedAt');
    const topics = db.createObjectStore('topics', { keyPath: 'id' });
    topics.createIndex('order', 'order');
  },
  // 1 → 2: seen papers (by id, index lastSeenAt for the daily pruning). Papers and topics are untouched.
  (db) => {
    const seen = db.createObjectStore('seen', { keyPath: 'id' });
    seen.createIndex('lastSeenAt', 'lastSeenAt');
  },
  // 2 → 3: recommend (out-of-line keys): the recommendation model's snapshot ("model") and the
  // "Not interested" papers ("negatives"), so a cold worker loads the model instead of rebuilding it.
  (db) => {
    db.createObjectStore('recommend');
  },
];
