/**
 * Merge imported records into the library. Never duplicates a paper (by id), never lets an older
 * record overwrite newer user data (tags, note, read), and fills metadata the library lacks.
 */
import type { Paper, Topic } from '../types';

const USER_FIELDS = ['tags', 'note', 'read'] as const;

const newer = (a: string | undefined, b: string | undefined) => (a ?? '') > (b ?? '');

/** Field-by-field equality whatever the key order (records are flat: primitives and string arrays). */
function same(a: object, b: object): boolean {
  const fa = Object.entries(a).filter(([, v]) => v !== undefined);
  const fb = new Map(Object.entries(b).filter(([, v]) => v !== undefined));
  return fa.length === fb.size && fa.every(([k, v]) => fb.has(k) && JSON.stringify(v) === JSON.stringify(fb.get(k)));
}

/** The merged record, or null when the incoming one changes nothing. */
export function mergePaper(existing: Paper, incoming: Paper): Paper | null {
  const incomingNewer = newer(incoming.updatedAt, existing.updatedAt);
  const [base, other] = incomingNewer ? [incoming, existing] : [existing, incoming];
  const merged: Paper = { ...other, ...base } as Paper;
  // Metadata the newer record lacks is kept from the older one.
  for (const [k, v] of Object.entries(other)) {
    if ((merged as unknown as Record<string, unknown>)[k] === undefined) (merged as unknown as Record<string, unknown>)[k] = v;
  }
  for (const f of USER_FIELDS) (merged as unknown as Record<string, unknown>)[f] = base[f];
  merged.savedAt = existing.savedAt < incoming.savedAt ? existing.savedAt : incoming.savedAt;
  // Where it was first saved: the earlier save's word.
  const [first, second] = existing.savedAt <= incoming.savedAt ? [existing, incoming] : [incoming, existing];
  const source = first.source ?? second.source;
  if (source) merged.source = source;
  merged.updatedAt = newer(incoming.updatedAt, existing.updatedAt) ? incoming.updatedAt : existing.updatedAt;
  return same(merged, existing) ? null : merged;
}

/**
 * Merge from a lossy format (BibTeX, CSV, bookmarks): those files carry no trustworthy change
 * date, so they never replace what the library has. They add tags and fill empty fields only.
 */
export function mergeLossy(existing: Paper, incoming: Paper): Paper | null {
  const merged: Paper = { ...existing, tags: [...new Set([...existing.tags, ...incoming.tags])] };
  const m = merged as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(incoming)) if (m[k] === undefined && v !== undefined) m[k] = v;
  if (!merged.note && incoming.note) merged.note = incoming.note;
  if (!merged.authors.length && incoming.authors.length) merged.authors = incoming.authors;
  if (merged.title === merged.id && incoming.title !== incoming.id) merged.title = incoming.title;
  return same(merged, existing) ? null : merged;
}

export interface MergePlan {
  papers: Paper[];
  topics: Topic[];
  added: number;
  updated: number;
  unchanged: number;
}

export function planMerge(
  existingPapers: Map<string, Paper>,
  existingTopics: Map<string, Topic>,
  papers: Paper[],
  topics: Topic[],
  /** true for Papershelf JSON (newest wins); false for formats without change dates. */
  lossless = true,
): MergePlan {
  const plan: MergePlan = { papers: [], topics: [], added: 0, updated: 0, unchanged: 0 };
  const seen = new Map<string, Paper>();
  for (const p of papers) {
    const prev = seen.get(p.id);
    seen.set(p.id, prev ? (mergePaper(prev, p) ?? prev) : p);
  }
  for (const p of seen.values()) {
    const cur = existingPapers.get(p.id);
    if (!cur) {
      plan.papers.push(p);
      plan.added++;
      continue;
    }
    const merged = lossless ? mergePaper(cur, p) : mergeLossy(cur, p);
    if (merged) {
      plan.papers.push(merged);
      plan.updated++;
    } else plan.unchanged++;
  }
  // topics already planned count as existing, so two imported topics never share an id or a name
  const byId = new Map(existingTopics);
  const byName = new Map([...existingTopics.values()].map((t) => [t.name.toLowerCase(), t]));
  const planned = new Map<string, Topic>();
  let order = Math.max(-1, ...[...existingTopics.values()].map((t) => t.order));
  for (const t of topics) {
    const cur = byId.get(t.id) ?? byName.get(t.name.toLowerCase());
    const next = !cur ? { ...t, order: ++order } : newer(t.updatedAt, cur.updatedAt) ? { ...t, id: cur.id, order: cur.order } : null;
    if (!next) continue;
    planned.set(next.id, next);
    byId.set(next.id, next);
    byName.set(next.name.toLowerCase(), next);
  }
  plan.topics = [...planned.values()];
  return plan;
}
