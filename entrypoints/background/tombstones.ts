/**
 * Tombstones of removed papers and deleted topics, for sync: a removal must reach the other
 * devices, and must win over older edits there. Kept in `storage.local` (one key
 * per tombstone), not in IndexedDB: they are sync bookkeeping, not library data, and
 * adding a store would need a schema version. Written after the records are deleted: if the worker
 * stops in between, the removed paper may come back at the next sync (visible, never lost), never
 * the other way round. Tombstones older than 180 days are dropped at each sync.
 */
import { browser } from 'wxt/browser';

/**
 * One small key per tombstone (`papershelf:tomb:p:<id>` / `papershelf:tomb:t:<id>` → removedAt): every
 * storage.local write is broadcast to every tab's storage.onChanged with old and new values, so one
 * big object rewritten on each unsave would push hundreds of kB to every tab after a wipe.
 */
export const TOMB_PREFIX = { papers: 'papershelf:tomb:p:', topics: 'papershelf:tomb:t:' } as const;

export interface Tombstones {
  papers: Record<string, string>;
  topics: Record<string, string>;
}

export async function getTombstones(): Promise<Tombstones> {
  const all = (await browser.storage.local.get(null)) as Record<string, unknown>;
  const out: Tombstones = { papers: {}, topics: {} };
  for (const [key, at] of Object.entries(all)) {
    if (typeof at !== 'string') continue;
    if (key.startsWith(TOMB_PREFIX.papers)) out.papers[key.slice(TOMB_PREFIX.papers.length)] = at;
    else if (key.startsWith(TOMB_PREFIX.topics)) out.topics[key.slice(TOMB_PREFIX.topics.length)] = at;
  }
  return out;
}

let queue: Promise<unknown> = Promise.resolve();

function serial<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn);
  queue = run.catch(() => undefined);
  return run;
}

/** Read-modify-write, serialised; writes only the keys that changed. */
export function patchTombstones(change: (t: Tombstones) => Tombstones): Promise<Tombstones> {
  return serial(async () => {
    const cur = await getTombstones();
    const before = { papers: { ...cur.papers }, topics: { ...cur.topics } };
    const next = change(cur);
    const set: Record<string, string> = {};
    const remove: string[] = [];
    for (const kind of ['papers', 'topics'] as const) {
      for (const [id, at] of Object.entries(next[kind])) if (before[kind][id] !== at) set[TOMB_PREFIX[kind] + id] = at;
      for (const id of Object.keys(before[kind])) if (!(id in next[kind])) remove.push(TOMB_PREFIX[kind] + id);
    }
    if (Object.keys(set).length) await browser.storage.local.set(set);
    if (remove.length) await browser.storage.local.remove(remove);
    return next;
  });
}

export function recordRemoval(kind: 'papers' | 'topics', ids: string[], removedAt: string): Promise<void> {
  if (!ids.length) return Promise.resolve();
  return serial(() => browser.storage.local.set(Object.fromEntries(ids.map((id) => [TOMB_PREFIX[kind] + id, removedAt]))));
}
