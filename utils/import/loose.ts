/**
 * Papers from the lossy formats (BibTeX, bookmarks, CSV): what they know about a paper, made into a
 * clean record, and one record per id.
 */
import { hfPaperUrl } from '../detection/paper-id';
import type { Paper } from '../types';
import { compact, httpUrl, isoDate, oneLine } from '../fields';
import { cut, LIMITS } from './validate';

/** What the lossy formats (BibTeX, bookmarks, CSV) know about a paper. */
export interface LooseFields {
  id: string;
  title?: string;
  authors?: string[];
  summary?: string;
  publishedAt?: string;
  savedAt?: string;
  updatedAt?: string;
  thumbnail?: string;
  primaryClass?: string;
  tags?: string[];
  note?: string;
  read?: boolean;
}


/** Unique, non-empty, one-line tags. */
export const cleanTags = (tags: readonly string[]) =>
  [...new Set(tags.map((t) => cut(oneLine(t), 200)).filter(Boolean))].slice(0, 1000);

const newest = (...dates: (string | undefined)[]) => dates.filter((d): d is string => !!d).sort().pop();

/**
 * A full record from what a lossy format knows: title falls back to the id, dates that are not
 * valid are dropped, `savedAt` ← file or now, `updatedAt` ← the newest date the file gives or now.
 */
export function loosePaper(f: LooseFields, nowIso: string): Paper {
  const date = (v?: string) => (v ? isoDate(v) : undefined);
  const savedAt = date(f.savedAt);
  const summary = f.summary?.trim();
  const primaryClass = f.primaryClass?.trim();
  return compact<Paper>({
    id: f.id,
    title: cut(oneLine(f.title ?? ''), LIMITS.title) || f.id,
    authors: (f.authors ?? []).map((a) => cut(oneLine(a), LIMITS.short)).filter(Boolean).slice(0, LIMITS.list),
    summary: summary ? cut(summary, LIMITS.text) : undefined,
    publishedAt: date(f.publishedAt),
    savedAt: savedAt ?? nowIso,
    updatedAt: newest(savedAt, date(f.updatedAt)) ?? nowIso,
    url: hfPaperUrl(f.id),
    // the same bounds validatePaper applies, so the background accepts every record a lossy file gives
    thumbnail: f.thumbnail && f.thumbnail.trim().length <= 2000 && httpUrl(f.thumbnail.trim()) !== undefined ? f.thumbnail.trim() : undefined,
    primaryClass: primaryClass && primaryClass.length <= 100 && /^[a-z-]+(?:\.[A-Za-z-]+)?$/.test(primaryClass) ? primaryClass : undefined,
    tags: cleanTags(f.tags ?? []),
    note: cut((f.note ?? '').trim(), LIMITS.text),
    read: f.read ?? false,
  });
}

/**
 * Papers listed more than once in a lossy file (a bookmark in two folders, a paper cited twice):
 * one record per id with the tags of all copies, the earliest `savedAt`, the newest `updatedAt`,
 * and the first non-empty title/authors/summary/note. Returns the ids seen more than once.
 */
export function combineDuplicates(papers: readonly Paper[]): { papers: Paper[]; repeated: string[] } {
  const byId = new Map<string, Paper>();
  const repeated = new Set<string>();
  for (const p of papers) {
    const prev = byId.get(p.id);
    if (!prev) {
      byId.set(p.id, p);
      continue;
    }
    repeated.add(p.id);
    byId.set(
      p.id,
      compact<Paper>({
        ...prev,
        title: prev.title !== prev.id ? prev.title : p.title,
        authors: prev.authors.length ? prev.authors : p.authors,
        summary: prev.summary ?? p.summary,
        publishedAt: prev.publishedAt ?? p.publishedAt,
        savedAt: prev.savedAt < p.savedAt ? prev.savedAt : p.savedAt,
        updatedAt: prev.updatedAt > p.updatedAt ? prev.updatedAt : p.updatedAt,
        thumbnail: prev.thumbnail ?? p.thumbnail,
        primaryClass: prev.primaryClass ?? p.primaryClass,
        tags: cleanTags([...prev.tags, ...p.tags]),
        note: prev.note || p.note,
        read: prev.read || p.read,
      }),
    );
  }
  return { papers: [...byId.values()], repeated: [...repeated] };
}
