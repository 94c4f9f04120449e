/**
 * Merge imported records into the library. Never duplicates a paper (by id), never lets an older
 * record overwrite newer user data (tags, note, read), and fills metadata the library lacks.
 */
import type { Paper, Topic } from '../types';

const USER_FIELDS = ['tags', 'note', 'read'] as const;

const newer = (a: string | undefined, b: string | undefined) => (a ?? '') > (b ?? '');

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
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
  merged.updatedAt = newer(incoming.updatedAt, existing.updatedAt) ? incoming.updatedAt : existing.updatedAt;
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
    const merged = mergePaper(cur, p);
    if (merged) {
      plan.papers.push(merged);
      plan.updated++;
    } else plan.unchanged++;
  }
  const byName = new Map([...existingTopics.values()].map((t) => [t.name.toLowerCase(), t]));
  let order = Math.max(-1, ...[...existingTopics.values()].map((t) => t.order));
  for (const t of topics) {
    const cur = existingTopics.get(t.id) ?? byName.get(t.name.toLowerCase());
    if (!cur) plan.topics.push({ ...t, order: ++order });
    else if (newer(t.updatedAt, cur.updatedAt)) plan.topics.push({ ...t, id: cur.id, order: cur.order });
  }
  return plan;
}
