/**
 * The word pass over one field. ASCII words are read and hashed in a tight loop here, looked up by
 * hash (a bitset, then a table of buckets) and compared in place, so they cost no string
 * unless they match; anything else goes through `nextWord` and a string Map cached per distinct
 * word. Phrases are checked from their first word, reading the words after it once however many
 * phrases share it.
 */
import { type CompiledTopics, SLOT_MASK, type WordRef, hasBit } from './compile';
import { excluded, record } from './hits';
import { LOW, SOFT, Word, keyOf, kindAt, nextWord, seen, wordKey } from './tokenize';

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

/**
 * Whether text[start, start + key.length), ASCII letters and digits, lowercases to `key`: `| 32`
 * lowercases an ASCII letter and leaves a digit as it is.
 */
function startsWithKey(text: string, start: number, key: string): boolean {
  for (let j = 0; j < key.length; j++) if ((text.charCodeAt(start + j) | 32) !== key.charCodeAt(j)) return false;
  return true;
}

/** startsWithKey for the first word of a term, from its code units. */
function startsWithCodes(text: string, start: number, codes: readonly number[]): boolean {
  for (let j = 0; j < codes.length; j++) if ((text.charCodeAt(start + j) | 32) !== codes[j]) return false;
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

/** ASCII characters that may sit between the words of a phrase (whitespace and "-"). */
const SOFT_ASCII = new Uint8Array(128);
for (let ch = 0; ch < 128; ch++) SOFT_ASCII[ch] = kindAt(String.fromCharCode(ch), 0) >> 2 === SOFT ? 1 : 0;

/** Read the word joined after position `pos` into slot j of the ahead arrays; false if there is none. */
function readAhead(text: string, pos: number, j: number): boolean {
  // Fast path: ASCII gap and word, read as nextWord would.
  const n = text.length;
  let i = pos;
  let ch = 0;
  for (; i < n; i++) {
    ch = text.charCodeAt(i);
    if (ch >= 128 || LOW[ch] !== 0) break;
    if (SOFT_ASCII[ch] === 0) return false; // punctuation: not joined
  }
  if (i >= n) return false;
  if (ch < 128) {
    const start = i;
    let h = 0;
    let l = LOW[ch]!;
    do {
      h = (Math.imul(h, 31) + l) | 0;
      if (++i >= n) break;
      ch = text.charCodeAt(i);
      l = ch < 128 ? LOW[ch]! : 0;
    } while (l !== 0);
    if (i >= n || ch < 128) {
      aStart[j] = start;
      aEnd[j] = i;
      aHash[j] = h;
      aLen[j] = i - start;
      aAscii[j] = true;
      aHidden[j] = false;
      aPlain[j] = true;
      aKey[j] = null;
      return true;
    }
  }
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

/**
 * Which lookups an ASCII word needs, from the bitsets only: 0 for most words, which then cost
 * nothing more. `h`: the word's hash; `p1`–`p3`: hashes of its first 1, 2 and 3 characters (0 when
 * it is shorter).
 */
function gate(exactBits: Int32Array, prefixBits: Int32Array, short: number, h: number, p1: number, p2: number, p3: number): number {
  let m = hasBit(exactBits, h) ? EXACT : 0;
  if (p3 !== 0 && hasBit(prefixBits, p3)) m |= PREFIX3;
  if (short !== 0) {
    if (short & 1 && hasBit(prefixBits, p1)) m |= PREFIX1;
    if (short & 2 && p2 !== 0 && hasBit(prefixBits, p2)) m |= PREFIX2;
  }
  return m;
}

/** Prefix terms of hash `h` (of the word's first `k` characters) that start `cur`. */
function prefixBucket(c: CompiledTopics, text: string, field: number, h: number, k: number): void {
  const slot = c.prefixSlots[h & SLOT_MASK]!;
  if (slot === 0) return;
  for (const ref of c.buckets[slot - 1]!) {
    const p = ref.first;
    if (ref.hash !== h || (k < 3 ? p.length !== k : p.length < 3) || p.length > cur.len || !startsWithCodes(text, cur.start, ref.codes)) continue;
    found(ref, null, text, field);
  }
}

/**
 * Look up the ASCII word in `cur` (no invisible characters: `hash` and `len` are its key's); `m`:
 * what `gate` said, from the hashes `p1`–`p3`.
 */
function lookUpAscii(c: CompiledTopics, text: string, field: number, m: number, p1: number, p2: number, p3: number): void {
  if (m & EXACT) {
    const h = cur.hash;
    const slot = c.exactSlots[h & SLOT_MASK]!;
    if (slot !== 0)
      for (const ref of c.buckets[slot - 1]!) {
        const key = ref.first;
        if (ref.hash === h && key.length === cur.len && startsWithCodes(text, cur.start, ref.codes)) found(ref, key, text, field);
      }
  }
  if (m & PREFIX1) prefixBucket(c, text, field, p1, 1);
  if (m & PREFIX2) prefixBucket(c, text, field, p2, 2);
  if (m & PREFIX3) prefixBucket(c, text, field, p3, 3);
}

/** Look up the word `nextWord` put in `cur`. */
function lookUp(c: CompiledTopics, text: string, field: number): void {
  if (cur.ascii && !cur.hidden) {
    const s = cur.start;
    const len = cur.len;
    const p1 = LOW[text.charCodeAt(s)]!;
    const p2 = len >= 2 ? (Math.imul(p1, 31) + LOW[text.charCodeAt(s + 1)]!) | 0 : 0;
    const p3 = len >= 3 ? (Math.imul(p2, 31) + LOW[text.charCodeAt(s + 2)]!) | 0 : 0;
    const m = gate(c.exactBits, c.prefixBits, c.shortLengths, cur.hash, p1, p2, p3);
    if (m !== 0) lookUpAscii(c, text, field, m, p1, p2, p3);
    return;
  }
  const key = wordKey(text, cur);
  for (const ref of refsFor(c, key)) found(ref, key, text, field);
}

/** Record the word and phrase terms found in `text`; returns whether it has invisible characters. */
export function scanWords(c: CompiledTopics, text: string, field: number): boolean {
  seen.hidden = false;
  ahead.from = -1;
  const { exactBits, prefixBits, shortLengths } = c;
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
      const p1 = l;
      let p2 = 0;
      let p3 = 0;
      let h = l;
      if (++i < n && (ch = text.charCodeAt(i)) < 128 && (l = LOW[ch]!) !== 0) {
        h = p2 = (Math.imul(h, 31) + l) | 0;
        if (++i < n && (ch = text.charCodeAt(i)) < 128 && (l = LOW[ch]!) !== 0) {
          h = p3 = (Math.imul(h, 31) + l) | 0;
          while (++i < n && (ch = text.charCodeAt(i)) < 128 && (l = LOW[ch]!) !== 0) h = (Math.imul(h, 31) + l) | 0;
        }
      }
      if (i >= n || ch < 128) {
        const m = gate(exactBits, prefixBits, shortLengths, h, p1, p2, p3);
        if (m !== 0) {
          cur.start = start;
          cur.end = i;
          cur.hash = h;
          cur.len = i - start;
          cur.ascii = true;
          cur.hidden = false;
          lookUpAscii(c, text, field, m, p1, p2, p3);
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
