/**
 * The word scanner shared by term parsing and matching. It walks a string once with charCodeAt and
 * a lookup table, hashing each word's lowercased key as it goes, so the matcher can reject most
 * words without allocating a string for them. (scan-words.ts repeats its ASCII fast path inline;
 * a test checks the two readings agree.)
 *
 * - A word is a run of letters and digits (\p{L}\p{N}), with combining marks (\p{M}) kept inside.
 * - Han, Hiragana and Katakana characters are one word each (those scripts use no spaces), so a
 *   CJK term is a phrase of single characters and matches inside longer runs.
 * - Invisible format characters (\p{Cf}: zero-width space/joiners, soft hyphen, bidi marks, BOM) are
 *   ignored: "LL\u200bM" is the word "llm"; they never split or join words.
 * - Keys are lowercased; words with non-ASCII characters are NFKC-normalised first (so "ﬁne" and
 *   a decomposed "café" match "fine" and "café") and final sigma is folded to σ.
 * - A word is `joined` to the previous one when only whitespace, dashes (\p{Pd}) and invisible
 *   characters lie between them: phrases match only across such gaps.
 */

export const SEP = 0; // punctuation, symbols, emoji: ends a word and breaks a phrase
export const SOFT = 1; // whitespace or dash: ends a word, may sit inside a phrase
export const WORD = 2; // letter or digit
export const MARK = 3; // combining mark: continues a word, never starts one
export const CJK = 4; // a letter of a script written without spaces: a word on its own
export const HIDDEN = 5; // invisible format character: ignored

const UNKNOWN = 255;
const RE_HIDDEN = new RegExp('\\p{Cf}', 'u');
const RE_LETTER = new RegExp('[\\p{L}\\p{N}]', 'u');
const RE_MARK = new RegExp('\\p{M}', 'u');
const RE_CJK = new RegExp('[\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}]', 'u');
const RE_SOFT = new RegExp('[\\s\\p{Pd}]', 'u');
export const HIDDEN_ALL = new RegExp('\\p{Cf}', 'gu');

function classify(ch: string): number {
  if (RE_LETTER.test(ch)) return RE_CJK.test(ch) ? CJK : WORD;
  if (RE_MARK.test(ch)) return MARK;
  if (RE_HIDDEN.test(ch)) return HIDDEN;
  return RE_SOFT.test(ch) ? SOFT : SEP;
}

/** Kinds of the BMP, filled on first sight (ASCII eagerly). */
const BMP = new Uint8Array(65536).fill(UNKNOWN);
for (let c = 0; c < 128; c++) BMP[c] = classify(String.fromCharCode(c));
const ASTRAL = new Map<number, number>();
/** ASCII letters and digits → their lowercase code; anything else → 0. */
export const LOW = new Uint8Array(128);
for (let c = 0; c < 128; c++) if (BMP[c] === WORD) LOW[c] = c >= 65 && c <= 90 ? c + 32 : c;

/** Kind of the character at `i` and its length in UTF-16 units (1 or 2), packed as kind * 4 + width. */
export function kindAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
      let k = ASTRAL.get(cp);
      if (k === undefined) ASTRAL.set(cp, (k = classify(String.fromCodePoint(cp))));
      return k * 4 + 2;
    }
  }
  let k = BMP[c]!;
  if (k === UNKNOWN) BMP[c] = k = classify(String.fromCharCode(c));
  return k * 4 + 1;
}

/** The string hash used for keys: the same fold `nextWord` computes on the fly for ASCII words. */
export function hashKey(key: string, length = key.length): number {
  let h = 0;
  for (let i = 0; i < length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return h;
}

/** One word found by `nextWord`. Reused: copy what you keep. */
export class Word {
  start = 0;
  end = 0;
  /** Only whitespace, dashes and invisible characters between the scan position and `start`. */
  joined = false;
  /** All of the word's letters are ASCII: then, unless `hidden`, `hash` and `len` are its key's. */
  ascii = true;
  /** An invisible character lies inside the word. */
  hidden = false;
  /** hashKey of the key and the key's length (ASCII words). */
  hash = 0;
  len = 0;
}

/** Where `nextWord` notes that it passed an invisible character (the caller resets it per string). */
export interface Seen {
  hidden: boolean;
}

/** Find the first word at or after `pos`; false when there is none. Sets `seen.hidden` on an invisible character. */
export function nextWord(text: string, pos: number, w: Word, seen: Seen): boolean {
  const n = text.length;
  let soft = true;
  let i = pos;
  while (i < n) {
    const c = text.charCodeAt(i);
    let kind: number;
    if (c < 128) {
      if (LOW[c] !== 0) break;
      kind = BMP[c]!;
      i++;
    } else {
      const kw = kindAt(text, i);
      kind = kw >> 2;
      if (kind === WORD || kind === CJK) break;
      i += kw & 3;
    }
    if (kind === SEP) soft = false;
    else if (kind === HIDDEN) seen.hidden = true;
  }
  if (i >= n) return false;
  const start = i;
  w.start = start;
  w.joined = soft;
  w.hidden = false;
  w.ascii = true;
  // Fast path: ASCII letters and digits, hashed as they go.
  let h = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const l = c < 128 ? LOW[c]! : 0;
    if (l === 0) break;
    h = (Math.imul(h, 31) + l) | 0;
  }
  w.hash = h;
  w.len = i - start;
  let end = i;
  if (i < n && text.charCodeAt(i) >= 128) {
    // The word goes on with other letters, marks or invisible characters (then `ascii` or
    // `hidden` sends it to the string path and the hash no longer matters), or ends here.
    const kw = kindAt(text, i);
    if (i === start && kw >> 2 === CJK) {
      w.end = i + (kw & 3);
      w.ascii = false;
      return true;
    }
    let pending = false; // an invisible character since the last letter
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        if (LOW[c] === 0) break;
        if (pending) w.hidden = true;
        end = ++i;
        continue;
      }
      const kj = kindAt(text, i);
      const k = kj >> 2;
      if (k === WORD || k === MARK) {
        w.ascii = false;
        if (pending) w.hidden = true;
        end = i += kj & 3;
      } else if (k === HIDDEN) {
        pending = seen.hidden = true;
        i += kj & 3;
      } else break;
    }
  }
  w.end = end;
  return true;
}

/** The match key of text[start, end), a word found by `nextWord` with those `ascii` and `hidden`. */
export function keyOf(text: string, start: number, end: number, ascii: boolean, hidden: boolean): string {
  let raw = text.slice(start, end);
  if (hidden) raw = raw.replace(HIDDEN_ALL, '');
  return ascii ? raw.toLowerCase() : raw.normalize('NFKC').toLowerCase().replace(/ς/g, 'σ');
}

/** The match key of a word found by `nextWord`. */
export const wordKey = (text: string, w: Word) => keyOf(text, w.start, w.end, w.ascii, w.hidden);

/** All the words of a string: their keys and spans. */
export function words(text: string): Array<{ key: string; start: number; end: number; joined: boolean }> {
  const out: Array<{ key: string; start: number; end: number; joined: boolean }> = [];
  const w = new Word();
  const seen: Seen = { hidden: false };
  for (let pos = 0; nextWord(text, pos, w, seen); pos = w.end) out.push({ key: wordKey(text, w), start: w.start, end: w.end, joined: out.length > 0 && w.joined });
  return out;
}
