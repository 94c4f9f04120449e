/** Build and update `Paper` records from what the page shows and what the HF API returns. */
import { compact, httpUrl, isoDate } from '../fields';
import { hfPaperUrl, normaliseId } from '../detection/paper-id';
import type { CardInfo, Paper, PaperSource } from '../types';

const MAX_TEXT = 20_000;

const str = (v: unknown, max = MAX_TEXT): string | undefined =>
  typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim().slice(0, max) : undefined;

const strList = (v: unknown, maxItems = 500): string[] | undefined => {
  if (!Array.isArray(v)) return undefined;
  const out = v.map((x) => str(x, 300)).filter((x): x is string => !!x);
  return out.length ? out.slice(0, maxItems) : undefined;
};

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined;


/** Validate a card sent by a content script (untrusted) into a clean CardInfo, or throw. */
export function cleanCard(input: unknown): CardInfo {
  const c = (input ?? {}) as Record<string, unknown>;
  const id = typeof c.id === 'string' ? normaliseId(c.id) : null;
  if (!id) throw new Error('Not an arXiv paper id.');
  return compact<CardInfo>({
    id,
    title: str(c.title, 1000) ?? id,
    abstract: str(c.abstract),
    organization: str(c.organization, 200),
    upvotes: count(c.upvotes),
    thumbnail: httpUrl(c.thumbnail),
    authors: strList(c.authors),
    publishedAt: isoDate(c.publishedAt),
    aiKeywords: strList(c.aiKeywords, 100),
    githubRepo: httpUrl(c.githubRepo),
    primaryClass: typeof c.primaryClass === 'string' && PRIMARY_CLASS.test(c.primaryClass) ? c.primaryClass : undefined,
  });
}

const PRIMARY_CLASS = /^[a-z-]{2,20}(?:\.[A-Za-z-]{1,20})?$/;

/** A new record for a card, or the existing one refreshed with what the card shows now. */
export function paperFromCard(card: CardInfo, nowIso: string, existing?: Paper, tags: string[] = [], source: PaperSource = 'hf'): Paper {
  if (existing) {
    return compact<Paper>({
      ...existing,
      primaryClass: existing.primaryClass ?? card.primaryClass,
      title: card.title || existing.title,
      authors: card.authors?.length ? card.authors : existing.authors,
      summary: existing.summary ?? card.abstract,
      upvotes: card.upvotes ?? existing.upvotes,
      thumbnail: existing.thumbnail ?? card.thumbnail,
      organization: existing.organization ?? card.organization,
      updatedAt: nowIso,
    });
  }
  return compact<Paper>({
    id: card.id,
    title: card.title,
    authors: card.authors ?? [],
    summary: card.abstract,
    publishedAt: card.publishedAt,
    savedAt: nowIso,
    updatedAt: nowIso,
    url: hfPaperUrl(card.id),
    thumbnail: card.thumbnail,
    upvotes: card.upvotes,
    organization: card.organization,
    githubRepo: card.githubRepo,
    aiKeywords: card.aiKeywords,
    primaryClass: card.primaryClass,
    source,
    tags: [...new Set(tags)],
    note: '',
    read: false,
  });
}

/** Merge `/api/papers/<id>` JSON (untrusted) into a record. Returns null if the JSON is not that paper. */
export function applyApiPaper(paper: Paper, json: unknown, nowIso: string): Paper | null {
  if (!json || typeof json !== 'object') return null;
  const j = json as Record<string, unknown>;
  if (typeof j.id !== 'string' || normaliseId(j.id) !== paper.id) return null;
  const authors = Array.isArray(j.authors)
    ? strList(j.authors.map((a) => (a && typeof a === 'object' ? (a as { name?: unknown }).name : undefined)))
    : undefined;
  const org = j.organization && typeof j.organization === 'object' ? (j.organization as Record<string, unknown>) : {};
  return compact<Paper>({
    ...paper,
    title: str(j.title, 1000) ?? paper.title,
    authors: authors ?? paper.authors,
    summary: str(j.summary) ?? paper.summary,
    publishedAt: isoDate(j.publishedAt) ?? paper.publishedAt,
    upvotes: count(j.upvotes) ?? paper.upvotes,
    aiKeywords: strList(j.ai_keywords, 100) ?? paper.aiKeywords,
    githubRepo: httpUrl(j.githubRepo) ?? paper.githubRepo,
    organization: str(org.fullname, 200) ?? str(org.name, 200) ?? paper.organization,
    enrichedAt: nowIso,
    enrichAttempts: undefined,
    updatedAt: nowIso,
  });
}

/** Next retry delay after `attempts` failures: 1, 2, 4 … minutes, capped at 6 h. */
export const retryDelayMinutes = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1), 360);
export const MAX_ENRICH_ATTEMPTS = 8;
