/**
 * Payloads from extension pages, checked for shape here: the pages validate what they send, but
 * the background trusts no page (a compromised or buggy one, or a message typed by hand).
 */
import { capped } from '@/utils/capped';
import { isRecord, LIMITS, validatePaper, validateTopic as validateTopicRecord } from '@/utils/import/validate';
import { MAX_IDS, type MatchCard, type TopicInput } from '@/utils/messages';
import { normaliseId } from '@/utils/paper-id';
import type { Paper, SeenEntry, Topic } from '@/utils/types';

/** At most 10 messages, then "…and N more". */
export const firstErrors = (errors: string[]) => capped(errors, 10);

export const isStringList = (v: unknown, max: number): v is string[] =>
  Array.isArray(v) && v.length <= max && v.every((x) => typeof x === 'string');

/** A topic from an extension page, checked for shape before its terms are (the page is not trusted). */
export function topicInput(raw: unknown): TopicInput {
  if (!isRecord(raw)) throw new Error('Expected a topic.');
  const { id, name, color, include, exclude, enabled } = raw;
  if (id !== undefined && typeof id !== 'string') throw new Error('The topic id must be text.');
  if (typeof name !== 'string') throw new Error('The topic needs a name.');
  if (typeof color !== 'string') throw new Error('The topic colour must be "#rrggbb".');
  // Blank lines and # comments are allowed, so a list may be longer than the term limit, but not unbounded.
  if (!isStringList(include, 2000) || !isStringList(exclude, 2000))
    throw new Error('Include and Exclude must be lists of at most 2,000 lines of text.');
  if (enabled !== undefined && typeof enabled !== 'boolean') throw new Error('"enabled" must be true or false.');
  // Invisible characters (zero-width, bidi marks) at the ends do not make a name.
  return { id, name: name.replace(/^[\s\p{Cf}]+|[\s\p{Cf}]+$/gu, ''), color, include, exclude, enabled: enabled !== false };
}

const text = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/**
 * Cards a content script sends for matching: page text, so bounded in number and length; entries
 * that are not cards are left out.
 */
export function matchInput(raw: unknown): MatchCard[] {
  if (!Array.isArray(raw) || raw.length > MAX_IDS) throw new Error(`Expected at most ${MAX_IDS.toLocaleString('en-US')} cards to match.`);
  const out: MatchCard[] = [];
  for (const c of raw) {
    if (!isRecord(c) || typeof c.id !== 'string' || typeof c.title !== 'string') continue;
    const id = normaliseId(c.id);
    if (!id) continue;
    const keywords = Array.isArray(c.keywords) ? c.keywords.slice(0, 50).filter((k): k is string => typeof k === 'string').map((k) => k.slice(0, 200)) : undefined;
    out.push({ id, title: c.title.slice(0, 2000), abstract: text(c.abstract, 20_000), keywords, organization: text(c.organization, 300) });
  }
  return out;
}

/**
 * Records sent for import, validated again here: the page parsed and validated them, but the
 * background trusts no page. Any invalid record refuses the whole import.
 */
export function importedRecords(papers: unknown, topics: unknown, nowIso: string): { papers: Paper[]; topics: Topic[] } {
  if (!Array.isArray(papers) || !Array.isArray(topics)) throw new Error('Import refused: expected lists of papers and topics. Nothing was changed.');
  if (papers.length > LIMITS.papers)
    throw new Error(`Import refused: at most ${LIMITS.papers.toLocaleString('en-US')} papers can be imported at once. Nothing was changed.`);
  if (topics.length > LIMITS.topics)
    throw new Error(`Import refused: at most ${LIMITS.topics.toLocaleString('en-US')} topics can be imported. Nothing was changed.`);
  const errors: string[] = [];
  const ctx = { nowIso, warnings: [] };
  const out = { papers: [] as Paper[], topics: [] as Topic[] };
  papers.forEach((raw, i) => {
    const r = validatePaper(raw, `papers[${i}]`, ctx);
    if (Array.isArray(r)) errors.push(...r);
    else out.papers.push(r);
  });
  topics.forEach((raw, i) => {
    const r = validateTopicRecord(raw, `topics[${i}]`, ctx);
    if (Array.isArray(r)) errors.push(...r);
    else out.topics.push(r);
  });
  if (errors.length) throw new Error(`Import refused, nothing was changed:\n${firstErrors(errors).join('\n')}`);
  return out;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Seen entries sent for import (from a backup), checked again: any invalid one refuses the import. */
export function seenInput(raw: unknown): SeenEntry[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > LIMITS.seen)
    throw new Error(`Import refused: expected at most ${LIMITS.seen.toLocaleString('en-US')} seen papers. Nothing was changed.`);
  return raw.map((e, i) => {
    const id = isRecord(e) && typeof e.id === 'string' ? normaliseId(e.id) : null;
    if (!id || !isRecord(e) || typeof e.firstSeenAt !== 'string' || typeof e.lastSeenAt !== 'string' || !ISO.test(e.firstSeenAt) || !ISO.test(e.lastSeenAt))
      throw new Error(`Import refused, nothing was changed:\nseen[${i}]: expected { id, firstSeenAt, lastSeenAt } with an arXiv id and ISO dates.`);
    return { id, firstSeenAt: e.firstSeenAt, lastSeenAt: e.lastSeenAt };
  });
}
