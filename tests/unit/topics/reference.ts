/**
 * A plain reading of word and phrase terms, for checking the matcher's fast paths against: the
 * shared tokenizer word by word, keys compared as strings.
 */
import { parseTerm } from '../../../utils/topics';
import { words } from '../../../utils/topics/tokenize';

/** Spans sorted and merged where they overlap (as the matcher reports ranges). */
export function merge(spans: Array<[number, number]>): Array<[number, number]> {
  spans.sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged;
}

/** Spans of word and phrase terms, from the tokenizer's words compared as strings. */
export function wordSpans(terms: string[], title: string): Array<[number, number]> {
  const ws = words(title);
  const spans: Array<[number, number]> = [];
  for (const line of terms) {
    const r = parseTerm(line);
    if (!r.ok || r.term.kind === 'regex') throw new Error(line);
    const pats = r.term.words;
    for (let i = 0; i + pats.length <= ws.length; i++) {
      const ok = pats.every((p, k) => {
        const w = ws[i + k]!;
        return (k === 0 || w.joined) && (p.prefix ? w.key.startsWith(p.text) : w.key === p.text);
      });
      if (ok) spans.push([ws[i]!.start, ws[i + pats.length - 1]!.end]);
    }
  }
  return spans;
}
