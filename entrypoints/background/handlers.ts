/** One handler per message of the protocol. */
import * as db from '@/utils/db';
import type { DB } from '@/utils/db';
import { planMerge } from '@/utils/import/merge';
import { sourceOfUrl } from '@/utils/arxiv';
import { type CardMatch, type Protocol, type TopicBrief } from '@/utils/messages';
import { paperFromCard } from '@/utils/paper-record';
import type { Handlers } from '@/utils/router';
import { publish, readSeq } from '@/utils/sync';
import { compilePrepared, matchTopics, plainMatch, prepareTopics, type PreparedTopic } from '@/utils/topics';
import type { Paper, Topic } from '@/utils/types';
import { setBadge } from './badge';
import { checked } from './input';
import { enrichSoon } from './enrich';
import { getSettings, patchSettings } from './settings';


const brief = ({ id, name, color }: PreparedTopic): TopicBrief => ({ id, name, color });

function matchesWords(p: Paper, words: string[]): boolean {
  const hay = `${p.title} ${p.authors.join(' ')} ${p.tags.join(' ')} ${p.note} ${p.id}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

function newTopicId(): string {
  return `t-${Date.now().toString(36)}-${crypto.getRandomValues(new Uint32Array(1))[0]!.toString(36)}`;
}

export function createHandlers(
  getDb: () => Promise<DB>,
  now: () => Date = () => new Date(),
  enrich: (getDb: () => Promise<DB>, id: string) => void = enrichSoon,
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

  // Every payload is checked before its handler runs (input.ts): handlers see typed, checked input.
  return checked({
    async lookup({ ids }) {
      const seq = await readSeq(); // before the read: a change it misses publishes a higher seq
      const [saved, topics, settings] = await Promise.all([db.savedAmong(await getDb(), ids), preparedTopics(), getSettings()]);
      return { saved, topics: topics.map(brief), mode: settings.mode, seq };
    },

    async match({ cards }, { tabId }) {
      const prepared = await preparedTopics();
      const compiled = compilePrepared(prepared);
      const matches: Record<string, CardMatch[]> = {};
      for (const c of cards) {
        if (matches[c.id]) continue;
        const found = matchTopics(compiled, c);
        if (found.length) matches[c.id] = found.map(plainMatch);
      }
      if (tabId !== undefined) await setBadge(tabId, Object.keys(matches).length);
      return { topics: prepared.map(brief), matches };
    },

    async save({ card }, { kind, url }) {
      const d = await getDb();
      const tags = await topicTags(card);
      // Where it was first saved: the content script's page (the browser's word, not the payload's).
      const source = kind === 'content' ? sourceOfUrl(url) : 'hf';
      const paper = await db.upsertPaper(d, card.id, (existing) => paperFromCard(card, iso(), existing, tags, source));
      const seq = await publish({ saved: { [card.id]: true }, papers: [paper] });
      void patchSettings((s) => ({ savesSinceExport: s.savesSinceExport + 1 }));
      if (!paper.enrichedAt && !paper.notOnHfAt) enrich(getDb, card.id);
      return { paper, seq };
    },

    async unsave({ id }) {
      await db.deletePapers(await getDb(), [id]);
      return { seq: await publish({ saved: { [id]: false } }) };
    },

    async report({ matching }, { tabId }) {
      if (tabId !== undefined) await setBadge(tabId, matching);
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

    async update({ ids, patch }) {
      const d = await getDb();
      const out: Paper[] = [];
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
      await publish(out.length <= 200 ? { papers: out } : { library: true });
      return out;
    },

    async remove({ ids }) {
      await db.deletePapers(await getDb(), ids);
      await publish({ saved: Object.fromEntries(ids.map((id) => [id, false])) });
      return null;
    },

    topics: async () => db.listTopics(await getDb()),

    async saveTopic({ topic }) {
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
      await db.deleteTopic(await getDb(), id);
      await broadcastTopics();
      return null;
    },

    async reorderTopics({ ids: order }) {
      const d = await getDb();
      const topics = await db.listTopics(d);
      const pos = new Map(order.map((id, i) => [id, i]));
      const next = topics.map((t) => ({ ...t, order: pos.get(t.id) ?? order.length + t.order }));
      await db.putAll(d, [], next);
      return broadcastTopics();
    },

    settings: getSettings,

    async setMode({ mode }) {
      await patchSettings(() => ({ mode }));
      await publish({ mode });
      return null;
    },

    async dump() {
      const d = await getDb();
      const [papers, topics] = await Promise.all([db.listPapers(d), db.listTopics(d)]);
      return { papers, topics };
    },

    async importRecords({ papers, topics, dryRun, lossless }) {
      const d = await getDb();
      const plan = await db.mergeInto(
        d,
        [...new Set(papers.map((p) => p.id))],
        (existing, curTopics) => planMerge(existing, new Map(curTopics.map((t) => [t.id, t])), papers, topics, lossless),
        !dryRun,
      );
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
      await db.clearAll(await getDb());
      // Open tabs re-check their cards (one lookup each) on `library`.
      await publish({ library: true, topics: [] });
      return null;
    },
  }, iso);
}

