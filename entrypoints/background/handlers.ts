/** One handler per message of the protocol. */
import * as db from '@/utils/store/db';
import { DEFAULT_TOPIC_COLOR, isTopicColor } from '@/utils/fields';
import type { DB } from '@/utils/store/db';
import { planMerge } from '@/utils/import/merge';
import { sourceOfUrl } from '@/utils/detection/arxiv';
import { scanIds, tokenize } from '@/utils/library/search';
import { RECOMMEND_FROM, type CardMatch, type MatchCard, type Protocol, type RecommendedCard, type TopicBrief } from '@/utils/protocol/messages';
import { paperFromCard } from '@/utils/store/paper-record';
import type { Handlers } from '@/utils/protocol/router';
import { onPublish, publish, readSeq, type SyncEvent } from '@/utils/protocol/sync';
import { compilePrepared, matchableTopics, matchTopics, plainMatch, prepareTopics, type CompiledTopics, type PreparedTopic } from '@/utils/topics';
import type { Paper, Topic } from '@/utils/types';
import { setBadge } from './badge';
import { checked } from './input';
import { enrichSoon } from './enrich';
import { recommendModel, type RecommendModel } from './recommend';
import { getSettings, patchSettings } from './settings';
import { Daily } from './daily';
import { getTombstones, patchTombstones, recordRemoval } from './tombstones';
import { createHubSync } from './hub-sync';

const brief = ({ id, name, color }: PreparedTopic): TopicBrief => ({ id, name, color });

const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

/** Topics in store order (the `order` index: by order, then id). */
const inOrder = (topics: Topic[]) => [...topics].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** The topics as the worker holds them between messages: read once, then kept by its own writes. */
interface TopicState {
  /** The connection they were read from: a new one (reopened, database deleted) reads them again. */
  db: DB;
  list: Topic[];
  /** Prepared and compiled when first needed (a lookup needs neither). */
  prepared?: PreparedTopic[];
  compiled?: CompiledTopics;
}

function newTopicId(): string {
  return `t-${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}`;
}

/** Imported records that have a tombstone (with `bump`: their `updatedAt` set to now, in place); returns their ids. */
async function reviveRemoved(papers: Paper[], topics: Topic[], nowIso: string, bump: boolean): Promise<{ papers: string[]; topics: string[] }> {
  const t = await getTombstones();
  const out = { papers: [] as string[], topics: [] as string[] };
  for (const p of papers)
    if (t.papers[p.id] !== undefined) {
      if (bump && p.updatedAt <= t.papers[p.id]!) p.updatedAt = nowIso;
      out.papers.push(p.id);
    }
  for (const x of topics)
    if (t.topics[x.id] !== undefined) {
      if (bump && (x.updatedAt ?? '') <= t.topics[x.id]!) x.updatedAt = nowIso;
      out.topics.push(x.id);
    }
  return out;
}

export function createHandlers(
  getDb: () => Promise<DB>,
  now: () => Date = () => new Date(),
  enrich: (getDb: () => Promise<DB>, id: string) => void = enrichSoon,
  daily: Daily = new Daily({ getDb, now }),
  hub: ReturnType<typeof createHubSync> = createHubSync(getDb),
  /** The worker passes one that persists itself; by default (tests) the snapshot is written on `flush()` only. */
  rec: RecommendModel = recommendModel(getDb, null),
): Handlers {
  const iso = () => now().toISOString();

  /**
   * Recommendations on: as set, or (unset) once the library has RECOMMEND_FROM papers: the model's
   * size when it is loaded (it mirrors the library), else the papers store's first RECOMMEND_FROM keys.
   */
  async function recommending(settings: { recommend?: boolean }): Promise<boolean> {
    if (settings.recommend !== undefined) return settings.recommend;
    const size = rec.loadedSize() ?? (await db.countPapersUpTo(await getDb(), RECOMMEND_FROM));
    return size >= RECOMMEND_FROM;
  }

  /** The page's cards like the library. `match` needs the model anyway: its size decides "unset". */
  async function recommendations(cards: MatchCard[]): Promise<RecommendedCard[]> {
    const settings = await getSettings();
    if (settings.recommend === false) return [];
    const model = await rec.get();
    if (settings.recommend === undefined && model.size < RECOMMEND_FROM) return [];
    return model.recommend(cards, settings.recommendMax).map(({ id, score, reason, tag }) => ({ id, score, reason, ...(tag !== undefined && { tag }) }));
  }

  /**
   * The worker is the only writer of the topics store, so it reads it once and then keeps the list
   * (with its prepared and compiled forms) from its own writes: a topic edit costs no read, and
   * neither do the `match` messages every open tab sends after one, nor lookups and saves.
   */
  let topicState: TopicState | null = null;
  /** Counts topic writes, so that a read that was out during one does not replace what it wrote. */
  let topicWrites = 0;
  /** Keep topics read from `d` while `writes` topic writes had happened (unless one happened since). */
  function keepTopics(d: DB, list: Topic[], writes: number): TopicState {
    const state: TopicState = { db: d, list };
    if (writes === topicWrites) topicState = state;
    return state;
  }
  async function topics(): Promise<TopicState> {
    const d = await getDb();
    if (topicState?.db === d) return topicState;
    const writes = topicWrites;
    return keepTopics(d, await db.listTopics(d), writes);
  }
  const preparedOf = (t: TopicState) => (t.prepared ??= prepareTopics(t.list));
  const preparedTopics = async () => preparedOf(await topics());
  async function compiledTopics(): Promise<{ prepared: PreparedTopic[]; compiled: CompiledTopics }> {
    const t = await topics();
    const prepared = preparedOf(t);
    return { prepared, compiled: (t.compiled ??= compilePrepared(prepared)) };
  }

  // Topics written by the worker's other writers (the storage.sync mirror, the Hub sync: `fromSync`)
  // come in their one push too: keep that list, before any tab asks to be matched against it.
  onPublish((e) => {
    if (!e.fromSync || !e.topics || !topicState) return;
    topicWrites++;
    topicState = { db: topicState.db, list: inOrder(e.topics) };
  });

  /** The topics changed (written to `d`): keep them, and push them to every tab and page in one event. */
  async function topicsChanged(d: DB, list: Topic[], extra: Omit<SyncEvent, 'seq' | 'topics'> = {}): Promise<Topic[]> {
    const ordered = inOrder(list);
    topicWrites++;
    topicState = { db: d, list: ordered };
    await publish({ ...extra, topics: ordered });
    return ordered;
  }

  async function topicTags(card: Protocol['save']['req']['card']): Promise<string[]> {
    return matchTopics((await compiledTopics()).compiled, {
      title: card.title,
      abstract: card.abstract,
      keywords: card.aiKeywords,
      organization: card.organization,
    }).map((m) => m.name);
  }

  // Every payload is checked before its handler runs (input.ts): handlers see typed, checked input.
  return checked({
    // A page's first message, often to a stopped worker: the saved ids (and, when the worker does not
    // hold them yet, the topics, in the same read-only transaction), the display mode read meanwhile,
    // and nothing else before the answer (the topics are not prepared: `match` does that, after the
    // toggles are up).
    async lookup({ ids }) {
      // Opening the database and reading the settings read no paper: they start at once, alongside the
      // seq (a stopped worker's first answer waited for the three one after the other).
      const opened = getDb();
      const settings = getSettings();
      opened.catch(() => undefined); // awaited below (no unhandled rejection meanwhile)
      settings.catch(() => undefined);
      const seq = await readSeq(); // before the read: a change it misses publishes a higher seq
      const d = await opened;
      // Saved and seen state in the same message (still one lookup per page load).
      const seenRead = db.seenAmong(d, ids);
      seenRead.catch(() => undefined);
      let saved: string[];
      let list: Topic[];
      if (topicState?.db === d) {
        list = topicState.list;
        saved = await db.savedAmong(d, ids);
      } else {
        const writes = topicWrites;
        ({ saved, topics: list } = await db.savedAmongAndTopics(d, ids));
        keepTopics(d, list, writes);
      }
      const [seen, { mode, dimSeen, recommend: on }] = await Promise.all([seenRead, settings]);
      const recommend = await recommending({ recommend: on });
      if (recommend) void rec.get().catch(() => undefined); // load the model while the page reads its cards
      return { saved, seen, dimSeen: dimSeen === true, topics: matchableTopics(list), mode, seq, recommend };
    },

    async match({ cards }, { tabId }) {
      const recommended = recommendations(cards);
      recommended.catch(() => undefined); // awaited below
      const { prepared, compiled } = await compiledTopics();
      const matches: Record<string, CardMatch[]> = {};
      for (const c of cards) {
        if (matches[c.id]) continue;
        const found = matchTopics(compiled, c);
        if (found.length) matches[c.id] = found.map(plainMatch);
      }
      if (tabId !== undefined) await setBadge(tabId, Object.keys(matches).length);
      return { topics: prepared.map(brief), matches, recommended: await recommended };
    },

    // In the order the messages came ("Not interested" then its Undo): the model queues them itself.
    async notInterested({ card }) {
      await rec.notInterested(card);
      return null;
    },

    async forgetNotInterested({ ids }) {
      await rec.forgetNotInterested(ids);
      return null;
    },

    notInterestedList: () => rec.notInterestedList(),

    async save({ card }, { kind, url }) {
      const d = await getDb();
      const tags = await topicTags(card);
      // Where it was first saved: the content script's page (the browser's word, not the payload's).
      const source = kind === 'content' ? sourceOfUrl(url) : 'hf';
      await rec.willChange();
      const paper = await db.upsertPaper(d, card.id, (existing) => paperFromCard(card, iso(), existing, tags, source));
      await rec.upsert([paper]);
      const seq = await publish({ saved: { [card.id]: true }, papers: [paper], modelled: true });
      void patchSettings((s) => ({ savesSinceExport: s.savesSinceExport + 1 }));
      if (!paper.enrichedAt && !paper.notOnHfAt) enrich(getDb, card.id);
      return { paper, seq };
    },

    async unsave({ id }) {
      await rec.willChange();
      await db.deletePapers(await getDb(), [id]);
      await recordRemoval('papers', [id], iso());
      await rec.remove([id]);
      return { seq: await publish({ saved: { [id]: false }, modelled: true }) };
    },

    async report({ matching }, { tabId }) {
      if (tabId !== undefined) await setBadge(tabId, matching);
      return null;
    },

    // ── morning triage ──
    async seen({ ids }) {
      await db.markSeen(await getDb(), ids, iso());
      await daily.onSeen(ids).catch(() => undefined);
      return null;
    },

    seenCount: async () => db.countSeen(await getDb()),
    seenEntries: async () => db.listSeen(await getDb()),

    async forgetSeen() {
      await db.clearSeen(await getDb());
      await publish({ seen: true });
      await daily.refreshBadge().catch(() => undefined);
      return null;
    },

    async setDimSeen({ on }) {
      await patchSettings(() => ({ dimSeen: on }));
      await publish({ dimSeen: on });
      return null;
    },

    today: async ({ refresh }) => daily.state(refresh === true),

    async saveToday({ id: paperId }) {
      const d = await getDb();
      const { card } = await daily.record(paperId);
      const tags = await topicTags(card);
      await rec.willChange();
      const paper = await db.upsertPaper(d, paperId, (existing) => ({ ...paperFromCard(card, iso(), existing, tags), enrichedAt: existing?.enrichedAt ?? iso() }));
      await rec.upsert([paper]);
      await publish({ saved: { [paperId]: true }, papers: [paper], modelled: true });
      void patchSettings((s) => ({ savesSinceExport: s.savesSinceExport + 1 }));
      return paper;
    },

    async setNotify({ on }) {
      await patchSettings(() => ({ notify: on }));
      return null;
    },

    count: async () => db.countPapers(await getDb()),

    async list({ query, limit }) {
      const max = Math.max(1, Math.min(limit ?? 50, 10_000));
      const q = typeof query === 'string' ? query : '';
      // No query: read only the newest `max` records (the popup opens fast with any library size).
      if (!tokenize(q).length) return db.recentPapers(await getDb(), max);
      // The library page's search without its index (the same words, each as a prefix).
      const papers = await db.listPapers(await getDb());
      const found = scanIds(papers, q)!;
      const hits = papers.filter((p) => found.has(p.id));
      return { total: hits.length, papers: hits.slice(0, max) };
    },

    async update({ ids, patch }) {
      const d = await getDb();
      const out: Paper[] = [];
      const retag = Boolean(patch.tags || patch.addTags || patch.removeTags);
      if (retag) await rec.willChange();
      for (const id of ids) {
        const p = await db.updatePaper(d, id, (cur) => {
          let tags = patch.tags ? uniq(patch.tags) : cur.tags;
          if (patch.addTags) tags = uniq([...tags, ...patch.addTags]);
          if (patch.removeTags) tags = tags.filter((t) => !patch.removeTags!.includes(t));
          return {
            ...cur,
            tags,
            note: typeof patch.note === 'string' ? patch.note.slice(0, 100_000) : cur.note,
            read: typeof patch.read === 'boolean' ? patch.read : cur.read,
            updatedAt: iso(),
          };
        });
        if (p) out.push(p);
      }
      // Only tags are read by the model among these fields: re-tagged papers are applied here.
      if (retag) await rec.upsert(out);
      await publish(out.length <= 200 ? { papers: out, modelled: true } : { library: true });
      return out;
    },

    async remove({ ids }) {
      await rec.willChange();
      await db.deletePapers(await getDb(), ids);
      await recordRemoval('papers', ids, iso());
      await rec.remove(ids);
      await publish({ saved: Object.fromEntries(ids.map((id) => [id, false])), modelled: true });
      return null;
    },

    topics: async () => (await topics()).list,

    async saveTopic({ topic }) {
      const { db: d, list: existing } = await topics();
      const name = topic.name.trim();
      if (existing.some((t) => t.id !== topic.id && t.name.toLowerCase() === name.toLowerCase()))
        throw new Error(`A topic named "${name}" already exists.`);
      const cur = topic.id ? existing.find((t) => t.id === topic.id) : undefined;
      const saved: Topic = {
        id: cur?.id ?? newTopicId(),
        name,
        color: isTopicColor(topic.color) ? topic.color.toLowerCase() : DEFAULT_TOPIC_COLOR,
        include: topic.include.map((t) => t.trim()).filter(Boolean),
        exclude: topic.exclude.map((t) => t.trim()).filter(Boolean),
        enabled: topic.enabled !== false,
        order: cur?.order ?? Math.max(-1, ...existing.map((t) => t.order)) + 1,
        updatedAt: iso(),
      };
      await db.putTopic(d, saved);
      await topicsChanged(d, [...existing.filter((t) => t.id !== saved.id), saved]);
      return saved;
    },

    async deleteTopic({ id }) {
      const { db: d, list } = await topics();
      await db.deleteTopic(d, id);
      await recordRemoval('topics', [id], iso());
      await topicsChanged(d, list.filter((t) => t.id !== id));
      return null;
    },

    async reorderTopics({ ids: order }) {
      const { db: d, list } = await topics();
      const pos = new Map(order.map((id, i) => [id, i]));
      const next = list.map((t) => ({ ...t, order: pos.get(t.id) ?? order.length + t.order }));
      await db.putAll(d, [], next);
      return topicsChanged(d, next);
    },

    settings: getSettings,

    async setRecommend({ enabled, max }) {
      const next = await patchSettings(() => ({ ...(enabled !== undefined && { recommend: enabled }), ...(max !== undefined && { recommendMax: max }) }));
      // Open tabs match their cards again (with or without recommendations).
      await publish({ recommend: await recommending(next) });
      return null;
    },

    async setMode({ mode }) {
      await patchSettings(() => ({ mode }));
      await publish({ mode });
      return null;
    },

    async dump(req) {
      const d = await getDb();
      const [papers, topics, seen] = await Promise.all([db.listPapers(d), db.listTopics(d), req?.seen ? db.listSeen(d) : undefined]);
      return seen ? { papers, topics, seen } : { papers, topics };
    },

    async importRecords({ papers, topics, seen, dryRun, lossless }) {
      // Importing a paper or topic removed earlier (a backup restored after a wipe) brings it back.
      // With Hub sync connected it counts as a change made now, so the next sync does not remove it
      // again; without, the backup imports back byte for byte and only the tombstones are dropped.
      const revived = dryRun ? { papers: [], topics: [] } : await reviveRemoved(papers, topics, iso(), (await hub.status()).connected);
      const d = await getDb();
      if (!dryRun) await rec.willChange();
      const plan = await db.mergeInto(
        d,
        [...new Set(papers.map((p) => p.id))],
        (existing, curTopics) => ({ ...planMerge(existing, new Map(curTopics.map((t) => [t.id, t])), papers, topics, lossless), seen }),
        !dryRun,
      );
      if (revived.papers.length || revived.topics.length)
        await patchTombstones((t) => {
          for (const id of revived.papers) delete t.papers[id];
          for (const id of revived.topics) delete t.topics[id];
          return t;
        });
      if (!dryRun) {
        // A big import rebuilds the model in the background; the reply does not wait for it.
        void rec.imported(plan.papers).catch((err) => console.warn('[Papershelf]', err));
        // Many records: tabs re-check their cards with one lookup each, pages reload.
        await topicsChanged(d, await db.listTopics(d), { library: true });
      }
      return { added: plan.added, updated: plan.updated, unchanged: plan.unchanged, topics: plan.topics.length };
    },

    async exported() {
      await patchSettings(() => ({ lastExportAt: iso(), savesSinceExport: 0 }));
      return null;
    },

    async wipe() {
      const d = await getDb();
      const [paperIds, topicIds] = await Promise.all([d.getAllKeys('papers'), d.getAllKeys('topics')]);
      await rec.willChange();
      await db.clearAll(d);
      await rec.wiped();
      // A wipe is a removal of everything: synced devices remove these too.
      const when = iso();
      await recordRemoval('papers', paperIds, when);
      await recordRemoval('topics', topicIds, when);
      // Open tabs re-check their cards (one lookup each) on `library`.
      await topicsChanged(d, [], { library: true });
      return null;
    },

    // ── library sync ──
    hubStatus: () => hub.status(),
    hubConnect: ({ token, repo, allowPublic }) => hub.connect(token, repo, allowPublic === true),
    hubSync: () => hub.syncNow(),
    hubDisconnect: () => hub.disconnect(),
  }, iso);
}

