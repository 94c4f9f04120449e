/**
 * The parsing half of compiling topics: stored Topic records → PreparedTopic data (plain JSON, for
 * storage and messages), which `compilePrepared` (compile.ts) turns into lookup tables without the parser.
 */
import type { Topic } from '../types';
import type { PreparedTerm, PreparedTopic } from './compile';
import { MAX_TERMS_PER_TOPIC, isSkippedLine, parseTerm } from './parse';
import { fastPattern, requiredLiteral, wordStartLiteral } from './regex-analysis';

/** The pattern (validated by parseTerm) with its word boundaries rewritten for speed, if that compiles. */
function regexSource(pattern: string): string {
  try {
    const fast = fastPattern(pattern);
    new RegExp(fast, 'giu');
    return fast;
  } catch {
    return pattern;
  }
}

/** A line's prepared term; `sig` tells duplicates apart. */
interface LineTerm {
  term: PreparedTerm;
  negate: boolean;
  sig: string;
}

/** A blank line or a comment: not a term, and not counted against MAX_TERMS_PER_TOPIC. */
const SKIP = 'skip';

function prepareLine(line: string): LineTerm | null | typeof SKIP {
  if (isSkippedLine(line)) return SKIP;
  const r = parseTerm(line);
  if (!r.ok) return null;
  const t = r.term;
  if (t.kind !== 'regex') {
    const words = t.words.map((w) => (w.prefix ? `${w.text}*` : w.text));
    return { term: words, negate: t.negate, sig: words.join('\0') };
  }
  const term = { regex: regexSource(t.pattern), literal: requiredLiteral(t.pattern) ?? '', wordStart: wordStartLiteral(t.pattern) ?? '' };
  return { term, negate: t.negate, sig: `/${term.regex}` };
}

/**
 * Prepared terms by line. A line's term depends on the line alone, and parsing is most of the cost
 * of compiling, which sees the same lines again and again (the background compiles on every save
 * to tag the paper; pages and the library recompile on every topic change). Emptied when full.
 */
const lineCache = new Map<string, LineTerm | null | typeof SKIP>();
const LINE_CACHE_LIMIT = 5000;

function lineTerm(line: string): LineTerm | null | typeof SKIP {
  let t = lineCache.get(line);
  if (t === undefined) {
    t = prepareLine(line);
    if (lineCache.size >= LINE_CACHE_LIMIT) lineCache.clear();
    lineCache.set(line, t);
  }
  return t;
}

/** A copy of a cached term, so that no caller can change the cache through its result. */
const copy = (t: PreparedTerm): PreparedTerm => (Array.isArray(t) ? [...t] : { ...t });

const orderOf = (t: Topic) => (typeof t.order === 'number' && Number.isFinite(t.order) ? t.order : Infinity);

/**
 * Parse and check the terms of stored topics once: the enabled topics that can match (at least one
 * valid include term), in order, with their valid terms. Never throws on stored data.
 */
export function prepareTopics(topics: readonly Topic[]): PreparedTopic[] {
  const out: PreparedTopic[] = [];
  const sorted = (Array.isArray(topics) ? topics : [])
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t !== null && typeof t === 'object' && t.enabled !== false)
    .sort((a, b) => orderOf(a.t) - orderOf(b.t) || a.i - b.i);
  for (const { t } of sorted) {
    const include: PreparedTerm[] = [];
    const exclude: PreparedTerm[] = [];
    const seen = new Set<string>();
    let count = 0; // lines that are not blank or comments, valid or not
    lists: for (const [list, excluded] of [[t.include, false], [t.exclude, true]] as const) {
      if (!Array.isArray(list)) continue;
      for (const line of list as unknown[]) {
        if (typeof line !== 'string') continue;
        const lt = lineTerm(line);
        if (lt === SKIP) continue;
        if (count++ === MAX_TERMS_PER_TOPIC) break lists;
        if (lt === null) continue;
        const negate = excluded || lt.negate;
        const sig = `${negate}${lt.sig}`;
        if (seen.has(sig)) continue;
        seen.add(sig);
        (negate ? exclude : include).push(copy(lt.term));
      }
    }
    if (include.length === 0) continue; // can never match
    out.push({ id: String(t.id), name: String(t.name), color: String(t.color), include, exclude });
  }
  return out;
}

/**
 * The enabled topics that can match, in order, as `prepareTopics` would list them (same topics,
 * same order), but parsing each topic's lines only until its first valid include term: what a page's
 * lookup needs, without preparing every term (~5–15 ms on a worker that has just started).
 */
export function matchableTopics(topics: readonly Topic[]): Array<{ id: string; name: string; color: string }> {
  const sorted = (Array.isArray(topics) ? topics : [])
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t !== null && typeof t === 'object' && t.enabled !== false)
    .sort((a, b) => orderOf(a.t) - orderOf(b.t) || a.i - b.i);
  const out: Array<{ id: string; name: string; color: string }> = [];
  for (const { t } of sorted) {
    if (!Array.isArray(t.include)) continue;
    let count = 0;
    for (const line of t.include as unknown[]) {
      if (typeof line !== 'string') continue;
      const lt = lineTerm(line);
      if (lt === SKIP) continue;
      if (count++ === MAX_TERMS_PER_TOPIC) break;
      // An include line may be an exclusion ("-term"): it does not make the topic match.
      if (lt !== null && !lt.negate) {
        out.push({ id: String(t.id), name: String(t.name), color: String(t.color) });
        break;
      }
    }
  }
  return out;
}
