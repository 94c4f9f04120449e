/**
 * Recommendations in the worker: the model follows saves, removals, re-tags, imports and wipes
 * through the real handlers; rides on `match`; "Not interested"; the settings; and persistence
 * (a cold worker loads the snapshot, a stale one is rebuilt from the library).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { BIG_IMPORT, onLibraryChange, recPaper, recommendModel, STALE_KEY, type RecommendModel } from '../../../entrypoints/background/recommend';
import * as db from '../../../utils/store/db';
import { Recommender } from '../../../utils/recommend';
import type { Handlers } from '../../../utils/protocol/router';
import { onPublish, subscribe, type SyncEvent } from '../../../utils/protocol/sync';
import { CARDS, card, SUBJECTS } from '../recommend/corpus';

let name: string;
let n = 0;
let open: db.DB | undefined;
let handlers: Handlers;
let rec: RecommendModel;
const getDb = async () => (open ??= await db.openPapershelfDb(name));
const ext = { kind: 'extension' as const };
const content = { kind: 'content' as const, tabId: 7 };
const NOW = new Date('2026-12-06T10:00:00.000Z');

beforeEach(() => {
  name = `recommend-${++n}`;
  rec = recommendModel(getDb, null);
  handlers = createHandlers(getDb, () => NOW, () => undefined, undefined, undefined, rec);
});
afterEach(async () => {
  open?.close();
  open = undefined;
  await deleteDB(name);
});

const save = (id: string) => {
  const c = card(id);
  return handlers.save({ card: { id: c.id, title: c.title, abstract: c.abstract, aiKeywords: c.keywords } }, content).then((r) => r.paper);
};
const page = CARDS.map((c) => ({ id: c.id, title: c.title, abstract: c.abstract, keywords: c.keywords }));

/** The model equals a full rebuild from the stored library (negatives aside). */
async function modelMatchesLibrary() {
  const papers = await db.listPapers(await getDb());
  const model = (await rec.get()).canonical() as { docs: unknown; library: unknown; tags: unknown; df: unknown };
  const rebuilt = Recommender.build(papers.map(recPaper)).canonical() as typeof model;
  expect({ docs: model.docs, library: model.library, tags: model.tags, df: model.df }).toEqual({ docs: rebuilt.docs, library: rebuilt.library, tags: rebuilt.tags, df: rebuilt.df });
}

describe('recommendations in the worker', () => {
  it('off by default below 10 saved papers, on from 10; the settings switch them and cap the count', async () => {
    expect((await handlers.lookup({ ids: [] }, content)).recommend).toBe(false);
    expect((await handlers.match({ cards: page }, content)).recommended).toEqual([]);
    const ten = [...SUBJECTS.retrieval.saved, ...CARDS.slice(45, 51).map((c) => c.id)];
    for (const id of ten) await save(id);
    expect((await handlers.lookup({ ids: [] }, content)).recommend).toBe(true);
    expect((await handlers.match({ cards: page }, content)).recommended.length).toBeGreaterThan(0);
    await handlers.setRecommend({ enabled: false }, ext);
    expect((await handlers.lookup({ ids: [] }, content)).recommend).toBe(false);
    expect((await handlers.match({ cards: page }, content)).recommended).toEqual([]);
    await handlers.setRecommend({ enabled: true, max: 1 }, ext);
    expect((await handlers.match({ cards: page }, content)).recommended).toHaveLength(1);
    await expect(handlers.setRecommend({ max: 0 }, ext)).rejects.toThrow(/1 to 50/);
  });

  it('match: a library of retrieval papers recommends the retrieval papers of the page, with reasons', async () => {
    await handlers.setRecommend({ enabled: true, max: 50 }, ext);
    for (const id of SUBJECTS.retrieval.saved) await save(id);
    const { recommended } = await handlers.match({ cards: page }, content);
    expect(recommended.map((r) => r.id).sort()).toEqual([...SUBJECTS.retrieval.related].sort());
    for (const r of recommended) expect(r.reason).toMatch(/^[\p{L}\p{N}]+(, [\p{L}\p{N}]+)* — like “.+”$/u);
  });

  it('follows saves, unsaves, removals, re-tags and small imports exactly; a big import rebuilds', async () => {
    for (const c of CARDS.slice(0, 12)) await save(c.id);
    await handlers.unsave({ id: CARDS[3]!.id }, content);
    await handlers.remove({ ids: [CARDS[4]!.id, CARDS[5]!.id] }, ext);
    await handlers.update({ ids: CARDS.slice(6, 12).map((c) => c.id), patch: { addTags: ['ir'] } }, ext);
    await modelMatchesLibrary();
    const extra = CARDS.slice(20, 23).map((c) => ({ ...(recPaperLike(c.id)), savedAt: NOW.toISOString(), updatedAt: NOW.toISOString() }));
    await handlers.importRecords({ papers: extra, topics: [], dryRun: false }, ext);
    await modelMatchesLibrary();
    const many = Array.from({ length: BIG_IMPORT + 1 }, (_, i) => ({ ...recPaperLike(`2601.${String(10000 + i)}`), savedAt: NOW.toISOString(), updatedAt: NOW.toISOString() }));
    await handlers.importRecords({ papers: many, topics: [], dryRun: false }, ext);
    await modelMatchesLibrary();
    expect((await rec.get()).size).toBe(12 - 3 + 3 + BIG_IMPORT + 1);
    await handlers.wipe(null, ext);
    expect((await rec.get()).size).toBe(0);
  });

  it('papers written elsewhere (Hub sync, details fetched) are read again; a big change rebuilds', async () => {
    for (const c of CARDS.slice(0, 4)) await save(c.id);
    await rec.get();
    const d = await getDb();
    // Details arrive for one, another comes from the Hub, a third is removed by the Hub.
    const withDetails = { ...(await db.getPaper(d, CARDS[0]!.id))!, summary: 'Reinforcement learning from human feedback.', aiKeywords: ['RLHF'] };
    const fromHub = { ...recPaperLike(CARDS[10]!.id), savedAt: NOW.toISOString(), updatedAt: NOW.toISOString() };
    await db.putAll(d, [withDetails, fromHub], []);
    await db.deletePapers(d, [CARDS[1]!.id]);
    await rec.reread([CARDS[0]!.id, CARDS[10]!.id, CARDS[1]!.id]);
    await modelMatchesLibrary();
    expect((await fakeBrowser.storage.local.get(STALE_KEY))[STALE_KEY]).toBe(true); // stale until the snapshot has it
    await db.putAll(d, CARDS.slice(20, 30).map((c) => ({ ...recPaperLike(c.id), savedAt: NOW.toISOString(), updatedAt: NOW.toISOString() })), []);
    await rec.rebuild();
    await modelMatchesLibrary();
    expect((await rec.get()).size).toBe(4 - 1 + 1 + 10);
  });

  it("the handlers' own saves, unsaves, removals and edits are published as already modelled; only others' changes are read again", async () => {
    const heard: SyncEvent[] = [];
    const stop = onPublish((e) => heard.push(e));
    const reread = vi.spyOn(rec, 'reread');
    await save(CARDS[0]!.id);
    await save(CARDS[1]!.id);
    await handlers.unsave({ id: CARDS[0]!.id }, content);
    await handlers.update({ ids: [CARDS[1]!.id], patch: { addTags: ['ir'] } }, ext);
    await handlers.update({ ids: [CARDS[1]!.id], patch: { note: 'read §4' } }, ext);
    await handlers.remove({ ids: [CARDS[1]!.id] }, ext);
    stop();
    expect(heard.map((e) => [Boolean(e.saved || e.papers), e.modelled])).toEqual(Array(6).fill([true, true]));
    expect(reread).not.toHaveBeenCalled();
    await modelMatchesLibrary();
    // The worker's listener: modelled events are skipped, the others read again (a big sync rebuilds).
    const model = { reread: vi.fn(async () => undefined), rebuild: vi.fn(async () => undefined) };
    const listen = onLibraryChange(model);
    for (const e of heard) listen(e);
    expect(model.reread).not.toHaveBeenCalled();
    const p = heard[0]!.papers![0]!;
    listen({ seq: 1, papers: [p], saved: { [p.id]: true, x1: false } }); // details fetched, or the Hub
    listen({ seq: 2, saved: { y: false }, fromSync: true });
    listen({ seq: 3, library: true, fromSync: true });
    listen({ seq: 4, library: true }); // an import: the handler applied it
    expect(model.reread.mock.calls).toEqual([[[p.id, 'x1']], [['y']]]);
    expect(model.rebuild).toHaveBeenCalledTimes(1);
  });

  it('setRecommend tells open tabs to match again, with whether recommendations are on', async () => {
    const events: unknown[] = [];
    const stop = subscribe((e) => events.push(e.recommend));
    await handlers.setRecommend({ enabled: true }, ext);
    await handlers.setRecommend({ max: 3 }, ext);
    await handlers.setRecommend({ enabled: false }, ext);
    await vi.waitFor(() => expect(events).toEqual([true, true, false]));
    stop();
  });

  it('"Not interested" (a content script may send it): never recommended again, and kept through a rebuild', async () => {
    await handlers.setRecommend({ enabled: true, max: 50 }, ext);
    for (const id of SUBJECTS.retrieval.saved) await save(id);
    const target = SUBJECTS.retrieval.related[0]!;
    const c = card(target);
    await handlers.notInterested({ card: { id: c.id, title: c.title, abstract: c.abstract } }, content);
    expect((await handlers.match({ cards: page }, content)).recommended.map((r) => r.id)).not.toContain(target);
    // A cold worker whose snapshot is stale rebuilds from the library and the stored negatives.
    await fakeBrowser.storage.local.set({ [STALE_KEY]: true });
    const cold = recommendModel(getDb, null);
    expect(await cold.origin()).toBe('rebuilt');
    expect((await cold.get()).isNegative(target)).toBe(true);
    await expect(handlers.notInterested({ card: { id: 'not an id', title: 'x' } }, content)).rejects.toThrow(/Expected a paper card/);
  });

  it('"Not interested" undone (chip or library): recommended again, off the stored list, also after a rebuild; the library lists the rest, latest first', async () => {
    await handlers.setRecommend({ enabled: true, max: 50 }, ext);
    for (const id of SUBJECTS.retrieval.saved) await save(id);
    const [a, b] = SUBJECTS.retrieval.related as unknown as [string, string];
    const cardOf = (id: string) => ({ id, title: card(id).title, abstract: card(id).abstract });
    const before = (await handlers.match({ cards: page }, content)).recommended.map((r) => r.id);
    expect(before).toContain(a);
    // Both at once, then the first undone from the page at once (the edits of the stored list queue up).
    await Promise.all([handlers.notInterested({ card: cardOf(a) }, content), handlers.notInterested({ card: cardOf(b) }, content)]);
    expect(await handlers.notInterestedList(null, ext)).toEqual([b, a].map((id) => ({ id, title: card(id).title })));
    await handlers.forgetNotInterested({ ids: [a] }, content);
    expect(await handlers.notInterestedList(null, ext)).toEqual([{ id: b, title: card(b).title }]);
    // "Not interested" and its Undo sent at once are applied in that order.
    const [x, y] = [handlers.notInterested({ card: cardOf(a) }, content), handlers.forgetNotInterested({ ids: [a] }, content)];
    await Promise.all([x, y]);
    expect(await handlers.notInterestedList(null, ext)).toEqual([{ id: b, title: card(b).title }]);
    expect((await rec.get()).isNegative(a)).toBe(false);
    // a is a card like any other again (b, a negative, lowers the retrieval papers below the threshold: all scores shown).
    const scored = (await rec.get()).recommend(page, 60, -Infinity).map((r) => r.id);
    expect(scored).toContain(a);
    expect(scored).not.toContain(b);
    // A rebuild reads the stored list: still only b.
    await fakeBrowser.storage.local.set({ [STALE_KEY]: true });
    const cold = recommendModel(getDb, null);
    expect(await cold.origin()).toBe('rebuilt');
    expect([(await cold.get()).isNegative(a), (await cold.get()).isNegative(b)]).toEqual([false, true]);
    // From the library: the rest.
    await handlers.forgetNotInterested({ ids: [b, 'nothing-here'] }, ext);
    expect(await handlers.notInterestedList(null, ext)).toEqual([]);
    expect((await handlers.match({ cards: page }, content)).recommended.map((r) => r.id).sort()).toEqual([...before].sort());
    await expect(handlers.forgetNotInterested({ ids: 'x' as unknown as string[] }, content)).rejects.toThrow(/list of paper ids/);
  });

  it('persisted: a cold worker loads the snapshot (no rebuild) and recommends the same; a stale mark forces a rebuild', async () => {
    await handlers.setRecommend({ enabled: true, max: 50 }, ext);
    for (const id of SUBJECTS.retrieval.saved) await save(id);
    await handlers.notInterested({ card: { id: '2506.14850', title: card('2506.14850').title, abstract: card('2506.14850').abstract } }, content);
    await rec.flush();
    expect((await fakeBrowser.storage.local.get(STALE_KEY))[STALE_KEY]).toBeUndefined();
    const cold = recommendModel(getDb, null);
    expect(await cold.origin()).toBe('snapshot');
    expect((await cold.get()).canonical()).toEqual((await rec.get()).canonical());
    expect((await cold.get()).recommend(page, 50).map((r) => r.id)).toEqual((await rec.get()).recommend(page, 50).map((r) => r.id));
    // A save marks the snapshot stale before it writes; until the snapshot is written again a cold worker rebuilds.
    await save('2506.13370');
    expect((await fakeBrowser.storage.local.get(STALE_KEY))[STALE_KEY]).toBe(true);
    const stale = recommendModel(getDb, null);
    expect(await stale.origin()).toBe('rebuilt');
    expect((await stale.get()).has('2506.13370')).toBe(true);
  });
});

function recPaperLike(id: string) {
  const c = CARDS.find((x) => x.id === id) ?? { id, title: `Paper ${id}`, abstract: 'Dense retrieval for code search.', keywords: [] };
  return { id, title: c.title, authors: [], summary: c.abstract, aiKeywords: c.keywords, url: `https://huggingface.co/papers/${id}`, tags: [], note: '', read: false };
}
