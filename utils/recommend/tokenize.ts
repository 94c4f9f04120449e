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
/** Is the char code a letter or digit: ASCII by range, the rest by Unicode property (rare in abstracts). */
const isWordChar = (c: number, text: string, i: number) =>
  c < 128 ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) : LETTER.test(text[i]!);

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

/** The text of a paper or card that recommendations read: title, abstract and AI keywords. */
export function textOf(p: { title: string; abstract?: string; keywords?: string[] }): string {
  return `${p.title}\n${p.title}\n${p.abstract ?? ''}\n${(p.keywords ?? []).join('\n')}`;
}
