/** The topic form's working copy and what the editor derives from it. Pure: no DOM, no messages. */
import type { TopicInput } from '@/utils/protocol/messages';
import { parseTerms, validateTopic } from '@/utils/topics';
import type { Topic } from '@/utils/types';

/** What the form holds: terms as typed, one per line. */
export interface Draft {
  id?: string;
  name: string;
  color: string;
  include: string;
  exclude: string;
  enabled: boolean;
}

export type Field = 'name' | 'include' | 'exclude';
export type FieldErrors = Record<Field, string[]>;

/** Distinct, readable on light and dark pages; a new topic takes the first one not in use. */
export const PALETTE = ['#6d28d9', '#1d4ed8', '#0f766e', '#b45309', '#be123c', '#4d7c0f', '#0369a1', '#a21caf'];

export function nextColor(topics: ReadonlyArray<Pick<Topic, 'color'>>): string {
  const used = new Set(topics.map((t) => t.color.toLowerCase()));
  return PALETTE.find((c) => !used.has(c)) ?? PALETTE[topics.length % PALETTE.length]!;
}

export const splitLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

export function emptyDraft(topics: ReadonlyArray<Pick<Topic, 'color'>>, term?: string): Draft {
  return { name: '', color: nextColor(topics), include: term ?? '', exclude: '', enabled: true };
}

export function draftFromTopic(t: Topic): Draft {
  return { id: t.id, name: t.name, color: t.color, include: t.include.join('\n'), exclude: t.exclude.join('\n'), enabled: t.enabled };
}

/** The message payload: blank lines dropped, everything else (comments included) kept as typed. */
export function draftToInput(d: Draft): TopicInput {
  const keep = (text: string) => splitLines(text).map((l) => l.trim()).filter(Boolean);
  return { ...(d.id ? { id: d.id } : {}), name: d.name.trim(), color: d.color, include: keep(d.include), exclude: keep(d.exclude), enabled: d.enabled };
}

export function topicToInput(t: Topic): TopicInput {
  return { id: t.id, name: t.name, color: t.color, include: t.include, exclude: t.exclude, enabled: t.enabled };
}

/** Remove one occurrence of each of `take` from `from` (multiset difference). */
function without(from: string[], take: string[]): string[] {
  const rest = [...from];
  for (const x of take) {
    const i = rest.indexOf(x);
    if (i >= 0) rest.splice(i, 1);
  }
  return rest;
}

/**
 * `validateTopic`'s errors, each placed next to the field it is about: term errors by the list
 * they come from, name errors by the name, and whatever concerns the terms as a whole (none to
 * include, too many) by Include.
 */
export function fieldErrors(d: Draft): FieldErrors {
  const include = splitLines(d.include);
  const exclude = splitLines(d.exclude);
  const all = validateTopic({ name: d.name, include, exclude });
  if (!all.length) return { name: [], include: [], exclude: [] };
  const inc = parseTerms(include).errors;
  const exc = parseTerms(exclude).errors;
  // The same name with one harmless term: only what is wrong with the name remains.
  const name = validateTopic({ name: d.name, include: ['x'], exclude: [] });
  return { name, include: [...inc, ...without(all, [...name, ...inc, ...exc])], exclude: exc };
}

export const hasErrors = (e: FieldErrors): boolean => e.name.length + e.include.length + e.exclude.length > 0;

/** Terms that take effect, for the list: include terms, and exclusions from either list. */
export function termCounts(t: Pick<Topic, 'include' | 'exclude'>): { include: number; exclude: number } {
  const inc = parseTerms(t.include).terms;
  const exc = parseTerms(t.exclude).terms;
  const negated = inc.filter((x) => x.negate).length;
  return { include: inc.length - negated, exclude: exc.length + negated };
}

/** `#topics?term=<term>` (the context menu's "New topic…") → the term, else null. */
export function termFromHash(hash: string): string | null {
  const q = hash.indexOf('?');
  if (!hash.startsWith('#topics') || q < 0) return null;
  const term = new URLSearchParams(hash.slice(q + 1)).get('term')?.trim();
  return term ? term : null;
}

/** Topic ids after moving `id` by `delta` places (clamped to the ends). */
export function moveId(ids: readonly string[], id: string, delta: number): string[] {
  const from = ids.indexOf(id);
  if (from < 0) return [...ids];
  const to = Math.max(0, Math.min(ids.length - 1, from + delta));
  const next = [...ids];
  next.splice(from, 1);
  next.splice(to, 0, id);
  return next;
}

export const sortTopics = (topics: readonly Topic[]): Topic[] =>
  [...topics].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));

export { errorText } from '@/utils/errors';
