/** CSL-JSON (the input format of citeproc, Zotero, Pandoc) for saved papers. */
import type { Paper } from '../types';
import { oneLine } from '../fields';
import { arxivAbsUrl } from '../detection/paper-id';


/**
 * "Ada Lovelace" → ["Ada", "Lovelace"] (split on the last space). One word, or a name that
 * already has a comma ("Smith, Jr."), stays whole: ["", name].
 */
export function splitName(name: string): [given: string, family: string] {
  const s = oneLine(name);
  const i = s.includes(',') ? -1 : s.lastIndexOf(' ');
  return i < 0 ? ['', s] : [s.slice(0, i), s.slice(i + 1)];
}

/**
 * [year, month?, day?] from `publishedAt`, else year and month from the id
 * ("2506.13000" → [2025, 6]; "hep-th/9901001" → [1999, 1]); undefined when unknown.
 */
export function paperDate(p: Paper): number[] | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(p.publishedAt ?? '');
  if (m) return [+m[1]!, +m[2]!, +m[3]!];
  const neu = /^(\d{2})(\d{2})\.\d{4,5}$/.exec(p.id);
  const old = /\/(\d{2})(\d{2})\d{3}$/.exec(p.id);
  const [, yy, mm] = (neu ?? old ?? []).map(Number);
  if (yy === undefined || !mm || mm > 12) return undefined;
  return [yy + (old && yy >= 91 ? 1900 : 2000), mm];
}

export function toCslJson(papers: readonly Paper[]): string {
  const items = papers.map((p) => {
    const date = paperDate(p);
    return {
      id: p.id,
      type: 'article',
      title: oneLine(p.title),
      author: p.authors
        .map(oneLine)
        .filter(Boolean)
        .map((name) => {
          const [given, family] = splitName(name);
          return given ? { family, given } : { literal: family };
        }),
      ...(date && { issued: { 'date-parts': [date] } }),
      publisher: 'arXiv',
      number: `arXiv:${p.id}`,
      URL: arxivAbsUrl(p.id),
      DOI: `10.48550/arXiv.${p.id}`,
      ...(p.summary && { abstract: p.summary.trim() }),
      ...(p.tags.length > 0 && { keyword: p.tags.join(', ') }),
    };
  });
  return JSON.stringify(items, null, 2) + '\n';
}
