/**
 * Words for recommendations: lowercased runs of letters and digits (hyphens split), English stop
 * words and common paper filler left out, numbers and one-letter words dropped.
 *
 * Stemming: `plural` (…ies → …y, …sses → …ss, a final s dropped unless …ss/…us/…is) or none.
 * Measured on the fixture corpus (tests/unit/recommend/threshold.test.ts prints both): the gap
 * between the lowest related and the highest unrelated score is 0.004 (retrieval) and 0.045 (edits)
 * with the plural rule, 0.004 and 0.004 without ("edits"/"edit", "retrievers"/"retriever" meet).
 * The words also stay readable in the reason shown to the user, which a Porter stemmer ("retriev")
 * would not give. Chosen: plural. The title counts twice (it says what a paper is about).
 */

export type Stemming = 'plural' | 'none';

// Short English stop words and paper boilerplate (words every abstract has).
const STOP = new Set(
  (
    'a an and are as at be been being but by can could did do does for from had has have how if in into is it its ' +
    'itself may might more most much no not of on or our ours over so such than that the their them then there ' +
    'these they this those through to too under up upon us very via was we were what when where which while who ' +
    'whose why will with within without would you your also both each either however thus therefore whereas ' +
    'paper propose proposed proposes present presents presented show shows shown demonstrate demonstrates ' +
    'result results approach approaches method methods work works existing new novel based using use used uses ' +
    'state art via achieve achieves achieved significantly significant furthermore moreover first one two three ' +
    'et al further including include includes across among well able often many different various however'
  ).split(' '),
);

export function stem(word: string, how: Stemming = 'plural'): string {
  if (how === 'none' || word.length < 4) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

const LETTER = /[\p{L}\p{N}]/u;
/** ASCII char code → 0: not in a word, 1: letter, 2: digit. */
const KIND = Uint8Array.from({ length: 128 }, (_, c) => ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : c >= 48 && c <= 57 ? 2 : 0));
/** Is the char code a letter or digit: ASCII by table, the rest by Unicode property (rare in abstracts). */
const isWordChar = (c: number, text: string, i: number) => (c < 128 ? KIND[c] !== 0 : LETTER.test(text[i]!));

/**
 * Count the terms of `text` into `into` (term → count); `surface` keeps the first word seen for each
 * term (for the reason shown to the user). One pass over char codes (no regex per word).
 */
export function countTerms(text: string, into: Map<string, number>, surface?: Map<string, string>, how: Stemming = 'plural'): void {
  const lower = text.toLowerCase();
  const n = lower.length;
  let i = 0;
  while (i < n) {
    while (i < n && !isWordChar(lower.charCodeAt(i), lower, i)) i++;
    const start = i;
    let digits = true;
    while (i < n) {
      const c = lower.charCodeAt(i);
      if (!isWordChar(c, lower, i)) break;
      if (c < 48 || c > 57) digits = false;
      i++;
    }
    if (i - start < 2 || digits) continue;
    const w = lower.slice(start, i);
    if (STOP.has(w)) continue;
    const t = stem(w, how);
    into.set(t, (into.get(t) ?? 0) + 1);
    if (surface && !surface.has(t)) surface.set(t, w);
  }
}

/** Math.log of small counts, looked up (the same values). */
const LOG = Float64Array.from({ length: 64 }, (_, c) => Math.log(c));
export const logCount = (c: number) => (c < 64 ? LOG[c]! : Math.log(c));

/**
 * The same terms as `countTerms`, as integer ids, faster: each distinct word is looked up once
 * (stop word? stem?) and remembered, so that reading a text costs one map lookup per word. The
 * lexicon grows with the words it has read (the bench's 10,000-paper library: 42,500 words; the model
 * starts it again past 200,000).
 */
export class Lexicon {
  /** Term id → term. */
  readonly terms: string[] = [];
  private ids = new Map<string, number>();
  /**
   * Words as written (lowercased) → term id (-1: a stop word), an open-addressing hash table keyed
   * by the word's chars, so that a word already met is found without making a string of it.
   */
  /** Pairs (hash, word index + 1; 0: empty), filled to at most 3/4 (the same speed as 1/2 here, half the size). */
  private slots = new Int32Array(2 << 12);
  private wordText: string[] = [];
  private wordTerm: number[] = [];
  /** Count per term id of the text being read, and the ids counted (reset after each text). */
  private tally = new Int32Array(1024);
  private touched: number[] = [];

  constructor(readonly stemming: Stemming = 'plural') {}

  get size(): number {
    return this.terms.length;
  }

  /** Distinct words read. */
  get words(): number {
    return this.wordText.length;
  }

  /** The id of a term (a stemmed word), added if new. */
  id(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.ids.set(term, id);
      if (id >= this.tally.length) {
        const grown = new Int32Array(this.tally.length * 2);
        grown.set(this.tally);
        this.tally = grown;
      }
    }
    return id;
  }

  /** The id of a term if known. */
  find(term: string): number | undefined {
    return this.ids.get(term);
  }

  /** The term id of the word lower[start, end) whose hash is h (-1: a stop word). */
  private word(lower: string, start: number, end: number, h: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    const len = end - start;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const e = slots[2 * s + 1]! - 1;
      if (e < 0) break;
      if (slots[2 * s] !== h) continue;
      const w = this.wordText[e]!;
      if (w.length !== len) continue;
      let j = 0;
      while (j < len && w.charCodeAt(j) === lower.charCodeAt(start + j)) j++;
      if (j === len) return this.wordTerm[e]!;
    }
    const w = lower.slice(start, end);
    const term = STOP.has(w) ? -1 : this.id(stem(w, this.stemming));
    const e = this.wordText.length;
    this.wordText.push(w);
    this.wordTerm.push(term);
    this.place(h, e);
    if (8 * (e + 1) > 3 * slots.length) this.rehash(slots.length * 2);
    return term;
  }

  private place(h: number, e: number) {
    const mask = (this.slots.length >> 1) - 1;
    let s = h & mask;
    while (this.slots[2 * s + 1] !== 0) s = (s + 1) & mask;
    this.slots[2 * s] = h;
    this.slots[2 * s + 1] = e + 1;
  }

  private rehash(size: number) {
    const old = this.slots;
    this.slots = new Int32Array(size);
    for (let s = 0; s < old.length; s += 2) if (old[s + 1] !== 0) this.place(old[s]!, old[s + 1]! - 1);
  }

  /**
   * The terms of `text` with their counts, in order of first occurrence (as `countTerms` gives
   * them): `ids[i]` occurs `counts[i]` times.
   */
  count(text: string): { ids: number[]; counts: number[] } {
    this.add(text);
    return this.take();
  }

  /** Count the terms of `text` (`times` over) into the tally that `take` returns. */
  add(text: string, times = 1): void {
    const lower = text.toLowerCase();
    const n = lower.length;
    const touched = this.touched;
    let i = 0;
    while (i < n) {
      while (i < n && !isWordChar(lower.charCodeAt(i), lower, i)) i++;
      const start = i;
      let digits = true;
      let h = 0;
      while (i < n) {
        const c = lower.charCodeAt(i);
        const k = c < 128 ? KIND[c]! : LETTER.test(lower[i]!) ? 1 : 0;
        if (k === 0) break;
        if (k === 1) digits = false;
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      }
      if (i - start < 2 || digits) continue;
      const id = this.word(lower, start, i, (h ^ (h >>> 15)) | 0);
      if (id < 0) continue;
      if (this.tally[id] === 0) touched.push(id);
      this.tally[id]! += times;
    }
  }

  /** The terms counted by `add` since the last `take`, in order of first occurrence, and their counts. */
  take(): { ids: number[]; counts: number[] } {
    const tally = this.tally;
    const touched = this.touched;
    const counts = touched.map((id) => tally[id]!);
    for (const id of touched) tally[id] = 0;
    const ids = touched.slice();
    touched.length = 0;
    return { ids, counts };
  }
}

/** The terms of a paper or card as `textOf` gives them to `countTerms` (its title read once and counted twice). */
export function countText(lex: Lexicon, p: { title: string; abstract?: string; keywords?: string[] }): { ids: number[]; counts: number[] } {
  lex.add(p.title, 2);
  if (p.abstract) lex.add(p.abstract);
  if (p.keywords?.length) lex.add(p.keywords.join('\n'));
  return lex.take();
}

/** The text of a paper or card that recommendations read: title, abstract and AI keywords. */
export function textOf(p: { title: string; abstract?: string; keywords?: string[] }): string {
  return `${p.title}\n${p.title}\n${p.abstract ?? ''}\n${(p.keywords ?? []).join('\n')}`;
}
