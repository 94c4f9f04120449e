/**
 * Compiling topics: stored topics → prepared topics (prepare.ts: terms parsed and checked, plain
 * JSON) → the lookup tables `matchTopics` runs on (`compilePrepared`, here). Matching runs in the
 * background worker (the content script ships no matcher); the library page compiles too, for its
 * topic filter.
 */
import type { Topic } from '../types';
import { prepareTopics } from './prepare';
import { ScanState } from './scan-state';
import { hashKey } from './tokenize';

/**
 * A topic ready to compile: plain JSON data, made by `prepareTopics` from a stored Topic (terms
 * parsed, invalid ones dropped, regexes checked and analysed). Store it or send it as it is.
 */
export interface PreparedTopic {
  id: string;
  name: string;
  color: string;
  /** Include terms, in order, without duplicates: never empty. */
  include: PreparedTerm[];
  /** Exclusion terms (the exclude list and include lines starting with `-`), in order, without duplicates. */
  exclude: PreparedTerm[];
}

/**
 * A word or phrase: the keys of its words (lowercased, NFKC-normalised, as the tokenizer makes
 * them; a key never contains `*`), a prefix word (`diffusion*`) ending with `*`. Or a regular
 * expression, checked safe: its pattern as it is compiled (flags `giu`); the lowercase ASCII text
 * every match contains (`literal`), and the lowercase ASCII letters and digits every match starts
 * with at the start of a word (`wordStart`, for `\bRL…`), each "" when there is none.
 */
export type PreparedTerm = string[] | { regex: string; literal: string; wordStart: string };

/** Bitsets of key hashes have 2^16 bits: `bits[(h >>> 5) & 2047] & (1 << (h & 31))`. */
export const hasBit = (bits: Int32Array, h: number) => (bits[(h >>> 5) & 2047]! & (1 << (h & 31))) !== 0;
const setBit = (bits: Int32Array, h: number) => void (bits[(h >>> 5) & 2047]! |= 1 << (h & 31));
/** Bucket tables are indexed by a key hash's low bits. */
export const SLOT_MASK = 4095;

export interface Target {
  topic: number;
  negate: boolean;
}

/** One word of a term: its key, matched whole or (`prefix`) as the start of a word. */
export interface WordPattern {
  text: string;
  prefix: boolean;
}

/** A distinct word or phrase term, found through its first word, and the topics using it. */
export interface WordRef {
  words: readonly WordPattern[];
  /** hashKey of each word's text. */
  hashes: readonly number[];
  targets: Target[];
}

/** A distinct first word (or first-word prefix) and the terms starting with it, in order. */
export interface Head {
  text: string;
  prefix: boolean;
  /** `text`'s UTF-16 code units, compared without reading the string. */
  codes: readonly number[];
  /** hashKey of `text`, or for a prefix of its first min(3, length) characters. */
  hash: number;
  refs: WordRef[];
  /** For a regex's `wordStart`: the index of the flag to set when a word starts with it, else -1. */
  gate: number;
}

/** One distinct regular expression and the topics using it. */
export interface CompiledRegex {
  /** Flags `giu`; reset `lastIndex` before use. */
  re: RegExp;
  /** Index in `literals` of the text every match contains, or -1. */
  literal: number;
  /**
   * Index of the flag the word pass sets when a word starts with the regex's `wordStart`, or -1:
   * in ASCII text, the regex cannot match when the flag is not set.
   */
  gate: number;
  refs: Target[];
}

/** Opaque to callers: build with `compilePrepared` (or `compileTopics`), pass to `matchTopics`. */
export interface CompiledTopics {
  /** Topics that can match, in order. */
  readonly topics: ReadonlyArray<{ id: string; name: string; color: string }>;
  /** Terms by their first word's key (exact) or its first 3 characters (prefix); shorter prefixes in `shortPrefixes`. */
  readonly exact: ReadonlyMap<string, readonly WordRef[]>;
  readonly prefixes: ReadonlyMap<string, readonly WordRef[]>;
  readonly shortPrefixes: readonly WordRef[];
  /**
   * For ASCII words, which cost no string: a bitset of the `hash` of exact terms, and one of
   * prefix terms, to turn most words away; then `buckets[exactSlots[hash & SLOT_MASK] - 1]` (and
   * the same with `prefixSlots`) holds the first words to compare with (0: none).
   */
  readonly exactBits: Int32Array;
  readonly prefixBits: Int32Array;
  readonly exactSlots: Uint16Array;
  readonly prefixSlots: Uint16Array;
  readonly buckets: ReadonlyArray<readonly Head[]>;
  /** Bit 1: some prefix term is 1 character long; bit 2: some is 2 characters long. */
  readonly shortLengths: number;
  /** How many regex word-start flags there are (see CompiledRegex.gate). */
  readonly gates: number;
  readonly regexes: readonly CompiledRegex[];
  /** Case-insensitive (`iu`, like the regexes) searches for required texts, shared between regexes. */
  readonly literals: readonly RegExp[];
  /** word → the refs whose first word matches it; filled while matching, cleared when large. */
  readonly cache: Map<string, readonly WordRef[]>;
  /** The scratch state of a scan with these tables, reused card after card (matching is synchronous). */
  readonly scan: ScanState;
}

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/** The words of a prepared word term, or null when it is not one (stored data is not trusted). */
function wordsOf(term: unknown): WordPattern[] | null {
  if (!Array.isArray(term) || term.length === 0) return null;
  const words: WordPattern[] = [];
  for (const w of term) {
    if (typeof w !== 'string') return null;
    const prefix = w.endsWith('*');
    const text = prefix ? w.slice(0, -1) : w;
    if (text === '' || text.includes('*')) return null;
    words.push({ text, prefix });
  }
  return words;
}

function codeUnits(s: string): number[] {
  const codes: number[] = [];
  for (let i = 0; i < s.length; i++) codes.push(s.charCodeAt(i));
  return codes;
}

const WORD_START = /^[a-z0-9]{2,}$/;

const isRegexTerm = (term: unknown): term is { regex: string; literal: string; wordStart?: unknown } =>
  term !== null && typeof term === 'object' && !Array.isArray(term) &&
  typeof (term as { regex: unknown }).regex === 'string' && (term as { regex: string }).regex !== '' &&
  typeof (term as { literal: unknown }).literal === 'string';

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

function makeRegex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, 'giu');
  } catch {
    return null;
  }
}

/** The tables under construction (a class rather than closures, so its code stays warm between compilations). */
class Builder {
  readonly exact = new Map<string, WordRef[]>();
  readonly prefixes = new Map<string, WordRef[]>();
  readonly shortPrefixes: WordRef[] = [];
  // One buffer for the four tables.
  readonly buffer = new ArrayBuffer(2 * 2048 * 4 + 2 * (SLOT_MASK + 1) * 2);
  readonly exactBits = new Int32Array(this.buffer, 0, 2048);
  readonly prefixBits = new Int32Array(this.buffer, 2048 * 4, 2048);
  readonly exactSlots = new Uint16Array(this.buffer, 2 * 2048 * 4, SLOT_MASK + 1);
  readonly prefixSlots = new Uint16Array(this.buffer, 2 * 2048 * 4 + (SLOT_MASK + 1) * 2, SLOT_MASK + 1);
  readonly buckets: Head[][] = [];
  readonly heads = new Map<string, Head>();
  readonly regexes = new Map<string, CompiledRegex>();
  readonly wordRefs = new Map<string, WordRef>();
  readonly literals: string[] = [];
  shortLengths = 0;
  gates = 0;

  /** The head of `w` (made and put in its bucket if new). */
  headOf(w: WordPattern): Head {
    const id = w.prefix ? `${w.text}*` : w.text;
    let head = this.heads.get(id);
    if (head) return head;
    const hash = hashKey(w.text, w.prefix ? Math.min(3, w.text.length) : w.text.length);
    head = { text: w.text, prefix: w.prefix, codes: codeUnits(w.text), hash, refs: [], gate: -1 };
    this.heads.set(id, head);
    const slots = w.prefix ? this.prefixSlots : this.exactSlots;
    const s = hash & SLOT_MASK;
    if (slots[s] === 0) slots[s] = this.buckets.push([]);
    this.buckets[slots[s]! - 1]!.push(head);
    setBit(w.prefix ? this.prefixBits : this.exactBits, hash);
    return head;
  }

  /** Add one term of topic `topic`; false if it is not a valid term. */
  add(term: unknown, topic: number, negate: boolean): boolean {
    if (isRegexTerm(term)) {
      let rx = this.regexes.get(term.regex);
      if (!rx) {
        const re = makeRegex(term.regex);
        if (!re) return false;
        const lit = term.literal;
        const literals = this.literals;
        if (lit !== '' && !literals.includes(lit)) literals.push(lit);
        let gate = -1;
        const start = term.wordStart;
        if (typeof start === 'string' && WORD_START.test(start)) {
          const head = this.headOf({ text: start, prefix: true });
          if (head.gate < 0) head.gate = this.gates++;
          gate = head.gate;
          if (start.length < 3) this.shortLengths |= start.length;
        }
        rx = { re, literal: lit === '' ? -1 : literals.indexOf(lit), gate, refs: [] };
        this.regexes.set(term.regex, rx);
      }
      if (!rx.refs.some((r) => r.topic === topic && r.negate === negate)) rx.refs.push({ topic, negate });
      return true;
    }
    const words = wordsOf(term);
    if (!words) return false;
    const sig = (term as string[]).join('\0');
    let ref = this.wordRefs.get(sig);
    if (ref) {
      if (!ref.targets.some((t) => t.topic === topic && t.negate === negate)) ref.targets.push({ topic, negate });
      return true;
    }
    const hashes: number[] = [];
    for (const w of words) hashes.push(hashKey(w.text));
    ref = { words, hashes, targets: [{ topic, negate }] };
    this.wordRefs.set(sig, ref);
    const first = words[0]!;
    this.headOf(first).refs.push(ref);
    if (!first.prefix) push(this.exact, first.text, ref);
    else if (first.text.length >= 3) push(this.prefixes, first.text.slice(0, 3), ref);
    else this.shortPrefixes.push(ref), (this.shortLengths |= first.text.length);
    return true;
  }
}

/**
 * Compile prepared topics. Never throws: malformed entries (stored data) are skipped, like a topic
 * left without a valid include term. Regexes are trusted to have been checked by `prepareTopics`.
 */
export function compilePrepared(prepared: readonly PreparedTopic[]): CompiledTopics {
  const b = new Builder();
  const out: Array<{ id: string; name: string; color: string }> = [];
  for (const t of Array.isArray(prepared) ? prepared : []) {
    if (t === null || typeof t !== 'object') continue;
    const include = Array.isArray(t.include) ? t.include : [];
    const exclude = Array.isArray(t.exclude) ? t.exclude : [];
    const topic = out.length;
    let any = false;
    for (const term of include) any = b.add(term, topic, false) || any;
    if (!any) continue; // can never match (nothing of it was added)
    for (const term of exclude) b.add(term, topic, true);
    out.push({ id: String(t.id), name: String(t.name), color: String(t.color) });
  }
  return {
    topics: out,
    exact: b.exact,
    prefixes: b.prefixes,
    shortPrefixes: b.shortPrefixes,
    exactBits: b.exactBits,
    prefixBits: b.prefixBits,
    exactSlots: b.exactSlots,
    prefixSlots: b.prefixSlots,
    buckets: b.buckets,
    shortLengths: b.shortLengths,
    gates: b.gates,
    regexes: [...b.regexes.values()],
    literals: b.literals.map((l) => new RegExp(escape(l), 'iu')),
    cache: new Map(),
    scan: new ScanState(),
  };
}

/** Compile stored topics into lookup tables for `matchTopics`: `compilePrepared(prepareTopics(topics))`. */
export function compileTopics(topics: readonly Topic[]): CompiledTopics {
  return compilePrepared(prepareTopics(topics));
}
