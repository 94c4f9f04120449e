/** Lossless, versioned Papershelf backup. Deterministic: same records → same bytes. */
import type { Paper, Topic } from '../types';

export const JSON_FORMAT = 'papershelf';
export const JSON_VERSION = 1;

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Rebuilds plain objects with their keys in sorted order (arrays keep their order). */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => byKey(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
}

export function toJson(papers: readonly Paper[], topics: readonly Topic[], now: Date): string {
  const backup = {
    format: JSON_FORMAT,
    version: JSON_VERSION,
    exportedAt: now.toISOString(),
    papers: [...papers].sort((a, b) => byKey(a.id, b.id)).map(sorted),
    topics: [...topics].sort((a, b) => a.order - b.order || byKey(a.id, b.id)).map(sorted),
  };
  return JSON.stringify(backup, null, 2) + '\n';
}
