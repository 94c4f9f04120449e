/**
 * The worker's recommendation model (utils/recommend): loaded from its snapshot in IndexedDB
 * (store `recommend`, key "model") on first use, updated in place on every save, removal, re-tag
 * and small import, rebuilt from the library after a big import, and written back a moment after
 * the last change. A change first marks the snapshot stale (storage.local), and the mark is cleared
 * only once a snapshot with that change is written: a worker stopped in between rebuilds the model
 * from the library on its next start instead of trusting an old snapshot.
 */
import { browser } from 'wxt/browser';
import * as db from '@/utils/store/db';
import type { DB } from '@/utils/store/db';
import type { MatchCard } from '@/utils/protocol/messages';
import { Recommender, type RecCard, type RecPaper } from '@/utils/recommend';
import type { SyncEvent } from '@/utils/protocol/sync';
import type { Paper } from '@/utils/types';

export const STALE_KEY = 'papershelf:recommend-stale';
/** Imports of more papers than this rebuild the model (in the background) instead of updating it. */
export const BIG_IMPORT = 200;
/** "Not interested" papers kept (the oldest go first). */
const MAX_NEGATIVES = 2000;

export const recPaper = (p: Paper): RecPaper => ({ id: p.id, title: p.title, summary: p.summary, aiKeywords: p.aiKeywords, tags: p.tags });

const negativesIn = (v: unknown): RecCard[] =>
  Array.isArray(v) ? v.filter((c): c is RecCard => typeof c?.id === 'string' && typeof c?.title === 'string') : [];

export interface RecommendModel {
  /** The model, loaded (or rebuilt) on first use; after every change queued before. */
  get(): Promise<Recommender>;
  /** Papers in the model last loaded or changed (it mirrors the library); undefined before the first load. */
  loadedSize(): number | undefined;
  /** Call before a write to the library: the snapshot is stale until the change is persisted. */
  willChange(): Promise<void>;
  upsert(papers: Paper[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  /** After an import: small ones update the model, big ones rebuild it in the background. */
  imported(papers: Paper[]): Promise<void>;
  /** Marks the snapshot stale itself: calls are applied in the order they were made (with `forgetNotInterested`). */
  notInterested(card: MatchCard): Promise<void>;
  /** Undo "Not interested" for these papers (the chip's Undo, the library's list). */
  forgetNotInterested(ids: string[]): Promise<void>;
  /** The "Not interested" papers, the latest first. */
  notInterestedList(): Promise<Array<{ id: string; title: string }>>;
  /**
   * Papers changed outside the handlers (details fetched, Hub sync, storage events): read them again
   * from the library (one no longer there leaves the model). Reading a paper again is idempotent; the
   * handlers' own changes are published `modelled` and not read again (`onLibraryChange`).
   */
  reread(ids: string[]): Promise<void>;
  /** Many papers changed outside the handlers (a big Hub sync): rebuild from the library. */
  rebuild(): Promise<void>;
  wiped(): Promise<void>;
  /** Write the snapshot now (tests; otherwise it is written `delay` ms after the last change). */
  flush(): Promise<void>;
  /** How the current model was obtained (tests and the bench): 'snapshot' or 'rebuilt'. */
  origin(): Promise<'snapshot' | 'rebuilt'>;
}

/**
 * What the worker's model does on each change published in process: papers changed outside the
 * handlers (details fetched, Hub sync) are read again, queued as the change is published, so a
 * tab's next match sees them; a big sync rebuilds. The handlers' own changes (`modelled`) are
 * already in the model: not read again.
 */
export function onLibraryChange(rec: Pick<RecommendModel, 'reread' | 'rebuild'>): (e: SyncEvent) => void {
  return (e) => {
    if (e.library && e.fromSync) void rec.rebuild().catch(() => undefined);
    else if ((e.papers || e.saved) && !e.modelled) void rec.reread([...new Set([...(e.papers ?? []).map((p) => p.id), ...Object.keys(e.saved ?? {})])]).catch(() => undefined);
  };
}

/** `delay`: ms after the last change before the snapshot is written; null: only on `flush()`. */
export function recommendModel(getDb: () => Promise<DB>, delay: number | null = 1000): RecommendModel {
  let model: Promise<Recommender> | undefined;
  let source: 'snapshot' | 'rebuilt' = 'rebuilt';
  /** Bumped by every change announced; a snapshot clears the stale mark only if none came since. */
  let generation = 0;
  let markedStale = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Edits of the stored "Not interested" list and the model, one after another in the order they
   * were asked (each reads and writes the whole list; "Not interested" then Undo must stay in order).
   */
  let negativesQueue: Promise<unknown> = Promise.resolve();
  function editNegatives(fn: (list: RecCard[]) => RecCard[], apply: (m: Recommender) => void): Promise<void> {
    const run = async () => {
      await willChange();
      const d = await getDb();
      await db.putRecommendRecord(d, 'negatives', fn(negativesIn(await db.getRecommendRecord(d, 'negatives'))));
      await change(apply);
    };
    const next = negativesQueue.then(run, run);
    negativesQueue = next.catch(() => undefined);
    return next;
  }

  async function rebuild(): Promise<Recommender> {
    const d = await getDb();
    const [papers, negatives] = await Promise.all([db.listPapers(d), db.getRecommendRecord(d, 'negatives')]);
    source = 'rebuilt';
    const m = Recommender.build(papers.map(recPaper), negativesIn(negatives));
    schedule();
    return m;
  }

  async function load(): Promise<Recommender> {
    const stale = (await browser.storage.local.get(STALE_KEY))[STALE_KEY] === true;
    markedStale = stale;
    if (!stale) {
      const m = Recommender.deserialise(await db.getRecommendRecord(await getDb(), 'model'));
      if (m) {
        source = 'snapshot';
        return m;
      }
    }
    return rebuild();
  }

  let last: Recommender | undefined;
  const kept = (m: Recommender) => (last = m);
  const get = () => (model ??= load().then(kept, (err) => {
    model = undefined; // try again on the next use
    throw err;
  }));

  /** Apply a change to the model after everything queued before it. */
  function change(fn: (m: Recommender) => void | Promise<Recommender>): Promise<void> {
    const next = get().then(async (m) => kept((await fn(m)) ?? m));
    model = next;
    schedule();
    return next.then(() => undefined);
  }

  function schedule() {
    clearTimeout(timer);
    if (delay === null) return;
    timer = setTimeout(() => void persist().catch((err) => console.warn('[Papershelf] recommendations not saved:', err)), delay);
  }

  async function persist(): Promise<void> {
    clearTimeout(timer);
    if (!model) return;
    const at = generation;
    const m = await model;
    await db.putRecommendRecord(await getDb(), 'model', m.serialise());
    if (at === generation && markedStale) {
      markedStale = false;
      await browser.storage.local.remove(STALE_KEY);
    }
  }

  async function willChange() {
    generation++;
    if (markedStale) return;
    markedStale = true;
    await browser.storage.local.set({ [STALE_KEY]: true });
  }

  return {
    get,
    loadedSize: () => last?.size,
    willChange,
    upsert: (papers) => change((m) => papers.forEach((p) => m.upsert(recPaper(p)))),
    remove: (ids) => change((m) => ids.forEach((id) => m.remove(id))),
    imported: (papers) => (papers.length > BIG_IMPORT ? change(() => rebuild()) : change((m) => papers.forEach((p) => m.upsert(recPaper(p))))),
    notInterested(card) {
      const { id, title, abstract, keywords } = card;
      return editNegatives(
        (list) => [...list.filter((c) => c.id !== id), { id, title, abstract, keywords }].slice(-MAX_NEGATIVES),
        (m) => m.notInterested(card),
      );
    },
    forgetNotInterested(ids) {
      const gone = new Set(ids);
      return editNegatives(
        (list) => list.filter((c) => !gone.has(c.id)),
        (m) => ids.forEach((id) => m.forgetNegative(id)),
      );
    },
    async notInterestedList() {
      await negativesQueue;
      const list = negativesIn(await db.getRecommendRecord(await getDb(), 'negatives'));
      return list.reverse().map(({ id, title }) => ({ id, title }));
    },
    wiped: () => change((m) => m.clear()),
    async reread(ids) {
      if (!ids.length) return;
      await willChange();
      await change(async (m) => {
        const d = await getDb();
        const papers = await Promise.all(ids.map((id) => db.getPaper(d, id)));
        ids.forEach((id, i) => {
          const p = papers[i];
          if (p) m.upsert(recPaper(p));
          else m.remove(id);
        });
        return m;
      });
    },
    async rebuild() {
      await willChange();
      await change(() => rebuild());
    },
    flush: persist,
    async origin() {
      await get();
      return source;
    },
  };
}
