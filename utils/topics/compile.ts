/** Compile stored topics once into lookup tables for `matchTopics`. Never throws on stored data. */
import type { Topic } from '../types';
import { MAX_TERMS_PER_TOPIC, type Term, type WordPattern, isSkippedLine, parseTerm } from './parse';
import { fastPattern, requiredLiteral } from './regex-analysis';
import { hashKey } from './tokenize';

/** Bitsets of key hashes have 2^16 bits: `bits[(h >>> 5) & 2047] & (1 << (h & 31))`. */
export const hasBit = (bits: Uint32Array, h: number) => (bits[(h >>> 5) & 2047]! & (1 << (h & 31))) !== 0;
const setBit = (bits: Uint32Array, h: number) => void (bits[(h >>> 5) & 2047]! |= 1 << (h & 31));
/** Hashes used as Map keys are cut to 30 bits so that they stay small integers. */
export const KEY_MASK = 0x3fffffff;

export interface Target {
  topic: number;
  negate: boolean;
}

/** A distinct word or phrase term, found through its first word, and the topics using it. */
export interface WordRef {
  words: readonly WordPattern[];
  /** The first word's text. */
  first: string;
  /** hashKey of each word's text. */
  hashes: readonly number[];
  targets: Target[];
}

/** One distinct regular expression and the topics using it. */
export interface CompiledRegex {
  /** Flags `giu`; reset `lastIndex` before use. */
  re: RegExp;
  /** Index in `literals` of the text every match contains (see requiredLiteral), or -1. */
  literal: number;
  refs: Target[];
}

/** Opaque to callers: build with `compileTopics`, pass to `matchTopics`. */
export interface CompiledTopics {
  /** Enabled topics that can match, in topic order. */
  readonly topics: ReadonlyArray<{ id: string; name: string; color: string }>;
  readonly exact: ReadonlyMap<string, readonly WordRef[]>;
  /** Prefix terms keyed by their first 3 UTF-16 units; shorter prefixes in `shortPrefixes`. */
  readonly prefixes: ReadonlyMap<string, readonly WordRef[]>;
  readonly shortPrefixes: readonly WordRef[];
  /** For ASCII words, which cost no string: exact terms by `hashKey(first word) & KEY_MASK`… */
  readonly exactByHash: ReadonlyMap<number, readonly WordRef[]>;
  readonly exactBits: Uint32Array;
  /** …and prefix terms by `hashKey(prefix, min(3, length)) & KEY_MASK`. */
  readonly prefixByHash: ReadonlyMap<number, readonly WordRef[]>;
  readonly prefixBits: Uint32Array;
  /** Bit 1: some prefix term is 1 character long; bit 2: some is 2 characters long. */
  readonly shortLengths: number;
  readonly regexes: readonly CompiledRegex[];
  /** Case-insensitive (`iu`, like the regexes) searches for required texts, shared between regexes. */
  readonly literals: readonly RegExp[];
  /** word → the refs whose first word matches it; filled while matching, cleared when large. */
  readonly cache: Map<string, readonly WordRef[]>;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

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

/** The pattern (validated by parseTerm) with its word boundaries rewritten for speed. */
function compileRegex(pattern: string): RegExp {
  try {
    return new RegExp(fastPattern(pattern), 'giu');
  } catch {
    return new RegExp(pattern, 'giu');
  }
}

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

const orderOf = (t: Topic) => (typeof t.order === 'number' && Number.isFinite(t.order) ? t.order : Infinity);

export function compileTopics(topics: readonly Topic[]): CompiledTopics {
  const exact = new Map<string, WordRef[]>();
  const prefixes = new Map<string, WordRef[]>();
  const shortPrefixes: WordRef[] = [];
  const exactByHash = new Map<number, WordRef[]>();
  const prefixByHash = new Map<number, WordRef[]>();
  const exactBits = new Uint32Array(2048);
  const prefixBits = new Uint32Array(2048);
  const regexes = new Map<string, CompiledRegex>();
  const wordRefs = new Map<string, WordRef>();
  let shortLengths = 0;
  const literals: string[] = [];
  const out: Array<{ id: string; name: string; color: string }> = [];
  const sorted = (Array.isArray(topics) ? topics : [])
    .map((t, i) => ({ t, i }))
    .filter(({ t }) => t !== null && typeof t === 'object' && t.enabled !== false)
    .sort((a, b) => orderOf(a.t) - orderOf(b.t) || a.i - b.i);
  for (const { t } of sorted) {
    const terms = storedTerms(t);
    if (!terms.some((x) => !x.negate)) continue; // can never match
    const topic = out.length;
    out.push({ id: String(t.id), name: String(t.name), color: String(t.color) });
    const seen = new Set<string>();
    for (const term of terms) {
      const sig = term.kind === 'regex' ? `/${term.pattern}` : term.words.map((w) => w.text + (w.prefix ? '*' : '')).join(' ');
      if (seen.has(`${term.negate}${sig}`)) continue;
      seen.add(`${term.negate}${sig}`);
      if (term.kind === 'regex') {
        let rx = regexes.get(term.pattern);
        if (!rx) {
          const lit = requiredLiteral(term.pattern);
          if (lit !== null && !literals.includes(lit)) literals.push(lit);
          rx = { re: compileRegex(term.pattern), literal: lit === null ? -1 : literals.indexOf(lit), refs: [] };
          regexes.set(term.pattern, rx);
        }
        rx.refs.push({ topic, negate: term.negate });
        continue;
      }
      let ref = wordRefs.get(sig);
      if (ref) {
        ref.targets.push({ topic, negate: term.negate });
        continue;
      }
      ref = { words: term.words, first: term.words[0]!.text, hashes: term.words.map((w) => hashKey(w.text)), targets: [{ topic, negate: term.negate }] };
      wordRefs.set(sig, ref);
      const first = term.words[0]!;
      if (!first.prefix) {
        const h = hashKey(first.text);
        push(exact, first.text, ref);
        push(exactByHash, h & KEY_MASK, ref);
        setBit(exactBits, h);
      } else {
        const h = hashKey(first.text, Math.min(3, first.text.length));
        if (first.text.length >= 3) push(prefixes, first.text.slice(0, 3), ref);
        else shortPrefixes.push(ref), (shortLengths |= first.text.length);
        push(prefixByHash, h & KEY_MASK, ref);
        setBit(prefixBits, h);
      }
    }
  }
  return {
    topics: out,
    exact,
    prefixes,
    shortPrefixes,
    exactByHash,
    exactBits,
    prefixByHash,
    prefixBits,
    shortLengths,
    regexes: [...regexes.values()],
    literals: literals.map((l) => new RegExp(escape(l), 'iu')),
    cache: new Map(),
  };
}
