/**
 * Tombstones of removed papers and deleted topics, for sync: a removal must reach the other
 * devices, and must win over older edits there. Kept in `storage.local` (key
 * `papershelf:tombstones`), not in IndexedDB: they are sync bookkeeping, not library data, and
 * adding a store would need a schema version. Written after the records are deleted: if the worker
 * stops in between, the removed paper may come back at the next sync (visible, never lost), never
 * the other way round. Tombstones older than 180 days are dropped at each sync.
 */
import { browser } from 'wxt/browser';

export const TOMBSTONES_KEY = 'papershelf:tombstones';

export interface Tombstones {
  papers: Record<string, string>;
  topics: Record<string, string>;
}

export async function getTombstones(): Promise<Tombstones> {
  const got = (await browser.storage.local.get(TOMBSTONES_KEY))[TOMBSTONES_KEY] as Partial<Tombstones> | undefined;
  return { papers: { ...got?.papers }, topics: { ...got?.topics } };
}

let queue: Promise<unknown> = Promise.resolve();

/** Read-modify-write, serialised so concurrent removals never lose a tombstone. */
export function patchTombstones(change: (t: Tombstones) => Tombstones): Promise<Tombstones> {
  const run = queue.then(async () => {
    const next = change(await getTombstones());
    await browser.storage.local.set({ [TOMBSTONES_KEY]: next });
    return next;
  });
  queue = run.catch(() => undefined);
  return run;
}

export function recordRemoval(kind: 'papers' | 'topics', ids: string[], removedAt: string): Promise<Tombstones> {
  return patchTombstones((t) => {
    for (const id of ids) t[kind][id] = removedAt;
    return t;
  });
}
