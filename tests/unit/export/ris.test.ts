import { Cite } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { describe, expect, it } from 'vitest';
import { toRis } from '../../../utils/export/ris';
import { ALL } from './sample';

const byId = (id: string) => ALL.find((p) => p.id === id)!;
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const out = toRis(ALL);

describe('toRis', () => {
  it('writes one TY…ER record per paper with every field', () => {
    const p = byId('2506.13037');
    expect(toRis([p]).split('\r\n')).toEqual([
      'TY  - GEN',
      'TI  - SuperCoder2.0: Technical Report on Exploring the feasibility of LLMs as Autonomous Programmer',
      'AU  - Zhang, Sofia',
      'AU  - Novak, Chen',
      'AU  - Rossi, Lena',
      'AU  - Cohen, Luca',
      'AU  - Horvat, Priya',
      'AU  - Wang, Chen',
      'PY  - 2025',
      'DA  - 2025/06/02',
      `AB  - ${oneLine(p.summary!)}`,
      'UR  - https://arxiv.org/abs/2506.13037',
      'KW  - LLM',
      'KW  - agents',
      'PB  - arXiv',
      'M1  - arXiv:2506.13037',
      'ER  - ',
      '',
    ]);
  });

  it('collapses newlines inside values, keeps hostile names whole, skips empty fields', () => {
    expect(toRis([byId('2507.00003'), byId('2507.00004'), byId('hep-th/9901001')]).split('\r\n')).toEqual([
      'TY  - GEN',
      'TI  - "Quoted", with commas, and 50% of $x$ & y_1 #2 ~ ^ \\ back | pipe',
      'AU  - Lovelace, Ada',
      'AU  - Team, Research and Development',
      'AU  - Qwen',
      'AU  - Smith, Jr.',
      'PY  - 2025',
      'DA  - 2025/07/03',
      'AB  - Line one Line two, "quoted" Line three',
      'UR  - https://arxiv.org/abs/2507.00003',
      'KW  - hostile',
      'KW  - a,b',
      'N1  - +SUM(A1:A2)',
      'PB  - arXiv',
      'M1  - arXiv:2507.00003',
      'ER  - ',
      '',
      'TY  - GEN',
      'TI  - Multi line title with tabs',
      'AU  - Author, Line Break',
      'PY  - 2025',
      'DA  - 2025/07/04',
      'UR  - https://arxiv.org/abs/2507.00004',
      'N1  - -2+3',
      'PB  - arXiv',
      'M1  - arXiv:2507.00004',
      'ER  - ',
      '',
      'TY  - GEN',
      'TI  - An Old-Style Identifier',
      'AU  - Timer, Old',
      'PY  - 1999',
      'UR  - https://arxiv.org/abs/hep-th/9901001',
      'PB  - arXiv',
      'M1  - arXiv:hep-th/9901001',
      'ER  - ',
      '',
    ]);
  });

  it('uses CRLF only, and every line is a tag line or a record separator', () => {
    const lines = out.split('\r\n');
    expect(lines.every((l) => !/[\r\n]/.test(l))).toBe(true);
    expect(lines.every((l) => l === '' || /^[A-Z][A-Z0-9]  - /.test(l))).toBe(true);
    expect(lines.filter((l) => l === 'TY  - GEN')).toHaveLength(ALL.length);
    expect(lines.filter((l) => l === 'ER  - ')).toHaveLength(ALL.length);
  });

  it('loads in citation-js: titles, authors, years, notes, keywords survive', () => {
    const items = new Cite(out, { forceType: '@ris/file' }).data;
    expect(items).toHaveLength(ALL.length);
    items.forEach((item, i) => {
      const p = ALL[i]!;
      expect(item.title ?? '').toBe(oneLine(p.title));
      const names = (item.author ?? []).map((a) => (a.given ? `${a.given} ${a.family}` : a.family));
      // "Smith, Jr." is written as is, and RIS reads it as family "Smith", given "Jr."
      expect(names).toEqual(p.authors.map((a) => (a === 'Smith, Jr.' ? 'Jr. Smith' : oneLine(a))));
      expect(item.issued?.['date-parts'][0]).toEqual(
        p.publishedAt ? p.publishedAt.slice(0, 10).split('-').map(Number) : [p.id === 'hep-th/9901001' ? 1999 : 2025],
      );
      expect(item.URL).toBe(`https://arxiv.org/abs/${p.id}`);
      expect(item.number).toBe(`arXiv:${p.id}`);
      expect(item.publisher).toBe('arXiv');
      expect(item.note).toBe(p.note ? oneLine(p.note) : undefined);
      expect(item.keyword).toBe(p.tags.length ? p.tags.join(',') : undefined);
      expect(item.abstract).toBe(p.summary ? oneLine(p.summary) : undefined);
    });
  });
});
