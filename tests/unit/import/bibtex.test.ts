import { parse as referenceParse } from '@retorquere/bibtex-parser';
import { describe, expect, it } from 'vitest';
import { toBibtex } from '../../../utils/export/bibtex';
import { paperDate } from '../../../utils/export/csl-json';
import { oneLine } from '../../../utils/fields';
import { parseImport } from '../../../utils/import';
import { bibArxivId } from '../../../utils/import/bibtex';
import { parseBibtexEntries } from '../../../utils/import/bibtex-syntax';
import { bibAuthors, latexToText } from '../../../utils/import/latex';
import type { Paper } from '../../../utils/types';
import { ALL } from '../export/sample';
import { bare, fixture, NOW } from './sample';

const run = (text: string) => parseImport('library.bib', text, NOW);

describe('BibTeX import', () => {
  it('reads Google Scholar, arXiv, DBLP, biblatex and JabRef entries into exact records', () => {
    expect(run(fixture('scholar.bib'))).toEqual({
      format: 'bibtex',
      papers: [
        bare('1706.03762', {
          title: 'Attention is all you need',
          authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
          publishedAt: '2017-01-01T00:00:00.000Z',
        }),
        bare('2506.13000', {
          title: 'Spec2RTL-Agent: Automated Hardware Code Generation from Complex Specifications Using LLM Agent Systems',
          authors: ['Sofia Rossi', 'Jun Bianchi'],
          publishedAt: '2025-01-01T00:00:00.000Z',
          primaryClass: 'cs.SE',
        }),
        bare('2107.03374', {
          title: 'Evaluating Large Language Models Trained on Code',
          authors: ['Mark Chen', 'Jerry Tworek', 'Heewoo Jun'],
          publishedAt: '2021-01-01T00:00:00.000Z',
        }),
        bare('2403.00001', {
          title: 'Über Bäume: Most Efficient & Cheap -- 50% of Études',
          authors: ['Jörg Müller', 'Ayşe Koç', 'Søren Østergaard'],
          publishedAt: '2024-03-01T00:00:00.000Z',
          tags: ['trees', 'efficiency', 'Bäume'],
        }),
        bare('2501.00002', {
          title: 'A Paper Seen on Hugging Face',
          summary: 'Line one line two.',
          publishedAt: '2025-01-15T00:00:00.000Z',
          savedAt: '2025-06-01T10:00:00.000Z',
          updatedAt: '2025-06-01T10:00:00.000Z',
        }),
        bare('hep-th/9901001', {
          title: 'An Old-Style Identifier',
          authors: ['Old Timer'],
          publishedAt: '1999-01-01T00:00:00.000Z',
        }),
      ],
      topics: [],
      skipped: 1,
      errors: [],
      warnings: [],
    });
  });

  it('reads back what utils/export/bibtex.ts writes, hostile records included', () => {
    const r = run(toBibtex(ALL));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.skipped).toBe(0);
    expect(r.papers).toEqual(
      ALL.map((p) =>
        bare(p.id, {
          title: oneLine(p.title) || p.id,
          authors: p.authors.map(oneLine).filter(Boolean),
          publishedAt: `${paperDate(p)![0]}-01-01T00:00:00.000Z`,
          ...(p.primaryClass && { primaryClass: p.primaryClass }),
        }),
      ),
    );
  });

  it('splits authors as a reference BibTeX parser does', () => {
    for (const text of [fixture('scholar.bib'), toBibtex(ALL)]) {
      const reference = referenceParse(text).entries.map((e) =>
        (e.fields.author ?? [])
          .map((a) => [a.firstName, a.lastName, a.name].filter(Boolean).join(' ').normalize('NFC'))
          .filter((a) => a !== 'others'),
      );
      const ours = parseBibtexEntries(text).entries.map((e) => bibAuthors(e.fields.get('author') ?? ''));
      expect(ours).toEqual(reference);
    }
  });

  it('counts entries without an arXiv id as skipped; @comment, @preamble, @string are not entries', () => {
    const text = [
      '@comment{jabref-meta: databaseType:bibtex; {nested}}',
      '@preamble{"\\newcommand{\\noopsort}[1]{}"}',
      '@string{ns = "Nature"}',
      '@article{a, title = {Not arXiv}, journal = ns, year = 2020, doi = {10.1038/xyz}}',
      '@book{b, title = {A Book}}',
      '@misc{c, title = {On arXiv}, eprint = {2506.13000}}',
    ].join('\n');
    const r = run(text);
    expect(r.skipped).toBe(2);
    expect(r.papers.map((p) => [p.id, p.title])).toEqual([['2506.13000', 'On arXiv']]);
  });

  it('expands @string macros and month names; warns about unknown macros', () => {
    const r = run('@string{pre = "arXiv preprint "}\n@misc{a, title = "Part " # one, journal = pre # "arXiv:2506.13000", year = 2025, month = jun}');
    expect(r.papers).toEqual([bare('2506.13000', { title: 'Part one', publishedAt: '2025-06-01T00:00:00.000Z' })]);
    expect(r.warnings).toEqual(['BibTeX line 2: unknown @string "one", kept as text.']);
  });

  it('combines entries naming the same paper, with a warning', () => {
    const r = run('@misc{a, title = {First}, eprint = {2506.13000}, keywords = {x}}\n@misc{b, title = {Second}, url = {https://arxiv.org/abs/2506.13000v3}, keywords = {y}}');
    expect(r.papers).toEqual([bare('2506.13000', { title: 'First', tags: ['x', 'y'] })]);
    expect(r.warnings).toEqual(['2506.13000 appears in more than one entry; they were combined.']);
  });

  it('keeps <script> in a title as inert text', () => {
    const r = run('@misc{x, title = {<script>alert(1)</script> \\& <img src=x onerror=alert(2)>}, eprint = {2506.13000}}');
    expect(r.papers[0]!.title).toBe('<script>alert(1)</script> & <img src=x onerror=alert(2)>');
  });
});

describe('BibTeX syntax errors name the line; nothing is imported', () => {
  it.each([
    ['@misc{a,\n  title = {Unclosed,\n  eprint = {2506.13000}\n}\n', 'BibTeX line 2: the value of "title" runs into the field "eprint" below it (a } is missing?).'],
    ['@misc{a,\n  title = {Unclosed {and nested}\n}\n', 'BibTeX line 1: @misc{a} is never closed (missing }).'],
    ['@misc{a,\n  title = {{T}\n', 'BibTeX line 2: the value of "title" opens a { that is never closed (unbalanced braces).'],
    ['@misc{a,\n  title = {T}},\n  eprint = {2506.13000}\n}\n', 'BibTeX line 2: @misc{a} ends here, but more fields follow (one } too many?).'],
    ['@misc{a, title = {T}}\n}\n', 'BibTeX line 2: a } outside any entry (unbalanced braces: one too many before it?).'],
    ['@misc{a,\n  title = {T}\n  eprint = {2506.13000}\n}', 'BibTeX line 3: expected "," or "}" in @misc{a}, found "e".'],
    ['@misc{a,\n  title {T},\n}', 'BibTeX line 2: expected "=" after "title" in @misc{a}, found "{".'],
    ['@misc{a,\n  title = ,\n}', 'BibTeX line 2: expected a value for "title", found ",".'],
    ['@misc{a,\n  title = "T,\n}\n', 'BibTeX line 2: the value of "title" opens a " that is never closed.'],
    ['@misc{a,\n  title = "T,\n  year = 2025}\n', 'BibTeX line 2: the value of "title" opens a " that is never closed.'],
    ['@misc{a,\n  title = "T,\n  year = "2025"}\n', 'BibTeX line 2: the value of "title" runs into the field "year" below it (a " is missing?).'],
    ['@misc{a,\n  title = {T},\n  = {x}\n}', 'BibTeX line 3: expected a field name in @misc{a}, found "=".'],
    ['@misc{a,\n  title = {T},\n  eprint = {2506.13000}\n', 'BibTeX line 1: @misc{a} is never closed (missing }).'],
    ['@misc a, title = {T}}\n', 'BibTeX line 1: an @entry must be followed by { or (.'],
    ['@comment{never closed\n', 'BibTeX line 1: @comment is never closed (unbalanced braces).'],
  ])('%j', (text, message) => {
    expect(run(text)).toEqual({ format: 'bibtex', papers: [], topics: [], skipped: 0, errors: [message], warnings: [] });
  });

  it('reports every broken entry, resuming at the next @ line', () => {
    const text = '@misc{a, title {x}}\n@misc{ok, title = {Fine}, eprint = {2506.13000}}\n@misc{b,\n title = {y} junk}\n';
    expect(run(text).errors).toEqual([
      'BibTeX line 1: expected "=" after "title" in @misc{a}, found "{".',
      'BibTeX line 4: expected "," or "}" in @misc{b}, found "j".',
    ]);
  });

  it('a .bib file without entries is an error', () => {
    expect(run('% just a comment\n').errors).toEqual(['No BibTeX entries found in the file.']);
  });

  it('ignores e-mail addresses and other text between entries', () => {
    const r = run('Contact: someone@example.org (not an entry)\n@misc{c, title = {T}, eprint = {2506.13000}}');
    expect(r.errors).toEqual([]);
    expect(r.papers).toHaveLength(1);
  });
});

describe('LaTeX → text', () => {
  it.each([
    ['{Attention} Is {All} You Need', 'Attention Is All You Need'],
    ['{{Double braced}}', 'Double braced'],
    ['M{\\"u}ller \\"{o} \\"a {\\\'e} \\`e \\^o \\~n \\=a \\.z', 'Müller ö ä é è ô ñ ā ż'],
    ['\\c{c} \\c c \\v{s} \\u{g} \\H{o} \\k{a} \\r{a} {\\\'\\i} \\\'{\\i}', 'ç ç š ğ ő ą å í í'],
    ['{\\ss} {\\o}rsted {\\O} {\\ae} {\\AE} {\\oe} {\\l} {\\L} {\\aa} {\\AA}', 'ß ørsted Ø æ Æ œ ł Ł å Å'],
    ['Bj\\o rn Gau\\ss{}', 'Bjørn Gauß'],
    ['R\\&D 50\\% \\$5 \\#1 a\\_b \\{x\\}', 'R&D 50% $5 #1 a_b {x}'],
    ['\\textbackslash{} \\textbraceleft{}\\textbraceright{} \\textasciitilde{}\\textasciicircum{} \\textless{}b\\textgreater{} \\textbar{}', '\\ {} ~^ <b> |'],
    ['\\emph{Deep} \\textbf{Learning} \\textit{for} \\texttt{Code}', 'Deep Learning for Code'],
    ['Solving $O(n^{2})$ in $\\mathcal{O}(1)$', 'Solving $O(n^{2})$ in $\\mathcal{O}(1)$'],
    ['a~b\\,c  d\n  e', 'a b c d e'],
    ['\\LaTeX{} and \\TeX\\ and \\unknown{x}', 'LaTeX and TeX and \\unknownx'],
    ['A -- B --- C', 'A -- B --- C'],
    ['\\toString \\constructor \\hasOwnProperty', '\\toString \\constructor \\hasOwnProperty'],
    ['trailing \\', 'trailing \\'],
  ])('%j → %j', (latex, text) => {
    expect(latexToText(latex)).toBe(text);
  });

  it('survives deeply nested accents and braces', () => {
    expect(latexToText('\\"{'.repeat(3) + 'o' + '}'.repeat(3))).toBe('ö\u0308\u0308');
    expect(() => latexToText('\\"{'.repeat(100_000) + 'o' + '}'.repeat(100_000))).not.toThrow();
    expect(latexToText('{'.repeat(100_000) + 'x' + '}'.repeat(100_000))).toBe('x');
  });
});

describe('authors', () => {
  it.each([
    ['Vaswani, Ashish and Shazeer, Noam', ['Ashish Vaswani', 'Noam Shazeer']],
    ['Ada Lovelace and Charles Babbage', ['Ada Lovelace', 'Charles Babbage']],
    ['King, Jr, Martin Luther', ['Martin Luther King Jr']],
    ['{Research and Development Team} and {Smith, Jr.}', ['Research and Development Team', 'Smith, Jr.']],
    ['M{\\"u}ller, J{\\"o}rg AND Koç, Ayşe and others', ['Jörg Müller', 'Ayşe Koç']],
    ['  Mark Chen and\n   Jerry Tworek  ', ['Mark Chen', 'Jerry Tworek']],
    ['Alexander Sandro', ['Alexander Sandro']],
    ['', []],
  ])('%j', (raw, names) => {
    expect(bibAuthors(raw)).toEqual(names);
  });
});

describe('arXiv id of an entry', () => {
  it.each<[Record<string, string>, string | null]>([
    [{ eprint: '2506.13000', archiveprefix: 'arXiv' }, '2506.13000'],
    [{ eprint: '2506.13000v2', eprinttype: 'arxiv' }, '2506.13000'],
    [{ eprint: 'arXiv:2506.13000' }, '2506.13000'],
    [{ eprint: 'hep-th/9901001' }, 'hep-th/9901001'],
    [{ eprint: '2506.13000', archiveprefix: 'IACR' }, null],
    [{ url: 'https://arxiv.org/pdf/2506.13000v1.pdf' }, '2506.13000'],
    [{ url: 'https://huggingface.co/papers/2506.13000' }, '2506.13000'],
    [{ howpublished: '\\url{https://arxiv.org/abs/2506.13000}' }, '2506.13000'],
    [{ url: 'https://example.com/2506.13000' }, null],
    [{ doi: '10.48550/arXiv.2506.13000' }, '2506.13000'],
    [{ doi: 'https://doi.org/10.48550/ARXIV.2506.13000' }, '2506.13000'],
    [{ doi: '10.1145/2506.13000' }, null],
    [{ journal: 'arXiv preprint arXiv:2506.13000' }, '2506.13000'],
    [{ journal: 'ArXiv', volume: 'abs/2506.13000' }, null],
    [{ journal: 'CoRR', volume: 'abs/2506.13000' }, '2506.13000'],
    [{ note: 'arXiv:math.GT/0309136v1' }, 'math.GT/0309136'],
    [{ journal: 'Nature', year: '2020' }, null],
  ])('%j → %s', (fields, id) => {
    expect(bibArxivId(new Map(Object.entries(fields)))).toBe(id);
  });
});
