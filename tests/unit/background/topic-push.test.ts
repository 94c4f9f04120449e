/**
 * A topic edit is one push that carries the topics: the worker reads the topics store at most once
 * for it (none when it already holds them), however many papers tabs then have their cards matched
 * again, and the push carries what the library page and the menus need.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import { createHandlers } from '../../../entrypoints/background/handlers';
import * as db from '../../../utils/store/db';
import type { Handlers } from '../../../utils/protocol/router';
import { publish, subscribe, type SyncEvent } from '../../../utils/protocol/sync';

let name: string;
let n = 0;
let open: db.DB | undefined;
let handlers: Handlers;
const getDb = async () => (open ??= await db.openPapershelfDb(name));
const ext = { kind: 'extension' as const };
const CARDS = [
  { id: '2506.13000', title: 'Diffusion models for code generation' },
  { id: '2506.13037', title: 'A survey of reinforcement learning from human feedback' },
];

/** Reads of each IndexedDB store, counted at fake-indexeddb's request methods (what idb calls). */
const reads = new Map<string, number>();
const restore: Array<() => void> = [];
function countReads(proto: object, method: string, storeOf: (self: never) => string) {
  const orig = (proto as Record<string, (...a: unknown[]) => unknown>)[method]!;
  (proto as Record<string, unknown>)[method] = function (this: never, ...args: unknown[]) {
    const store = storeOf(this);
    reads.set(store, (reads.get(store) ?? 0) + 1);
    return orig.apply(this, args);
  };
  restore.push(() => void ((proto as Record<string, unknown>)[method] = orig));
}

beforeEach(() => {
  name = `topic-push-${++n}`;
  handlers = createHandlers(getDb, () => new Date('2026-11-25T10:00:00.000Z'), () => undefined);
  for (const m of ['get', 'getAll', 'getAllKeys', 'getKey', 'count', 'openCursor', 'openKeyCursor']) {
    countReads(IDBObjectStore.prototype, m, (s: IDBObjectStore) => s.name);
    countReads(IDBIndex.prototype, m, (i: IDBIndex) => i.objectStore.name);
  }
});
afterEach(async () => {
  for (const r of restore.splice(0)) r();
  open?.close();
  open = undefined;
  await deleteDB(name);
});

/**
 * What the receivers of a push do, as the real ones: every papers tab sends its cards to be
 * matched again (watcher.ts `rematch`); the library page takes the pushed topics (useLibrary,
 * useTopics) and the worker rebuilds its menus from them (index.ts): neither asks for anything.
 */
function receivers(tabs: number) {
  const events: SyncEvent[] = [];
  const work: Promise<unknown>[] = [];
  const stop = subscribe((e) => {
    events.push(e);
    if (e.topics) for (let t = 0; t < tabs; t++) work.push(handlers.match({ cards: CARDS }, { kind: 'content', tabId: 100 + t }));
  });
  return { events, settle: async () => (await new Promise((r) => setTimeout(r, 0)), await Promise.all(work)), stop };
}

const topic = (include: string[], id?: string) => ({ topic: { id, name: 'RL', color: '#1d4ed8', include, exclude: [], enabled: true } });

describe('a topic edit: one push, and no re-read of the topics', () => {
  it.each([0, 1, 5])('with %i open papers tabs: no topics read when the worker holds them (was 2 + N)', async (tabs) => {
    const saved = await handlers.saveTopic(topic(['diffusion']), ext);
    await handlers.lookup({ ids: [] }, { kind: 'content', tabId: 1 });
    // The page's first match: the worker then also holds the recommendation model (built from the papers once).
    await handlers.match({ cards: CARDS }, { kind: 'content', tabId: 1 });
    const r = receivers(tabs);
    reads.clear();
    await handlers.saveTopic(topic(['RLHF', 'reinforcement learning'], saved.id), ext);
    await r.settle();
    r.stop();
    expect(reads.get('topics') ?? 0).toBe(0);
    expect(reads.get('papers') ?? 0).toBe(0); // nothing reloads the papers
    expect(r.events).toHaveLength(1);
    expect(r.events[0]!.topics).toEqual([expect.objectContaining({ id: saved.id, include: ['RLHF', 'reinforcement learning'] })]);
    expect(r.events[0]!.library).toBeUndefined();
  });

  it('reads the topics once after the worker started (or its connection was reopened), then never', async () => {
    await db.putTopic(await getDb(), { id: 't1', name: 'RL', color: '#1d4ed8', include: ['RLHF'], exclude: [], enabled: true, order: 0, updatedAt: '2026-01-01T00:00:00.000Z' });
    const r = receivers(3);
    reads.clear();
    await handlers.saveTopic(topic(['RLHF', 'reward model'], 't1'), ext);
    await handlers.saveTopic({ topic: { name: 'Diffusion', color: '#0f766e', include: ['diffusion'], exclude: [], enabled: true } }, ext);
    await handlers.reorderTopics({ ids: ['t1'] }, ext);
    await r.settle();
    expect(reads.get('topics')).toBe(1);
    // The answers come from the topics held, which are the stored ones.
    const stored = await db.listTopics(await getDb());
    expect(await handlers.topics(null, ext)).toEqual(stored);
    expect(r.events.at(-1)!.topics).toEqual(stored);
    const res = await handlers.match({ cards: CARDS }, { kind: 'content', tabId: 9 });
    expect(Object.keys(res.matches)).toEqual(['2506.13000']);
    expect(res.topics.map((t) => t.name)).toEqual(['RL', 'Diffusion']);
    r.stop();
  });

  it('keeps the held topics in step with deletes, imports and wipes', async () => {
    const a = await handlers.saveTopic(topic(['RLHF']), ext);
    const b = await handlers.saveTopic({ topic: { name: 'Diffusion', color: '#0f766e', include: ['diffusion'], exclude: [], enabled: true } }, ext);
    await handlers.deleteTopic({ id: a.id }, ext);
    expect((await handlers.topics(null, ext)).map((t) => t.id)).toEqual([b.id]);
    await handlers.importRecords({ papers: [], topics: [{ id: 'imp', name: 'Imported', color: '#be123c', include: ['survey'], exclude: [], enabled: true, order: 5 }], dryRun: false }, ext);
    expect(await handlers.topics(null, ext)).toEqual(await db.listTopics(await getDb()));
    expect((await handlers.match({ cards: CARDS }, { kind: 'content', tabId: 3 })).topics.map((t) => t.name)).toEqual(['Diffusion', 'Imported']);
    await handlers.wipe(null, ext);
    expect(await handlers.topics(null, ext)).toEqual([]);
    expect((await handlers.match({ cards: CARDS }, { kind: 'content', tabId: 3 })).matches).toEqual({});
  });

  it('reads them again from a reopened connection (database deleted under the worker)', async () => {
    await handlers.saveTopic(topic(['RLHF']), ext);
    open!.close();
    open = undefined;
    await deleteDB(name);
    expect(await handlers.topics(null, ext)).toEqual([]);
  });
});

describe('topics written by another writer in the worker (storage.sync mirror, Hub sync)', () => {
  it('their push replaces the topics the worker holds, so the next match uses them without a read', async () => {
    await handlers.saveTopic(topic(['diffusion']), ext);
    const before = await handlers.match({ cards: CARDS }, { kind: 'content', tabId: 1 });
    expect(Object.keys(before.matches)).toEqual(['2506.13000']);
    // What sync-mirror.ts / hub-sync.ts do: write the store, then publish the list with fromSync.
    const d = await getDb();
    const remote = { id: 't-remote', name: 'Feedback', color: '#1d4ed8', include: ['human feedback'], exclude: [], enabled: true, order: 0, updatedAt: '2026-11-26T00:00:00.000Z' };
    await db.putAll(d, [], [remote]);
    await publish({ topics: await db.listTopics(d), fromSync: true });
    reads.clear();
    const after = await handlers.match({ cards: CARDS }, { kind: 'content', tabId: 1 });
    expect(Object.keys(after.matches).sort()).toEqual(['2506.13000', '2506.13037']);
    expect(after.matches['2506.13037']!.map((m) => m.name)).toEqual(['Feedback']);
    expect(reads.get('topics') ?? 0).toBe(0);
  });
});
