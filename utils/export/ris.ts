/** RIS (Zotero, EndNote, Mendeley): one `TY  - GEN` record per paper, CRLF line endings. */
import type { Paper } from '../types';
import { arxivAbsUrl } from '../detection/paper-id';
import { oneLine } from '../fields';
import { paperDate, splitName } from './csl-json';

const pad = (n: number) => String(n).padStart(2, '0');

export function toRis(papers: readonly Paper[]): string {
  return papers
    .map((p) => {
      const date = paperDate(p);
      const lines: [string, string | number | undefined][] = [
        ['TY', 'GEN'],
        ['TI', p.title],
        ...p.authors.map((a): [string, string] => {
          const [given, family] = splitName(a);
          return ['AU', given ? `${family}, ${given}` : family];
        }),
        ['PY', date?.[0]],
        ['DA', date?.length === 3 ? `${date[0]}/${pad(date[1]!)}/${pad(date[2]!)}` : undefined],
        ['AB', p.summary],
        ['UR', arxivAbsUrl(p.id)],
        ...p.tags.map((t): [string, string] => ['KW', t]),
        ['N1', p.note],
        ['PB', 'arXiv'],
        ['M1', `arXiv:${p.id}`],
      ];
      return lines
        .map(([tag, v]) => [tag, oneLine(String(v ?? ''))])
        .filter(([, v]) => v)
        .map(([tag, v]) => `${tag}  - ${v}\r\n`)
        .concat('ER  - \r\n')
        .join('');
    })
    .join('\r\n');
}
