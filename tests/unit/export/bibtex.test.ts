import { parse, type Creator } from '@retorquere/bibtex-parser';
import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { describe, expect, it } from 'vitest';
import { citationKey, escapeLatex, toBibtex } from '../../../utils/export/bibtex';
import { ALL, HOSTILE, paper } from './sample';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const byId = (id: string) => ALL.find((p) => p.id === id)!;
const out = toBibtex(ALL);

/** The year each sample paper should carry. */
const year = (id: string) => (id === 'hep-th/9901001' ? '1999' : '2025');
/** Split the file into entries the way BibTeX does: by raw brace depth, ignoring backslashes. */
function rawEntries(bib: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < bib.length; i++) {
    const c = bib[i];
    if (c === '@' && depth === 0) start = i;
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      expect(depth).toBeGreaterThanOrEqual(0);
      if (depth === 0) entries.push(bib.slice(start, i + 1));
    }
  }
  expect(depth).toBe(0);
  return entries;
}

describe('toBibtex', () => {
  it('writes arXiv-style entries, one field per line', () => {
    expect(toBibtex([byId('2506.13000')])).toBe(
      [
        '@misc{rossi2025spec2rtl,',
        '      title={Spec2RTL-Agent: Automated Hardware Code Generation from Complex Specifications Using LLM Agent Systems},',
        '      author={Sofia Rossi and Jun Bianchi and Ivan Garcia and Lena Cohen and Ana Bianchi and Sara Patel},',
        '      year={2025},',
        '      eprint={2506.13000},',
        '      archivePrefix={arXiv},',
        '      primaryClass={cs.SE},',
        '      url={https://arxiv.org/abs/2506.13000}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('escapes LaTeX specials, braces names with " and " or commas, drops unknown fields', () => {
    expect(toBibtex([byId('2507.00003'), byId('2506.00010')])).toBe(
      [
        '@misc{lovelace2025quoted,',
        '      title={"Quoted", with commas, and 50\\% of \\$x\\$ \\& y\\_1 \\#2 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} back \\textbar{} pipe},',
        '      author={Ada Lovelace and {Research and Development Team} and Qwen and {Smith, Jr.}},',
        '      year={2025},',
        '      eprint={2507.00003},',
        '      archivePrefix={arXiv},',
        '      url={https://arxiv.org/abs/2507.00003}',
        '}',
        '',
        '@misc{anon2025,',
        '      title={},',
        '      year={2025},',
        '      eprint={2506.00010},',
        '      archivePrefix={arXiv},',
        '      url={https://arxiv.org/abs/2506.00010}',
        '}',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['}{@misc{evil', '\\textbraceright{}\\textbraceleft{}@misc\\textbraceleft{}evil'],
    ['a\nb\r\n\tc', 'a b c'],
    ['x & y % z $ # _', 'x \\& y \\% z \\$ \\# \\_'],
    ['~^\\', '\\textasciitilde{}\\textasciicircum{}\\textbackslash{}'],
    ['<b>|', '\\textless{}b\\textgreater{}\\textbar{}'],
  ])('escapeLatex(%j) → %j', (input, expected) => {
    expect(escapeLatex(input)).toBe(expected);
  });

  it.each([
    ['2506.13000', 'rossi2025spec2rtl'],
    ['2507.00005', 'angstromlukasiewicz2025unicode'], // diacritics and Ł folded
    ['2507.00002', 'open2025misc'], // hostile braces cannot reach the key
    ['2506.00007', 'zhang2025transformers'], // "The" skipped
    ['2506.00009', 'lee2025dateless'], // year from the id 2506 ("On", "a" skipped)
    ['hep-th/9901001', 'timer1999old'], // old-style id 9901 → 1999
    ['2506.00010', 'anon2025'], // no author, no title
  ])('citationKey(%s) = %s', (id, key) => {
    expect(citationKey(byId(id))).toBe(key);
  });

  it('makes colliding keys unique with a, b, c…', () => {
    const twins = ['The Transformers', 'Transformers', 'Transformers!', 'A Transformers'].map((title, i) =>
      paper({ id: `2506.0010${i}`, title, authors: ['Wei Zhang'], publishedAt: '2025-06-01T00:00:00Z' }),
    );
    const keys = parse(toBibtex(twins)).entries.map((e) => e.key);
    expect(keys).toEqual(['zhang2025transformers', 'zhang2025transformersa', 'zhang2025transformersb', 'zhang2025transformersc']);
    expect(parse(out).entries.filter((e) => e.key.startsWith('zhang2025transformers')).map((e) => e.key)).toEqual([
      'zhang2025transformers',
      'zhang2025transformersa',
    ]);
  });

  it('keeps raw braces balanced so BibTeX itself finds every entry', () => {
    const entries = rawEntries(out);
    expect(entries).toHaveLength(ALL.length);
    expect(entries.every((e) => e.startsWith('@misc{'))).toBe(true);
  });

  it('parses back with @retorquere/bibtex-parser: no errors, unique keys, every field', () => {
    const lib = parse(out, { english: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries).toHaveLength(ALL.length);
    expect(new Set(lib.entries.map((e) => e.key)).size).toBe(ALL.length);
    const name = (c: Creator) => c.name ?? [c.firstName, c.lastName].filter(Boolean).join(' ');
    lib.entries.forEach((entry, i) => {
      const p = ALL[i]!;
      expect(entry.type).toBe('misc');
      expect(entry.key).toMatch(/^[a-z0-9]+$/);
      const { title, author, ...rest } = entry.fields;
      expect(title ?? '').toBe(oneLine(p.title));
      expect((author ?? []).map(name)).toEqual(p.authors.map(oneLine));
      expect(rest).toEqual({
        year: year(p.id),
        eprint: p.id,
        archiveprefix: 'arXiv',
        ...(p.primaryClass && { primaryclass: p.primaryClass }),
        url: `https://arxiv.org/abs/${p.id}`,
      });
    });
  });

  it('keeps hostile titles as text through @retorquere/bibtex-parser', () => {
    const lib = parse(toBibtex(HOSTILE), { english: false });
    expect(lib.errors).toEqual([]);
    expect(lib.entries.map((e) => e.fields.title ?? '')).toEqual([
      '<script>alert(1)</script> & <img src=x onerror=alert(2)>',
      '}{@misc{evil, title={pwned}',
      '"Quoted", with commas, and 50% of $x$ & y_1 #2 ~ ^ \\ back | pipe',
      'Multi line title with tabs',
      'Ünïcödé — שלום עולם \u202Eevil\u202C zero\u200Bwidth 日本語 🧪',
      '[click](javascript:alert(1)) *bold* _it_ `code` ![img](x) <https://evil.example>',
      'The Transformers of Code',
      'Transformers, Again',
      'On a Dateless Paper',
      'An Old-Style Identifier',
      '',
    ]);
    expect(lib.entries[2]!.fields.author).toEqual([
      { firstName: 'Ada', lastName: 'Lovelace' },
      { name: 'Research and Development Team' },
      { lastName: 'Qwen' },
      { name: 'Smith, Jr.' },
    ]);
  });

  it.each(['@bibtex/text', '@biblatex/text'])('loads in citation-js as %s: titles, authors, years', (forceType) => {
    const items = new Cite(out, { forceType }).data;
    expect(items).toHaveLength(ALL.length);
    items.forEach((item, i) => {
      const p = ALL[i]!;
      expect(item.title ?? '').toBe(oneLine(p.title));
      const names = (item.author ?? []).map((a) => a.literal ?? [a.given, a.family].filter(Boolean).join(' '));
      expect(names).toEqual(p.authors.map(oneLine));
      expect(item.issued?.['date-parts'][0]?.[0]).toBe(Number(year(p.id)));
      expect(item.URL).toBe(`https://arxiv.org/abs/${p.id}`);
    });
  });
});
