import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CSV_HEADER, csvCell, toCsv } from '../../../utils/export/csv';
import { ALL } from './sample';

const byId = (id: string) => ALL.find((p) => p.id === id)!;
const out = toCsv(ALL);
const neutral = (v: string) => (/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

describe('toCsv', () => {
  it("starts with Raindrop's header and ends every row with CRLF", () => {
    expect(out.startsWith('id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\r\n')).toBe(true);
    expect(out.endsWith('\r\n')).toBe(true);
    expect(toCsv([])).toBe('id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\r\n');
  });

  it('writes the exact row for a fixture paper and for hostile ones', () => {
    const fixture = byId('2506.13000');
    expect(toCsv([fixture, byId('2507.00002'), byId('2507.00003')])).toBe(
      [
        CSV_HEADER.join(','),
        `2506.13000,Spec2RTL-Agent: Automated Hardware Code Generation from Complex Specifications Using LLM Agent Systems,"Read §0, compare with baseline","${fixture.summary}",https://huggingface.co/papers/2506.13000,Papershelf,,2025-06-26T08:00:00.000Z,${fixture.thumbnail},,false`,
        `2507.00002,"}{@misc{evil, title={pwned}",'=cmd|' /C calc'!A0,,https://huggingface.co/papers/2507.00002,Papershelf,hostile,2025-06-26T08:00:00.000Z,,,false`,
        `2507.00003,"""Quoted"", with commas, and 50% of $x$ & y_1 #2 ~ ^ \\ back | pipe",'+SUM(A1:A2),"Line one\nLine two, ""quoted""\r\n\tLine three",https://huggingface.co/papers/2507.00003,Papershelf,"hostile,a b",2025-06-26T08:00:00.000Z,,,false`,
        '',
      ].join('\r\n'),
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\ronly', '"cr\ronly"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a=1', 'a=1'],
  ])('csvCell(%j) = %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('parses back with papaparse: header, one row per paper, every field round-trips', () => {
    const { data, errors, meta } = Papa.parse<Record<string, string>>(out, { header: true, skipEmptyLines: true });
    expect(errors).toEqual([]);
    expect(meta.fields).toEqual(CSV_HEADER);
    expect(meta.linebreak).toBe('\r\n');
    expect(data).toHaveLength(ALL.length);
    data.forEach((row, i) => {
      const p = ALL[i]!;
      expect(row).toEqual({
        id: p.id,
        title: neutral(p.title),
        note: neutral(p.note),
        excerpt: neutral(p.summary ?? ''),
        url: `https://huggingface.co/papers/${p.id}`,
        folder: 'Papershelf',
        tags: p.tags.map((t) => t.replace(/,/g, ' ')).join(','),
        created: p.savedAt,
        cover: p.thumbnail ?? '',
        highlights: '',
        favorite: 'false',
      });
    });
  });

  it('neutralises every formula-looking cell', () => {
    const rows = Papa.parse<string[]>(out, { skipEmptyLines: true }).data;
    const cells = rows.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    expect(cells.filter((c) => c.startsWith("'"))).toEqual(["'=cmd|' /C calc'!A0", "'+SUM(A1:A2)", "'-2+3", "'@SUM(1)", "'\tTabbed"]);
  });
});
