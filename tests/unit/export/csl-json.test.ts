import { Cite } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { describe, expect, it } from 'vitest';
import { paperDate, splitName, toCslJson } from '../../../utils/export/csl-json';
import { ALL, paper } from './sample';

const byId = (id: string) => ALL.find((p) => p.id === id)!;
const out = toCslJson(ALL);

describe('toCslJson', () => {
  it('writes pretty JSON, one CSL item per paper', () => {
    expect(out.startsWith('[\n  {\n    "id": "2506.13000",\n    "type": "article",\n')).toBe(true);
    expect(JSON.parse(out)).toHaveLength(ALL.length);
  });

  it('maps every field of a fixture paper', () => {
    const p = byId('2506.13037');
    expect(JSON.parse(toCslJson([p]))).toEqual([
      {
        id: '2506.13037',
        type: 'article',
        title: 'SuperCoder2.0: Technical Report on Exploring the feasibility of LLMs as Autonomous Programmer',
        author: [
          { family: 'Zhang', given: 'Sofia' },
          { family: 'Novak', given: 'Chen' },
          { family: 'Rossi', given: 'Lena' },
          { family: 'Cohen', given: 'Luca' },
          { family: 'Horvat', given: 'Priya' },
          { family: 'Wang', given: 'Chen' },
        ],
        issued: { 'date-parts': [[2025, 6, 2]] },
        publisher: 'arXiv',
        number: 'arXiv:2506.13037',
        URL: 'https://arxiv.org/abs/2506.13037',
        DOI: '10.48550/arXiv.2506.13037',
        abstract: p.summary,
        keyword: 'LLM, agents',
      },
    ]);
  });

  it('keeps hostile text as data and names whole when they cannot be split', () => {
    expect(JSON.parse(toCslJson([byId('2507.00003'), byId('2506.00010')]))).toEqual([
      {
        id: '2507.00003',
        type: 'article',
        title: '"Quoted", with commas, and 50% of $x$ & y_1 #2 ~ ^ \\ back | pipe',
        author: [
          { family: 'Lovelace', given: 'Ada' },
          { family: 'Team', given: 'Research and Development' },
          { literal: 'Qwen' },
          { literal: 'Smith, Jr.' },
        ],
        issued: { 'date-parts': [[2025, 7, 3]] },
        publisher: 'arXiv',
        number: 'arXiv:2507.00003',
        URL: 'https://arxiv.org/abs/2507.00003',
        DOI: '10.48550/arXiv.2507.00003',
        abstract: 'Line one\nLine two, "quoted"\r\n\tLine three',
        keyword: 'hostile, a,b',
      },
      {
        id: '2506.00010',
        type: 'article',
        title: '',
        author: [],
        issued: { 'date-parts': [[2025, 6]] },
        publisher: 'arXiv',
        number: 'arXiv:2506.00010',
        URL: 'https://arxiv.org/abs/2506.00010',
        DOI: '10.48550/arXiv.2506.00010',
      },
    ]);
  });

  it.each([
    ['Ada Lovelace', ['Ada', 'Lovelace']],
    ['Jean-Luc de la Tour', ['Jean-Luc de la', 'Tour']],
    ['  Line\nBreak   Author ', ['Line Break', 'Author']],
    ['Qwen', ['', 'Qwen']],
    ['Smith, Jr.', ['', 'Smith, Jr.']],
  ])('splitName(%j) → %j', (name, expected) => {
    expect(splitName(name)).toEqual(expected);
  });

  it.each([
    [{ id: '2506.13000', publishedAt: '2025-06-01T17:59:00.000Z' }, [2025, 6, 1]],
    [{ id: '2506.13000', publishedAt: '2024-12-31' }, [2024, 12, 31]],
    [{ id: '2506.13000' }, [2025, 6]],
    [{ id: '0704.0001' }, [2007, 4]],
    [{ id: 'hep-th/9901001' }, [1999, 1]],
    [{ id: 'math.GT/0309136' }, [2003, 9]],
    [{ id: '2513.00001' }, undefined],
    [{ id: 'not-an-id' }, undefined],
  ])('paperDate(%j) = %j', (over, expected) => {
    expect(paperDate(paper(over))).toEqual(expected);
  });

  it('loads in citation-js: titles, authors and years survive', () => {
    const items = new Cite(JSON.parse(out)).data;
    expect(items).toHaveLength(ALL.length);
    items.forEach((item, i) => {
      const p = ALL[i]!;
      expect(item.id).toBe(p.id);
      expect(item.title).toBe(p.title.replace(/\s+/g, ' ').trim());
      const names = (item.author ?? []).map((a) => a.literal ?? `${a.given} ${a.family}`);
      expect(names).toEqual(p.authors.map((a) => a.replace(/\s+/g, ' ').trim()));
      expect(item.issued?.['date-parts'][0]?.[0]).toBe(p.id === 'hep-th/9901001' ? 1999 : 2025);
    });
  });

  it('formats as an APA reference in citation-js', () => {
    const cite = new Cite(JSON.parse(toCslJson([byId('2506.13037'), byId('2507.00003')])));
    expect(cite.format('bibliography', { template: 'apa', format: 'text' }).trim().split('\n')).toEqual([
      'Lovelace, A., Team, R. and D., Qwen, & Smith, Jr. (2025). “Quoted”, with commas, and 50% of $x$ & y_1 #2 ~ ^ \\ back | pipe (arXiv:2507.00003). arXiv. https://doi.org/10.48550/arXiv.2507.00003',
      'Zhang, S., Novak, C., Rossi, L., Cohen, L., Horvat, P., & Wang, C. (2025). SuperCoder2.0: Technical Report on Exploring the feasibility of LLMs as Autonomous Programmer (arXiv:2506.13037). arXiv. https://doi.org/10.48550/arXiv.2506.13037',
    ]);
  });
});
