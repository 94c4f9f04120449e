/** One handler per message of the protocol. */
import * as db from '@/utils/db';
import type { DB } from '@/utils/db';
import { planMerge } from '@/utils/import/merge';
import { isRecord, LIMITS } from '@/utils/import/validate';
import { MAX_IDS, type CardMatch, type Protocol, type TopicBrief, type TopicInput } from '@/utils/messages';
import { cleanCard, paperFromCard } from '@/utils/paper-record';
import type { Handlers } from '@/utils/router';
import { publish } from '@/utils/sync';
import { compilePrepared, matchTopics, plainMatch, prepareTopics, validateTopic, type PreparedTopic } from '@/utils/topics';
import type { Paper, Topic } from '@/utils/types';
import { setBadge } from './badge';
import { firstErrors, importedRecords, isStringList, matchInput, topicInput } from './input';
import { enrichSoon } from './enrich';
import { getSettings, patchSettings } from './settings';
import { getTombstones, patchTombstones, recordRemoval } from './tombstones';
import { createHubSync } from './hub-sync';


const brief = ({ id, name, color }: PreparedTopic): TopicBrief => ({ id, name, color });

function ids(list: unknown): string[] {
  if (!isStringList(list, MAX_IDS)) throw new Error('Expected a list of paper ids.');
  return list;
}

function matchesWords(p: Paper, words: string[]): boolean {
  const hay = `${p.title} ${p.authors.join(' ')} ${p.tags.join(' ')} ${p.note} ${p.id}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

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
  hub: ReturnType<typeof createHubSync> = createHubSync(getDb),
): Handlers {
  const iso = () => now().toISOString();

  /** The enabled topics that can match, parsed (parsed lines are cached: see prepare.ts). */
  const preparedTopics = async () => prepareTopics(await db.listTopics(await getDb()));

  async function topicTags(card: Protocol['save']['req']['card']): Promise<string[]> {
    return matchTopics(compilePrepared(await preparedTopics()), {
      title: card.title,
      abstract: card.abstract,
      keywords: card.aiKeywords,
      organization: card.organization,
    }).map((m) => m.name);
  }

  async function broadcastTopics(): Promise<Topic[]> {
    const topics = await db.listTopics(await getDb());
    await publish({ topics });
    return topics;
  }

  return {
    async lookup({ ids: list }) {
      const [saved, topics, settings] = await Promise.all([db.savedAmong(await getDb(), ids(list)), preparedTopics(), getSettings()]);
      return { saved, topics: topics.map(brief), mode: settings.mode };
    },

    async match({ cards: raw }, { tabId }) {
      const cards = matchInput(raw);
      const prepared = await preparedTopics();
      const compiled = compilePrepared(prepared);
      const matches: Record<string, CardMatch[]> = {};
      for (const c of cards) {
        if (matches[c.id]) continue;
        const found = matchTopics(compiled, c);
        if (found.length) matches[c.id] = found.map(plainMatch);
      }
      if (tabId !== undefined) await setBadge(tabId, Object.keys(matches).length, cards.length);
      return { topics: prepared.map(brief), matches };
    },

    async save({ card: raw }) {
      const card = cleanCard(raw);
      const d = await getDb();
      const tags = await topicTags(card);
      const paper = await db.upsertPaper(d, card.id, (existing) => paperFromCard(card, iso(), existing, tags));
      await publish({ saved: { [card.id]: true }, papers: [paper] });
      void patchSettings((s) => ({ savesSinceExport: s.savesSinceExport + 1 }));
      if (!paper.enrichedAt) enrich(getDb, card.id);
      return paper;
    },

    async unsave({ id }) {
      await db.deletePapers(await getDb(), ids([id]));
      await recordRemoval('papers', [id], iso());
      await publish({ saved: { [id]: false } });
      return null;
    },

    async report({ cards, matching }, { tabId }) {
      if (tabId !== undefined) await setBadge(tabId, Number(matching) || 0, Number(cards) || 0);
      return null;
    },

    count: async () => db.countPapers(await getDb()),

    async list({ query, limit }) {
      const max = Math.max(1, Math.min(limit ?? 50, 10_000));
      const words = (query ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      // No query: read only the newest `max` records (the popup opens fast with any library size).
      if (!words.length) return db.recentPapers(await getDb(), max);
      const hits = (await db.listPapers(await getDb())).filter((p) => matchesWords(p, words));
      return { total: hits.length, papers: hits.slice(0, max) };
    },

    async update({ ids: list, patch }) {
      if (
        !isRecord(patch) ||
        [patch.tags, patch.addTags, patch.removeTags].some((t) => t !== undefined && !isStringList(t, LIMITS.list)) ||
        (patch.note !== undefined && typeof patch.note !== 'string') ||
        (patch.read !== undefined && typeof patch.read !== 'boolean')
      )
        throw new Error('Expected tags as lists of text, a note as text and read as true or false.');
      const d = await getDb();
      const out: Paper[] = [];
      for (const id of ids(list)) {
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
      await publish(out.length <= 200 ? { papers: out } : { library: true });
      return out;
    },

    async remove({ ids: list }) {
      const all = ids(list);
      await db.deletePapers(await getDb(), all);
      await recordRemoval('papers', all, iso());
      await publish({ saved: Object.fromEntries(all.map((id) => [id, false])) });
      return null;
    },

    topics: async () => db.listTopics(await getDb()),

    async saveTopic({ topic: raw }: { topic: TopicInput }) {
      const topic = topicInput(raw);
      const errors = validateTopic(topic);
      if (errors.length) throw new Error(firstErrors(errors).join('\n'));
      const d = await getDb();
      const existing = await db.listTopics(d);
      const name = topic.name.trim();
      if (existing.some((t) => t.id !== topic.id && t.name.toLowerCase() === name.toLowerCase()))
        throw new Error(`A topic named "${name}" already exists.`);
      const cur = topic.id ? existing.find((t) => t.id === topic.id) : undefined;
      const saved: Topic = {
        id: cur?.id ?? newTopicId(),
        name,
        color: /^#[0-9a-f]{6}$/i.test(topic.color) ? topic.color.toLowerCase() : '#6d28d9',
        include: topic.include.map((t) => t.trim()).filter(Boolean),
        exclude: topic.exclude.map((t) => t.trim()).filter(Boolean),
        enabled: topic.enabled !== false,
        order: cur?.order ?? Math.max(-1, ...existing.map((t) => t.order)) + 1,
        updatedAt: iso(),
      };
      await db.putTopic(d, saved);
      await broadcastTopics();
      return saved;
    },

    async deleteTopic({ id }) {
      if (typeof id !== 'string') throw new Error('Expected a topic id.');
      await db.deleteTopic(await getDb(), id);
      await recordRemoval('topics', [id], iso());
      await broadcastTopics();
      return null;
    },

    async reorderTopics({ ids: order }) {
      const d = await getDb();
      const topics = await db.listTopics(d);
      const pos = new Map(ids(order).map((id, i) => [id, i]));
      const next = topics.map((t) => ({ ...t, order: pos.get(t.id) ?? order.length + t.order }));
      await db.putAll(d, [], next);
      return broadcastTopics();
    },

    settings: getSettings,

    async setMode({ mode }) {
      if (!['highlight', 'dim', 'hide'].includes(mode)) throw new Error(`Unknown display mode "${mode}".`);
      await patchSettings(() => ({ mode }));
      await publish({ mode });
      return null;
    },

    async dump() {
      const d = await getDb();
      const [papers, topics] = await Promise.all([db.listPapers(d), db.listTopics(d)]);
      return { papers, topics };
    },

    async importRecords({ papers: rawPapers, topics: rawTopics, dryRun, lossless }) {
      if (typeof dryRun !== 'boolean') throw new Error('Import refused: "dryRun" must be true or false. Nothing was changed.');
      const { papers, topics } = importedRecords(rawPapers, rawTopics, iso());
      // Importing a paper or topic removed earlier (a backup restored after a wipe) brings it back.
      // With Hub sync connected it counts as a change made now, so the next sync does not remove it
      // again; without, the backup imports back byte for byte and only the tombstones are dropped.
      const revived = dryRun ? { papers: [], topics: [] } : await reviveRemoved(papers, topics, iso(), (await hub.status()).connected);
      const d = await getDb();
      const plan = await db.mergeInto(
        d,
        [...new Set(papers.map((p) => p.id))],
        (existing, curTopics) => planMerge(existing, new Map(curTopics.map((t) => [t.id, t])), papers, topics, lossless === true),
        !dryRun,
      );
      if (revived.papers.length || revived.topics.length)
        await patchTombstones((t) => {
          for (const id of revived.papers) delete t.papers[id];
          for (const id of revived.topics) delete t.topics[id];
          return t;
        });
      if (!dryRun) {
        // Many records: tabs re-check their cards with one lookup each, pages reload.
        await publish({ library: true, topics: await db.listTopics(d) });
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
      await db.clearAll(d);
      // A wipe is a removal of everything: synced devices remove these too.
      const when = iso();
      await recordRemoval('papers', paperIds, when);
      await recordRemoval('topics', topicIds, when);
      // Open tabs re-check their cards (one lookup each) on `library`.
      await publish({ library: true, topics: [] });
      return null;
    },

    // ── library sync ──
    hubStatus: () => hub.status(),
    async hubConnect({ token, repo, allowPublic }) {
      if (typeof token !== 'string' || (repo !== undefined && typeof repo !== 'string')) throw new Error('Expected a token and a repository name as text.');
      return hub.connect(token, repo, allowPublic === true);
    },
    hubSync: () => hub.syncNow(),
    hubDisconnect: () => hub.disconnect(),
  };
}

