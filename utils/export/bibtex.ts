/** BibTeX in arXiv's own "Export BibTeX citation" style: one @misc entry per paper. */
import type { Paper } from '../types';
import { arxivAbsUrl } from '../detection/paper-id';
import { oneLine } from '../fields';
import { paperDate, splitName } from './csl-json';

const STOPWORDS = new Set(
  'a an the on of in for to and or with from by at as is are via towards toward into its'.split(' '),
);
const FOLD: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

/** Lowercase ASCII letters and digits only: "Núñez-Müller" → "nunezmuller". */
const ascii = (s: string) =>
  s
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (c) => FOLD[c]!)
    .normalize('NFKD')
    .replace(/[^a-z0-9]/g, '');

/** Braces are written as commands so the raw `{`/`}` count stays balanced whatever the input. */
const LATEX: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\textbraceleft{}',
  '}': '\\textbraceright{}',
  '~': '\\textasciitilde{}',
  '^': '\\textasciicircum{}',
  // plain < > | print as ¡ ¿ — in LaTeX's default OT1 encoding
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};
export const escapeLatex = (s: string) =>
  oneLine(s).replace(/[\\{}~^<>|&%$#_]/g, (c) => LATEX[c] ?? `\\${c}`);

/** Names stay "First Last"; one containing " and " or a comma is braced so BibTeX keeps it whole. */
const bibName = (name: string) => {
  const s = escapeLatex(name);
  return /\sand\s|,/i.test(s) ? `{${s}}` : s;
};

/** "a", "b", … "z", "aa", "ab", … */
const suffix = (n: number): string =>
  (n < 26 ? '' : suffix(Math.floor(n / 26) - 1)) + String.fromCharCode(97 + (n % 26));

/** `lastnameYEARfirstword`, e.g. "rossi2025spec2rtl". */
export function citationKey(p: Paper): string {
  const first = p.authors.map(oneLine).find(Boolean);
  const last = first ? ascii(splitName(first)[1]) : '';
  const words = p.title.split(/[^\p{L}\p{N}\p{M}]+/u).map(ascii);
  const word = words.find((w) => w && !STOPWORDS.has(w));
  return (last || 'anon') + (paperDate(p)?.[0] ?? '') + (word ?? '');
}

export function toBibtex(papers: readonly Paper[]): string {
  const used = new Set<string>();
  // Next suffix to try per base key: repeated keys cost O(1) each, not a scan from "a".
  const nextSuffix = new Map<string, number>();
  return papers
    .map((p) => {
      const base = citationKey(p);
      let key = base;
      let n = nextSuffix.get(base) ?? 0;
      while (used.has(key)) key = base + suffix(n++);
      nextSuffix.set(base, n);
      used.add(key);
      const id = p.id.replace(/[^\w./-]/g, '');
      const year = paperDate(p)?.[0];
      const fields: [string, string | number | undefined][] = [
        ['title', escapeLatex(p.title)],
        ['author', p.authors.map(oneLine).filter(Boolean).map(bibName).join(' and ') || undefined],
        ['year', year],
        ['eprint', id],
        ['archivePrefix', 'arXiv'],
        ['primaryClass', p.primaryClass?.replace(/[^\w.-]/g, '') || undefined],
        ['url', arxivAbsUrl(id)],
      ];
      const body = fields.filter(([, v]) => v !== undefined).map(([k, v]) => `      ${k}={${v}}`);
      return `@misc{${key},\n${body.join(',\n')}\n}\n`;
    })
    .join('\n');
}
