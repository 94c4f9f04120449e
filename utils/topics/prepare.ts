/**
 * The parsing half of compiling topics: stored Topic records → PreparedTopic data (plain JSON, for
 * storage and messages), which `compilePrepared` turns into lookup tables without the parser.
 */
import type { Topic } from '../types';
import { type CompiledTopics, type PreparedTerm, type PreparedTopic, compilePrepared } from './compile';
import { MAX_TERMS_PER_TOPIC, type Term, isSkippedLine, parseTerm } from './parse';
import { fastPattern, requiredLiteral, wordStartLiteral } from './regex-analysis';

const lines = (x: unknown): string[] =>
  Array.isArray(x) ? x.filter((l): l is string => typeof l === 'string' && !isSkippedLine(l)) : [];

/** The valid terms of a stored topic (exclude-list terms negated), at most MAX_TERMS_PER_TOPIC. */
function storedTerms(t: Topic): Term[] {
  const terms: Term[] = [];
  const all = [...lines(t.include).map((l) => [l, false] as const), ...lines(t.exclude).map((l) => [l, true] as const)];
  for (const [line, excluded] of all.slice(0, MAX_TERMS_PER_TOPIC)) {
    const r = parseTerm(line);
    if (r.ok) terms.push(excluded ? { ...r.term, negate: true } : r.term);
  }
  return terms;
}

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

function prepareTerm(term: Term, regexes: Map<string, PreparedTerm>): PreparedTerm {
  if (term.kind !== 'regex') return term.words.map((w) => (w.prefix ? `${w.text}*` : w.text));
  let p = regexes.get(term.pattern);
  if (!p) {
    const { pattern } = term;
    p = { regex: regexSource(pattern), literal: requiredLiteral(pattern) ?? '', wordStart: wordStartLiteral(pattern) ?? '' };
    regexes.set(pattern, p);
  }
  return p;
}

const orderOf = (t: Topic) => (typeof t.order === 'number' && Number.isFinite(t.order) ? t.order : Infinity);

/**
 * Parse and check the terms of stored topics once: the enabled topics that can match (at least one
 * valid include term), in order, with their valid terms. Never throws on stored data.
 */
export function prepareTopics(topics: readonly Topic[]): PreparedTopic[] {
  const out: PreparedTopic[] = [];
  const regexes = new Map<string, PreparedTerm>(); // analysed once however many topics use one
  const sorted = (Array.isArray(topics) ? topics : [])
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t !== null && typeof t === 'object' && t.enabled !== false)
    .sort((a, b) => orderOf(a.t) - orderOf(b.t) || a.i - b.i);
  for (const { t } of sorted) {
    const include: PreparedTerm[] = [];
    const exclude: PreparedTerm[] = [];
    const seen = new Set<string>();
    for (const term of storedTerms(t)) {
      const p = prepareTerm(term, regexes);
      const sig = `${term.negate}${JSON.stringify(p)}`;
      if (seen.has(sig)) continue;
      seen.add(sig);
      (term.negate ? exclude : include).push(p);
    }
    if (include.length === 0) continue; // can never match
    out.push({ id: String(t.id), name: String(t.name), color: String(t.color), include, exclude });
  }
  return out;
}

/** Compile stored topics once into lookup tables for `matchTopics`: `compilePrepared(prepareTopics(topics))`. */
export function compileTopics(topics: readonly Topic[]): CompiledTopics {
  return compilePrepared(prepareTopics(topics));
}
