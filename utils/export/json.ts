/** Lossless, versioned Papershelf backup. Deterministic: same records → same bytes. */
import type { Paper, SeenEntry, Topic } from '../types';

export const JSON_FORMAT = 'papershelf';
/** 2: adds `seen` (papers seen on the site: id, firstSeenAt, lastSeenAt). */
export const JSON_VERSION = 2;

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rebuilds plain objects with their keys in sorted order (arrays keep their order). */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => byKey(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}

export function toJson(papers: readonly Paper[], topics: readonly Topic[], now: Date, seen: readonly SeenEntry[] = []): string {
  const backup = {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exportedAt: now.toISOString(),
    papers: [...papers].sort((a, b) => byKey(a.id, b.id)).map(sorted),
    topics: [...topics].sort((a, b) => a.order - b.order || byKey(a.id, b.id)).map(sorted),
    seen: [...seen].sort((a, b) => byKey(a.id, b.id)).map(({ id, firstSeenAt, lastSeenAt }) => ({ firstSeenAt, id, lastSeenAt })),
  };
  return JSON.stringify(backup, null, 2) + '\n';
}
