/**
 * The word pass over one field. Each word is hashed while it is scanned; an ASCII word is looked up
 * by that hash (a bitset, then a Map of small integers) and compared in place, so it costs no string
 * unless it matches; other words go through a string Map cached per distinct word. Phrases are
 * checked from their first word, reading the following words once however many phrases share it.
 */
import { type CompiledTopics, KEY_MASK, type WordRef, hasBit } from './compile';
import { excluded, record } from './hits';
import { Word, nextWord, seen, wordKey } from './tokenize';

const CACHE_LIMIT = 50_000;
const EMPTY: readonly WordRef[] = [];

const cur = new Word();
const nxt = new Word();

/** Word and phrase terms whose first word matches `word` (a key), through the per-word cache. */
function refsFor(c: CompiledTopics, word: string): readonly WordRef[] {
  let refs = c.cache.get(word);
  if (refs !== undefined) return refs;
  const found: WordRef[] = [...(c.exact.get(word) ?? EMPTY)];
  for (const ref of c.prefixes.get(word.slice(0, 3)) ?? EMPTY) if (word.startsWith(ref.words[0]!.text)) found.push(ref);
  for (const ref of c.shortPrefixes) if (word.startsWith(ref.words[0]!.text)) found.push(ref);
  refs = found.length ? found : EMPTY;
  if (c.cache.size >= CACHE_LIMIT) c.cache.clear();
  c.cache.set(word, refs);
  return refs;
}

const lc = (c: number) => (c >= 65 && c <= 90 ? c + 32 : c);

/** Whether text[start, start + key.length) lowercases to `key` (an ASCII word's characters). */
function startsWithKey(text: string, start: number, key: string): boolean {
  for (let j = 0; j < key.length; j++) if (lc(text.charCodeAt(start + j)) !== key.charCodeAt(j)) return false;
  return true;
}

// The words joined after the current one, read once however many phrases start with it.
const aheadKeys: string[] = [];
const aheadEnds: number[] = [];
let aheadFrom = -1; // the cur.end they follow; -1: none yet in this field
let aheadCount = 0;
let aheadDone = false; // no further joined word

/** Key of the k-th word (0-based) joined after the current one, or null. */
function ahead(text: string, k: number): string | null {
  if (aheadFrom !== cur.end) (aheadFrom = cur.end), (aheadCount = 0), (aheadDone = false);
  while (aheadCount <= k && !aheadDone) {
    if (!nextWord(text, aheadCount === 0 ? cur.end : aheadEnds[aheadCount - 1]!, nxt) || !nxt.joined) aheadDone = true;
    else (aheadKeys[aheadCount] = wordKey(text, nxt)), (aheadEnds[aheadCount++] = nxt.end);
  }
  return k < aheadCount ? aheadKeys[k]! : null;
}

/** A term whose first word matched the word in `cur` (whose key is `key`): check the rest, record. */
function found(ref: WordRef, key: string, text: string, field: number): void {
  let end = cur.end;
  const pats = ref.words;
  if (pats.length > 1) {
    for (let k = 1; k < pats.length; k++) {
      const next = ahead(text, k - 1);
      const p = pats[k]!;
      if (next === null || (p.prefix ? !next.startsWith(p.text) : next !== p.text)) return;
      key += ` ${next}`;
    }
    end = aheadEnds[pats.length - 2]!;
  }
  const plain = pats.length === 1 && cur.ascii && !cur.hidden;
  for (const t of ref.targets) if (!excluded(t.topic)) record(t.topic, t.negate, field, cur.start, end, text, key, plain);
}

/** Prefix terms in the bucket of hash `h` (of the word's first `k` characters) that start `cur`. */
function prefixBucket(c: CompiledTopics, text: string, field: number, h: number, k: number): void {
  const refs = c.prefixByHash.get(h & KEY_MASK);
  if (refs === undefined) return;
  let key: string | null = null;
  for (const ref of refs) {
    const p = ref.words[0]!.text;
    if ((k < 3 ? p.length !== k : p.length < 3) || p.length > cur.len || !startsWithKey(text, cur.start, p)) continue;
    found(ref, (key ??= wordKey(text, cur)), text, field);
  }
}

/** Record the word and phrase terms found in `text`; returns whether it has invisible characters. */
export function scanWords(c: CompiledTopics, text: string, field: number): boolean {
  seen.hidden = false;
  aheadFrom = -1;
  const { exactBits, exactByHash, shortLengths } = c;
  const bits = c.prefixBits;
  for (let pos = 0; nextWord(text, pos, cur); pos = cur.end) {
    if (!cur.ascii || cur.hidden) {
      const key = wordKey(text, cur);
      for (const ref of refsFor(c, key)) found(ref, key, text, field);
      continue;
    }
    const h = cur.hash;
    if (hasBit(exactBits, h)) {
      const refs = exactByHash.get(h & KEY_MASK);
      if (refs !== undefined)
        for (const ref of refs) {
          const key = ref.words[0]!.text;
          if (key.length === cur.len && startsWithKey(text, cur.start, key)) found(ref, key, text, field);
        }
    }
    if (bits === null) continue;
    const start = cur.start;
    const len = cur.len;
    const h1 = lc(text.charCodeAt(start));
    if (shortLengths & 1 && hasBit(bits, h1)) prefixBucket(c, text, field, h1, 1);
    if (len < 2) continue;
    const h2 = (Math.imul(h1, 31) + lc(text.charCodeAt(start + 1))) | 0;
    if (shortLengths & 2 && hasBit(bits, h2)) prefixBucket(c, text, field, h2, 2);
    if (len < 3) continue;
    const h3 = (Math.imul(h2, 31) + lc(text.charCodeAt(start + 2))) | 0;
    if (hasBit(bits, h3)) prefixBucket(c, text, field, h3, 3);
  }
  return seen.hidden;
}
