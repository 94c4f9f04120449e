/**
 * The word pass over one field. ASCII words are read and hashed in a tight loop here (with the
 * hashes of their first 1–3 characters, for prefix terms), turned away by two bitsets unless some
 * term may start with them, then looked up in a table of buckets and compared in place: they cost
 * no string unless they match. Anything else goes through `nextWord` and a string Map cached per
 * distinct word. The phrases of a first word found by hash wait for the next word the scan reads;
 * others read the words after theirs once, however many phrases share it. The pass also notes, for
 * the regex pass, whether the field is ASCII and which regex word starts it saw. Its scratch state
 * (the current word, words read ahead, pending phrases) is the scan state it is given (scan-state.ts).
 */
import { type CompiledTopics, type Head, SLOT_MASK, type WordPattern, type WordRef, hasBit } from './compile';
import { PHRASE, PLAIN } from './hits';
import { Ahead, type ScanState } from './scan-state';
import { LOW, SEP, SOFT, keyOf, kindAt, nextWord, wordKey } from './tokenize';

/** LOW for every UTF-16 unit: 0 past ASCII, so the loops below stop at a non-ASCII character too. */
const LOW16 = new Uint8Array(65536);
LOW16.set(LOW);

const CACHE_LIMIT = 50_000;
const EMPTY: readonly WordRef[] = [];

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

/** ASCII characters that may sit between the words of a phrase (whitespace and "-"). */
const SOFT_ASCII = new Uint8Array(128);
for (let ch = 0; ch < 128; ch++) SOFT_ASCII[ch] = kindAt(String.fromCharCode(ch), 0) >> 2 === SOFT ? 1 : 0;

/** Read the word joined after position `pos` into `w`; false if there is none. */
function readAhead(s: ScanState, text: string, pos: number, w: Ahead): boolean {
  w.key = null;
  if (!nextWord(text, pos, w, s) || !w.joined) return false;
  w.plain = w.ascii && !w.hidden;
  return true;
}

/** The k-th word (0-based) joined after position `from` (a word's end), read if needed; null if there is none. */
function wordAhead(s: ScanState, text: string, from: number, k: number): Ahead | null {
  const words = s.aheadWords;
  if (s.aheadFrom !== from) (s.aheadFrom = from), (s.aheadCount = 0), (s.aheadDone = false);
  while (s.aheadCount <= k && !s.aheadDone) {
    const j = s.aheadCount;
    const w = (words[j] ??= new Ahead());
    if (readAhead(s, text, j === 0 ? from : words[j - 1]!.end, w)) s.aheadCount++;
    else s.aheadDone = true;
  }
  return k < s.aheadCount ? words[k]! : null;
}

/** Whether word `w` matches word `p` (of hash `h`) of a phrase. */
function aheadMatches(text: string, w: Ahead, p: WordPattern, h: number): boolean {
  const pt = p.text;
  if (!w.plain) {
    const key = (w.key ??= keyOf(text, w.start, w.end, w.ascii, w.hidden));
    return p.prefix ? key.startsWith(pt) : key === pt;
  }
  if (p.prefix ? pt.length > w.len : pt.length !== w.len || w.hash !== h) return false;
  return startsWithKey(text, w.start, pt);
}

/**
 * Whether the words of `ref` from the k-th on match the words read after position `from` (a word's
 * end), the k-th being the (k - skip)-th of those: the last one's end, or -1.
 */
function restMatches(s: ScanState, text: string, ref: WordRef, k: number, from: number, skip: number, end: number): number {
  const pats = ref.words;
  for (let j = k; j < pats.length; j++) {
    const x = wordAhead(s, text, from, j - skip);
    if (x === null || !aheadMatches(text, x, pats[j]!, ref.hashes[j]!)) return -1;
    end = x.end;
  }
  return end;
}

/** Record a match of `ref`, text[start, end), for its topics not excluded yet. */
function recordRef(s: ScanState, ref: WordRef, field: number, start: number, end: number, text: string, key: string | null, kind: number): void {
  const targets = ref.targets;
  for (let k = 0; k < targets.length; k++) {
    const t = targets[k]!;
    if (!s.excluded(t.topic)) s.record(t.topic, t.negate, field, start, end, text, key, kind);
  }
}

/**
 * A one-word term that matched `s.cur`. `key`: the word's key, or null when not yet made. Hits keep
 * no key when `result` can make it if it needs it: a one-word ASCII match (its text lowercased),
 * a phrase (its words' keys).
 */
function foundWord(s: ScanState, ref: WordRef, key: string | null, text: string, field: number): void {
  const cur = s.cur;
  const plain = cur.ascii && !cur.hidden;
  const hitKey = key ?? (plain ? null : keyOf(text, cur.start, cur.end, cur.ascii, cur.hidden));
  recordRef(s, ref, field, cur.start, cur.end, text, hitKey, plain ? PLAIN : 0);
}

/** A term whose first word matched `s.cur` (`key` as for foundWord); a phrase reads the words after it. */
function found(s: ScanState, ref: WordRef, key: string | null, text: string, field: number): void {
  if (ref.words.length === 1) return foundWord(s, ref, key, text, field);
  const cur = s.cur;
  const second = wordAhead(s, text, cur.end, 0);
  if (second === null || !aheadMatches(text, second, ref.words[1]!, ref.hashes[1]!)) return;
  const end = restMatches(s, text, ref, 2, cur.end, 1, second.end);
  if (end >= 0) recordRef(s, ref, field, cur.start, end, text, null, PHRASE);
}

/**
 * The terms of `head`, whose first word is `s.cur` (`key` as for foundWord): words now; phrases wait
 * for the next word the scan reads (`s.pendHeads`), so that word is read once.
 */
function matchHead(s: ScanState, head: Head, key: string | null, text: string, field: number): void {
  const refs = head.refs;
  let phrases = false;
  for (let r = 0; r < refs.length; r++) {
    const ref = refs[r]!;
    if (ref.words.length === 1) foundWord(s, ref, key, text, field);
    else phrases = true;
  }
  if (!phrases) return;
  if (s.pendCount === 0) (s.pendStart = s.cur.start), (s.pendEnd = s.cur.end);
  s.pendHeads[s.pendCount++] = head;
}

/** Whether text[from, to), between two words, joins them into a phrase (as nextWord's `joined`). */
function joins(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; ) {
    const ch = text.charCodeAt(i);
    if (ch < 128) {
      if (SOFT_ASCII[ch] === 0) return false;
      i++;
    } else {
      const kw = kindAt(text, i);
      if (kw >> 2 === SEP) return false;
      i += kw & 3;
    }
  }
  return true;
}

/** The scan has read `s.next`, the word after the pending heads' one: record the phrases it continues. */
function resolvePending(s: ScanState, text: string, field: number): void {
  const n = s.pendCount;
  const next = s.next;
  s.pendCount = 0;
  if (!joins(text, s.pendEnd, next.start)) return;
  for (let j = 0; j < n; j++) {
    const refs = s.pendHeads[j]!.refs;
    for (let r = 0; r < refs.length; r++) {
      const ref = refs[r]!;
      if (ref.words.length === 1 || !aheadMatches(text, next, ref.words[1]!, ref.hashes[1]!)) continue;
      const end = restMatches(s, text, ref, 2, next.end, 2, next.end);
      if (end >= 0) recordRef(s, ref, field, s.pendStart, end, text, null, PHRASE);
    }
  }
}

// What `gate` found for a word: bits of the lookups worth making.
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

/** Prefix terms of hash `h` (of the word's first `k` characters) that start `s.cur`. */
function prefixBucket(c: CompiledTopics, s: ScanState, text: string, field: number, h: number, k: number): void {
  const slot = c.prefixSlots[h & SLOT_MASK]!;
  if (slot === 0) return;
  const heads = c.buckets[slot - 1]!;
  const cur = s.cur;
  for (let j = 0; j < heads.length; j++) {
    const head = heads[j]!;
    const p = head.codes;
    if (head.hash !== h || (k < 3 ? p.length !== k : p.length < 3) || p.length > cur.len || !startsWithCodes(text, cur.start, p)) continue;
    if (head.gate >= 0) s.gates[head.gate] = 1;
    matchHead(s, head, null, text, field);
  }
}

/**
 * Look up the ASCII word in `s.cur` (no invisible characters: `hash` and `len` are its key's); `m`:
 * what `gate` said, from the hashes `p1`–`p3`.
 */
function lookUpAscii(c: CompiledTopics, s: ScanState, text: string, field: number, m: number, p1: number, p2: number, p3: number): void {
  if (m & EXACT) {
    const cur = s.cur;
    const h = cur.hash;
    const slot = c.exactSlots[h & SLOT_MASK]!;
    if (slot !== 0) {
      const heads = c.buckets[slot - 1]!;
      for (let j = 0; j < heads.length; j++) {
        const head = heads[j]!;
        if (head.hash !== h || head.codes.length !== cur.len || !startsWithCodes(text, cur.start, head.codes)) continue;
        matchHead(s, head, head.text, text, field);
        break; // one word equals one exact head at most
      }
    }
  }
  if (m & PREFIX1) prefixBucket(c, s, text, field, p1, 1);
  if (m & PREFIX2) prefixBucket(c, s, text, field, p2, 2);
  if (m & PREFIX3) prefixBucket(c, s, text, field, p3, 3);
}

/** Look up the word `nextWord` put in `s.cur`. */
function lookUp(c: CompiledTopics, s: ScanState, text: string, field: number): void {
  const cur = s.cur;
  if (cur.ascii && !cur.hidden) {
    const at = cur.start;
    const len = cur.len;
    const p1 = LOW[text.charCodeAt(at)]!;
    const p2 = len >= 2 ? (Math.imul(p1, 31) + LOW[text.charCodeAt(at + 1)]!) | 0 : 0;
    const p3 = len >= 3 ? (Math.imul(p2, 31) + LOW[text.charCodeAt(at + 2)]!) | 0 : 0;
    const m = gate(c.exactBits, c.prefixBits, c.shortLengths, cur.hash, p1, p2, p3);
    if (m !== 0) lookUpAscii(c, s, text, field, m, p1, p2, p3);
    return;
  }
  const key = wordKey(text, cur);
  for (const ref of refsFor(c, key)) found(s, ref, key, text, field);
}

/**
 * Record the word and phrase terms found in `text` in `s`, and note for the regex pass whether it
 * has invisible characters (`s.hidden`), non-ASCII ones (`s.nonAscii`) and which regex word starts
 * it saw (`s.gates`). `s.startField` was called for this field.
 */
export function scanWords(c: CompiledTopics, s: ScanState, text: string, field: number): void {
  const { exactBits, prefixBits, shortLengths } = c;
  const cur = s.cur;
  const next = s.next;
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
      if (++i < n && (l = LOW16[(ch = text.charCodeAt(i))]!) !== 0) {
        h = p2 = (Math.imul(h, 31) + l) | 0;
        if (++i < n && (l = LOW16[(ch = text.charCodeAt(i))]!) !== 0) {
          h = p3 = (Math.imul(h, 31) + l) | 0;
          while (++i < n && (l = LOW16[(ch = text.charCodeAt(i))]!) !== 0) h = (Math.imul(h, 31) + l) | 0;
        }
      }
      if (i >= n || ch < 128) {
        if (s.pendCount !== 0) {
          next.start = start;
          next.end = i;
          next.hash = h;
          next.len = i - start;
          next.ascii = next.plain = true;
          next.hidden = false;
          next.key = null;
          resolvePending(s, text, field);
        }
        const m = gate(exactBits, prefixBits, shortLengths, h, p1, p2, p3);
        if (m !== 0) {
          cur.start = start;
          cur.end = i;
          cur.hash = h;
          cur.len = i - start;
          cur.ascii = true;
          cur.hidden = false;
          lookUpAscii(c, s, text, field, m, p1, p2, p3);
        }
        i++; // text[i] ends the word: an ASCII separator (or the end)
        continue;
      }
      i = start; // the word goes on with a non-ASCII character: let nextWord read it
    }
    s.nonAscii = true; // only a character past ASCII leads here
    if (!nextWord(text, i, cur, s)) break;
    if (s.pendCount !== 0) {
      next.start = cur.start;
      next.end = cur.end;
      next.hash = cur.hash;
      next.len = cur.len;
      next.ascii = cur.ascii;
      next.hidden = cur.hidden;
      next.plain = cur.ascii && !cur.hidden;
      next.key = null;
      resolvePending(s, text, field);
    }
    lookUp(c, s, text, field);
    i = cur.end;
  }
}
