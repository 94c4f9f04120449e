/** Filter and sort the saved library for the library page. Pure: `now` comes in as a parameter. */
import { compileTopics, matchTopics } from '../topics';
import type { Paper, Topic } from '../types';

export type ReadFilter = 'all' | 'read' | 'unread';
export type SavedWithin = 'any' | '7d' | '30d' | 'year';

export interface Filters {
  /** A tag (case-insensitive); '' for any. */
  tag: string;
  /** A topic name: papers tagged with it or matching its terms now. '' for any. */
  topic: string;
  read: ReadFilter;
  saved: SavedWithin;
}

export const NO_FILTERS: Filters = { tag: '', topic: '', read: 'all', saved: 'any' };

export const SAVED_WITHIN: ReadonlyArray<{ value: SavedWithin; label: string }> = [
  { value: 'any', label: 'Any time' },
  { value: '7d', label: 'Last 7 days' },
  { value: '30d', label: 'Last 30 days' },
  { value: 'year', label: 'This year' },
];

const DAY = 86_400_000;

/** The earliest `savedAt` (ISO) that passes, or '' for no limit. "This year" is the local year of `now`. */
export function savedCutoff(saved: SavedWithin, now: Date): string {
  if (saved === '7d') return new Date(now.getTime() - 7 * DAY).toISOString();
  if (saved === '30d') return new Date(now.getTime() - 30 * DAY).toISOString();
  if (saved === 'year') return new Date(now.getFullYear(), 0, 1).toISOString();
  return '';
}

export const isFiltered = (f: Filters) => !!(f.tag || f.topic || f.read !== 'all' || f.saved !== 'any');

/** A test for "belongs to topic `name`": tagged with it (saved then) or matching its terms now. */
export function topicTest(name: string, topics: readonly Topic[]): (p: Paper) => boolean {
  const lower = name.toLowerCase();
  const topic = topics.find((t) => t.name.toLowerCase() === lower);
  const compiled = topic ? compileTopics([{ ...topic, enabled: true }]) : null;
  return (p) =>
    p.tags.some((x) => x.toLowerCase() === lower) ||
    (!!compiled &&
      matchTopics(compiled, { title: p.title, abstract: p.summary, keywords: p.aiKeywords, organization: p.organization }).length > 0);
}

export function filterPapers(papers: readonly Paper[], f: Filters, now: Date, topics: readonly Topic[] = []): Paper[] {
  const tag = f.tag.toLowerCase();
  const cutoff = savedCutoff(f.saved, now);
  const has = (p: Paper, t: string) => p.tags.some((x) => x.toLowerCase() === t);
  const inTopic = f.topic ? topicTest(f.topic, topics) : null;
  return papers.filter(
    (p) =>
      (!tag || has(p, tag)) &&
      (!inTopic || inTopic(p)) &&
      (f.read === 'all' || p.read === (f.read === 'read')) &&
      (!cutoff || p.savedAt >= cutoff),
  );
}

export type SortKey = 'saved' | 'published' | 'upvotes' | 'title' | 'relevance';

export const SORTS: ReadonlyArray<{ value: SortKey; label: string }> = [
  { value: 'saved', label: 'Date saved' },
  { value: 'published', label: 'Date published' },
  { value: 'upvotes', label: 'Upvotes' },
  { value: 'title', label: 'Title' },
  { value: 'relevance', label: 'Best match' },
];

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);
const bySaved = (a: Paper, b: Paper) => desc(a.savedAt, b.savedAt) || desc(a.id, b.id);

/**
 * A sorted copy: newest saved, newest published or most upvoted first; titles A→Z. Papers missing
 * the key go last; ties fall back to newest saved, then id. `relevance` orders by search `scores`
 * (best first) and is newest saved without them.
 */
export function sortPapers(papers: readonly Paper[], key: SortKey, scores?: ReadonlyMap<string, number> | null): Paper[] {
  const cmp: (a: Paper, b: Paper) => number =
    key === 'published'
      ? (a, b) => desc(a.publishedAt ?? '', b.publishedAt ?? '') || bySaved(a, b)
      : key === 'upvotes'
        ? (a, b) => (b.upvotes ?? -1) - (a.upvotes ?? -1) || bySaved(a, b)
        : key === 'title'
          ? (a, b) => collator.compare(a.title, b.title) || bySaved(a, b)
          : key === 'relevance' && scores
            ? (a, b) => (scores.get(b.id) ?? 0) - (scores.get(a.id) ?? 0) || bySaved(a, b)
            : bySaved;
  return [...papers].sort(cmp);
}

/** Every tag in use with the number of papers carrying it, most used first, then A→Z. */
export function tagCounts(papers: readonly Paper[]): Array<{ tag: string; count: number }> {
  const counts = new Map<string, number>();
  for (const p of papers) for (const t of p.tags) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || collator.compare(a.tag, b.tag));
}

/**
 * The rows to show. `sorted` is the library already sorted by `key` (sorted once per data change,
 * not per keystroke): search hits and filters only drop rows, except `relevance`, which orders hits.
 */
export function visiblePapers(
  sorted: readonly Paper[],
  hits: ReadonlyMap<string, number> | null,
  f: Filters,
  key: SortKey,
  now: Date,
  topics: readonly Topic[] = [],
): Paper[] {
  const searched = hits ? sorted.filter((p) => hits.has(p.id)) : sorted;
  const filtered = isFiltered(f) ? filterPapers(searched, f, now, topics) : [...searched];
  return key === 'relevance' && hits ? sortPapers(filtered, 'relevance', hits) : filtered;
}
