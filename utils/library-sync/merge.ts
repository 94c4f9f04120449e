/**
 * The library sync merge: pure, no I/O. Two replicas of the library (this browser's and the file in
 * the user's Hugging Face repository) merge into one, the same whichever side is "ours":
 * - per paper, the newer `updatedAt` wins the user fields (tags, note, read); metadata is filled
 *   from the other side, never emptied; the earlier `savedAt` is kept;
 * - a removal (tombstone, `removedAt`) wins over an edit made before it or at the same moment; an
 *   edit made after it brings the paper back (and drops the tombstone);
 * - topics: the newer `updatedAt` wins the whole topic; deletions are tombstones too;
 * - tombstones older than 180 days are forgotten.
 * Ties (same `updatedAt`) are broken by comparing the records' text, so the merge is commutative.
 */
import type { Paper, Topic } from '../types';

export const TOMBSTONE_DAYS = 180;

export interface Replica {
  papers: Map<string, Paper>;
  topics: Map<string, Topic>;
  /** paper id → when it was removed (ISO). */
  removedPapers: Map<string, string>;
  /** topic id → when it was deleted (ISO). */
  removedTopics: Map<string, string>;
}

export const emptyReplica = (): Replica => ({ papers: new Map(), topics: new Map(), removedPapers: new Map(), removedTopics: new Map() });

const META_FIELDS = [
  'summary',
  'publishedAt',
  'thumbnail',
  'upvotes',
  'organization',
  'githubRepo',
  'aiKeywords',
  'primaryClass',
  'enrichedAt',
] as const;

/** Deterministic text of a record (keys sorted), for tie-breaks and equality. */
export function canonical(o: object): string {
  const rec = o as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(rec)
      .filter((k) => rec[k] !== undefined)
      .sort()
      .map((k) => [k, rec[k]]),
  );
}

/** a wins over b: newer updatedAt, then the larger canonical text. */
function wins(a: { updatedAt?: string }, b: { updatedAt?: string }): boolean {
  const ua = a.updatedAt ?? '';
  const ub = b.updatedAt ?? '';
  if (ua !== ub) return ua > ub;
  return canonical(a) >= canonical(b);
}

/**
 * One paper from two versions. Returns `a` or `b` itself when the merge is exactly that record
 * (callers detect "unchanged" by identity).
 */
export function mergePaperVersions(a: Paper, b: Paper): Paper {
  if (a === b) return a;
  const [base, other] = wins(a, b) ? [a, b] : [b, a];
  let out: Paper | undefined;
  const edit = (): Paper => (out ??= { ...base });
  for (const f of META_FIELDS) if (base[f] === undefined && other[f] !== undefined) (edit() as unknown as Record<string, unknown>)[f] = other[f];
  if (base.title === base.id && other.title !== other.id && other.title) edit().title = other.title;
  if (!base.authors.length && other.authors.length) edit().authors = other.authors;
  if (other.savedAt < base.savedAt) edit().savedAt = other.savedAt;
  return out ?? base;
}

export function mergeTopicVersions(a: Topic, b: Topic): Topic {
  if (a === b) return a;
  return wins(a, b) ? a : b;
}

const later = (a: string | undefined, b: string | undefined) => (a === undefined ? b : b === undefined || a >= b ? a : b);

function mergeSide<T extends { updatedAt?: string }>(
  a: Map<string, T>,
  b: Map<string, T>,
  ra: Map<string, string>,
  rb: Map<string, string>,
  mergeOne: (x: T, y: T) => T,
  cutoff: string,
): { records: Map<string, T>; removed: Map<string, string> } {
  const records = new Map<string, T>();
  const removed = new Map<string, string>();
  const ids = new Set([...a.keys(), ...b.keys(), ...ra.keys(), ...rb.keys()]);
  for (const id of ids) {
    const x = a.get(id);
    const y = b.get(id);
    const rec = x && y ? mergeOne(x, y) : (x ?? y);
    const removedAt = later(ra.get(id), rb.get(id));
    // A removal wins over an edit made before it or at the same moment; a later edit wins.
    if (rec && (removedAt === undefined || (rec.updatedAt ?? '') > removedAt)) records.set(id, rec);
    else if (removedAt !== undefined && removedAt >= cutoff) removed.set(id, removedAt);
  }
  return { records, removed };
}

/** The ISO time before which tombstones are forgotten. */
export function tombstoneCutoff(nowIso: string): string {
  return new Date(Date.parse(nowIso) - TOMBSTONE_DAYS * 86_400_000).toISOString();
}

/** Merge two replicas. Commutative and idempotent for a given `nowIso` (which only expires tombstones). */
export function mergeReplicas(a: Replica, b: Replica, nowIso: string): Replica {
  const cutoff = tombstoneCutoff(nowIso);
  const papers = mergeSide(a.papers, b.papers, a.removedPapers, b.removedPapers, mergePaperVersions, cutoff);
  const topics = mergeSide(a.topics, b.topics, a.removedTopics, b.removedTopics, mergeTopicVersions, cutoff);
  return { papers: papers.records, topics: topics.records, removedPapers: papers.removed, removedTopics: topics.removed };
}

/** What to write locally so that `local` becomes `merged`: records to put, ids to delete. */
export interface LocalChanges {
  putPapers: Paper[];
  deletePapers: string[];
  putTopics: Topic[];
  deleteTopics: string[];
}

export function localChanges(local: Replica, merged: Replica): LocalChanges {
  const out: LocalChanges = { putPapers: [], deletePapers: [], putTopics: [], deleteTopics: [] };
  for (const [id, p] of merged.papers) {
    const cur = local.papers.get(id);
    if (cur !== p && (!cur || canonical(cur) !== canonical(p))) out.putPapers.push(p);
  }
  for (const id of local.papers.keys()) if (!merged.papers.has(id)) out.deletePapers.push(id);
  for (const [id, t] of merged.topics) {
    const cur = local.topics.get(id);
    if (cur !== t && (!cur || canonical(cur) !== canonical(t))) out.putTopics.push(t);
  }
  for (const id of local.topics.keys()) if (!merged.topics.has(id)) out.deleteTopics.push(id);
  return out;
}

export const hasChanges = (c: LocalChanges) =>
  c.putPapers.length + c.deletePapers.length + c.putTopics.length + c.deleteTopics.length > 0;
