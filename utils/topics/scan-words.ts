/**
 * The word pass over one field. ASCII words are read and hashed in a tight loop here, looked up by
 * hash (a bitset, then a Map of small integers) and compared in place, so they cost no string
 * unless they match; anything else goes through `nextWord` and a string Map cached per distinct
 * word. Phrases are checked from their first word, reading the words after it once however many
 * phrases share it.
 */
import { type CompiledTopics, KEY_MASK, type WordRef, hasBit } from './compile';
import { excluded, record } from './hits';
import { LOW, Word, keyOf, nextWord, seen, wordKey } from './tokenize';

const CACHE_LIMIT = 50_000;
const EMPTY: readonly WordRef[] = [];

/** The word being matched. */
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

// The words joined after `cur`, read once however many phrases start with it.
const ahead = { from: -1, count: 0, done: false };
const aStart: number[] = [];
const aEnd: number[] = [];
const aHash: number[] = [];
const aLen: number[] = [];
const aPlain: boolean[] = []; // ASCII, nothing invisible: hash and len are the key's
const aAscii: boolean[] = [];
const aHidden: boolean[] = [];
const aKey: Array<string | null> = [];

/** Read the word joined after position `pos` into slot j of the ahead arrays; false if there is none. */
function readAhead(text: string, pos: number, j: number): boolean {
  if (!nextWord(text, pos, nxt) || !nxt.joined) return false;
  aStart[j] = nxt.start;
  aEnd[j] = nxt.end;
  aHash[j] = nxt.hash;
  aLen[j] = nxt.len;
  aAscii[j] = nxt.ascii;
  aHidden[j] = nxt.hidden;
  aPlain[j] = nxt.ascii && !nxt.hidden;
  aKey[j] = null;
  return true;
}

/** Whether there is a k-th word (0-based) joined after `cur`; reads it if needed. */
function wordAhead(text: string, k: number): boolean {
  if (ahead.from !== cur.end) (ahead.from = cur.end), (ahead.count = 0), (ahead.done = false);
  while (ahead.count <= k && !ahead.done) {
    const j = ahead.count;
    if (readAhead(text, j === 0 ? cur.end : aEnd[j - 1]!, j)) ahead.count++;
    else ahead.done = true;
  }
  return k < ahead.count;
}

const aheadKey = (text: string, k: number) => (aKey[k] ??= keyOf(text, aStart[k]!, aEnd[k]!, aAscii[k]!, aHidden[k]!));

/** Whether the k-th word after `cur` matches word `p` (of hash `h`) of a phrase. */
function aheadMatches(text: string, k: number, p: string, prefix: boolean, h: number): boolean {
  if (!aPlain[k]) return prefix ? aheadKey(text, k).startsWith(p) : aheadKey(text, k) === p;
  const len = aLen[k]!;
  if (prefix ? p.length > len : p.length !== len || aHash[k] !== h) return false;
  return startsWithKey(text, aStart[k]!, p);
}

/**
 * A term whose first word matched `cur`: record it. `key`: the word's key, or null when not yet
 * made (a one-word ASCII match then keeps it null: `result` lowercases the text when it needs it).
 */
function found(ref: WordRef, key: string | null, text: string, field: number): void {
  const pats = ref.words;
  const n = pats.length;
  if (n === 1) {
    const plain = cur.ascii && !cur.hidden;
    const hitKey = key ?? (plain ? null : keyOf(text, cur.start, cur.end, cur.ascii, cur.hidden));
    for (const t of ref.targets) if (!excluded(t.topic)) record(t.topic, t.negate, field, cur.start, cur.end, text, hitKey, plain);
    return;
  }
  for (let k = 1; k < n; k++) {
    const p = pats[k]!;
    if (!wordAhead(text, k - 1) || !aheadMatches(text, k - 1, p.text, p.prefix, ref.hashes[k]!)) return;
  }
  let hitKey = key ?? keyOf(text, cur.start, cur.end, cur.ascii, cur.hidden);
  for (let k = 1; k < n; k++) hitKey += ` ${pats[k]!.prefix ? aheadKey(text, k - 1) : pats[k]!.text}`;
  const end = aEnd[n - 2]!;
  for (const t of ref.targets) if (!excluded(t.topic)) record(t.topic, t.negate, field, cur.start, end, text, hitKey, false);
}

// What `candidate` found for a word: bits of the lookups worth making.
const EXACT = 1;
const PREFIX1 = 2; // a 1-character prefix term may start it
const PREFIX2 = 4;
const PREFIX3 = 8; // a prefix term of 3 or more characters may start it

/** Hashes of the first 1, 2 and 3 characters of the word in `cur` (0 when shorter). */
let pre1 = 0;
let pre2 = 0;
let pre3 = 0;

/**
 * Which lookups an ASCII word of hash `h` and length `len` needs, from the bitsets and the hashes
 * `pre1`–`pre3`: 0 for most words, which then cost nothing more.
 */
function candidate(c: CompiledTopics, h: number, len: number): number {
  let m = hasBit(c.exactBits, h) ? EXACT : 0;
  const bits = c.prefixBits;
  if (len >= 3 && hasBit(bits, pre3)) m |= PREFIX3;
  const short = c.shortLengths;
  if (short !== 0) {
    if (short & 1 && hasBit(bits, pre1)) m |= PREFIX1;
    if (short & 2 && len >= 2 && hasBit(bits, pre2)) m |= PREFIX2;
  }
  return m;
}

/** Prefix terms in the bucket of hash `h` (of the word's first `k` characters) that start `cur`. */
function prefixBucket(c: CompiledTopics, text: string, field: number, h: number, k: number): void {
  const refs = c.prefixByHash.get(h & KEY_MASK);
  if (refs === undefined) return;
  for (const ref of refs) {
    const p = ref.first;
    if ((k < 3 ? p.length !== k : p.length < 3) || p.length > cur.len || !startsWithKey(text, cur.start, p)) continue;
    found(ref, null, text, field);
  }
}

/** Look up the ASCII word in `cur` (no invisible characters: `hash` and `len` are its key's); `m`: what `candidate` said. */
function lookUpAscii(c: CompiledTopics, text: string, field: number, m: number): void {
  if (m & EXACT) {
    const refs = c.exactByHash.get(cur.hash & KEY_MASK);
    if (refs !== undefined)
      for (const ref of refs) {
        const key = ref.first;
        if (key.length === cur.len && startsWithKey(text, cur.start, key)) found(ref, key, text, field);
      }
  }
  if (m === EXACT) return;
  const h1 = pre1;
  const h2 = pre2;
  const h3 = pre3;
  if (m & PREFIX1) prefixBucket(c, text, field, h1, 1);
  if (m & PREFIX2) prefixBucket(c, text, field, h2, 2);
  if (m & PREFIX3) prefixBucket(c, text, field, h3, 3);
}

/** Look up the word `nextWord` put in `cur`. */
function lookUp(c: CompiledTopics, text: string, field: number): void {
  if (cur.ascii && !cur.hidden) {
    const s = cur.start;
    const len = cur.len;
    pre1 = LOW[text.charCodeAt(s)]!;
    pre2 = len >= 2 ? (Math.imul(pre1, 31) + LOW[text.charCodeAt(s + 1)]!) | 0 : 0;
    pre3 = len >= 3 ? (Math.imul(pre2, 31) + LOW[text.charCodeAt(s + 2)]!) | 0 : 0;
    const m = candidate(c, cur.hash, len);
    if (m !== 0) lookUpAscii(c, text, field, m);
    return;
  }
  const key = wordKey(text, cur);
  for (const ref of refsFor(c, key)) found(ref, key, text, field);
}

/** Record the word and phrase terms found in `text`; returns whether it has invisible characters. */
export function scanWords(c: CompiledTopics, text: string, field: number): boolean {
  seen.hidden = false;
  ahead.from = -1;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let ch = text.charCodeAt(i);
    if (ch < 128) {
      // Inline fast path for ASCII, the same reading as nextWord's, hashing the word and its first
      // 1, 2 and 3 characters (for prefix terms) as it goes.
      let l = LOW[ch]!;
      if (l === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = l;
      pre1 = l;
      pre2 = pre3 = 0;
      if (++i < n && (ch = text.charCodeAt(i)) < 128 && (l = LOW[ch]!) !== 0) {
        h = pre2 = (Math.imul(h, 31) + l) | 0;
        if (++i < n && (ch = text.charCodeAt(i)) < 128 && (l = LOW[ch]!) !== 0) {
          h = pre3 = (Math.imul(h, 31) + l) | 0;
          while (++i < n && (ch = text.charCodeAt(i)) < 128 && (l = LOW[ch]!) !== 0) h = (Math.imul(h, 31) + l) | 0;
        }
      }
      if (i >= n || ch < 128) {
        const m = candidate(c, h, i - start);
        if (m !== 0) {
          cur.start = start;
          cur.end = i;
          cur.hash = h;
          cur.len = i - start;
          cur.ascii = true;
          cur.hidden = false;
          lookUpAscii(c, text, field, m);
        }
        continue;
      }
      i = start; // the word goes on with a non-ASCII character: let nextWord read it
    }
    if (!nextWord(text, i, cur)) break;
    lookUp(c, text, field);
    i = cur.end;
  }
  return seen.hidden;
}
