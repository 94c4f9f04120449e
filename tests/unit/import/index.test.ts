import { afterEach, describe, expect, it, vi } from 'vitest';
import { detectFormat, parseImport } from '../../../utils/import';
import { fixture, NOW } from './sample';

const UNKNOWN =
  'This file is not in a format Papershelf can import. Supported: a Papershelf backup (.json), BibTeX (.bib), a browser bookmarks file (.html), or a Raindrop or Pocket export (.csv).';
const TOO_BIG = 'The file is larger than 50 MB, the most that can be imported at once.';
const failed = (format: string, error: string) => ({ format, papers: [], topics: [], skipped: 0, errors: [error], warnings: [] });

/** Deterministic printable junk without anything that looks like a format. */
function junk(length: number): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ0123456789.;:!?-_=+*/\n';
  let seed = 42;
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += chars[seed % chars.length];
  }
  return out;
}

describe('format detection: content first, extension as a hint', () => {
  it.each([
    ['backup.txt', 'papershelf-v1.json', fixture('papershelf-v1.json'), 'papershelf-json'],
    ['backup.bib', 'BOM + JSON', '\uFEFF  {"format":"papershelf"}', 'papershelf-json'],
    ['x', 'a JSON array', '[{"id":"1"}]', 'papershelf-json'],
    ['x.json', 'firefox.html', fixture('firefox.html'), 'bookmarks-html'],
    ['x', 'a DL without doctype', '<dl><dt><a href="https://arxiv.org/abs/2506.13000">x</a></dl>', 'bookmarks-html'],
    ['x.txt', 'raindrop.csv', fixture('raindrop.csv'), 'csv'],
    ['x', 'pocket.csv', fixture('pocket.csv'), 'csv'],
    ['x.csv', 'scholar.bib', fixture('scholar.bib'), 'bibtex'],
    ['x', 'an entry after a comment', '% comment\n\n  @Article{key,\n title={T}}', 'bibtex'],
    ['x.json', 'text', 'not json', 'papershelf-json'],
    ['x.BIB', 'text', 'nothing here', 'bibtex'],
    ['x.htm', 'text', 'nothing here', 'bookmarks-html'],
    ['x.csv', 'an unknown header', 'name,link', 'csv'],
    ['x.txt', 'text', 'nothing here', null],
    ['x', 'an e-mail address', 'mail me@example.org', null],
  ])('%s holding %s → %s', (name, _what, text, format) => {
    expect(detectFormat(name, text)).toBe(format);
  });
});

describe('parseImport', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('an unknown format says which formats are supported', () => {
    expect(parseImport('notes.txt', 'Just some notes.\n', NOW)).toEqual(failed('unknown', UNKNOWN));
  });

  it('binary junk', () => {
    const bytes = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    expect(parseImport('photo.png', bytes, NOW)).toEqual(failed('unknown', UNKNOWN));
  });

  it('10 MB of junk: rejected quickly, whatever the name', () => {
    const text = junk(10 * 1024 * 1024);
    const start = performance.now();
    expect(parseImport('junk.dat', text, NOW)).toEqual(failed('unknown', UNKNOWN));
    expect(parseImport('junk.json', text, NOW)).toEqual(failed('papershelf-json', 'Not valid JSON: unexpected "=" at line 1, column 1.'));
    expect(parseImport('junk.bib', text, NOW)).toEqual(failed('bibtex', 'No BibTeX entries found in the file.'));
    expect(parseImport('junk.csv', text, NOW).errors[0]).toMatch(/^CSV header not recognised: expected a Raindrop export/);
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('an empty file', () => {
    expect(parseImport('empty.json', '\uFEFF \n', NOW)).toEqual(failed('papershelf-json', 'The file is empty.'));
  });

  it('over 50 MB (in UTF-8) is rejected before any parsing', () => {
    const parse = vi.spyOn(JSON, 'parse');
    expect(parseImport('big.bib', '@'.repeat(50 * 1024 * 1024 + 1), NOW)).toEqual(failed('bibtex', TOO_BIG));
    // 2 bytes per character: 26,214,401 characters are 52,428,802 bytes
    expect(parseImport('big.json', 'é'.repeat(26_214_401), NOW)).toEqual(failed('papershelf-json', TOO_BIG));
    expect(parse).not.toHaveBeenCalled();
    // exactly 50 MB is allowed through to the parser
    expect(parseImport('big.json', 'é'.repeat(26_214_400), NOW).errors).toEqual(['Not valid JSON: unexpected "é" at line 1, column 1.']);
  });

  it('more than 50,000 papers from any format is rejected', () => {
    const bib = Array.from({ length: 60_000 }, (_, i) => `@misc{k${i}, eprint = {2506.${String(i).padStart(5, '0')}}}`).join('\n');
    expect(parseImport('many.bib', bib, NOW)).toEqual({
      format: 'bibtex',
      papers: [],
      topics: [],
      skipped: 0,
      errors: ['The file has 60,000 papers; at most 50,000 can be imported at once.'],
      warnings: [],
    });
  });

  it('caps warnings at 20, then says how many more', () => {
    const bib = Array.from({ length: 25 }, (_, i) => `@misc{a${i}, eprint = {2506.${String(i).padStart(5, '0')}}}\n@misc{b${i}, eprint = {2506.${String(i).padStart(5, '0')}}}`).join('\n');
    const r = parseImport('dupes.bib', bib, NOW);
    expect(r.papers).toHaveLength(25);
    expect(r.warnings).toHaveLength(21);
    expect(r.warnings[0]).toBe('2506.00000 appears in more than one entry; they were combined.');
    expect(r.warnings[20]).toBe('…and 5 more');
  });
});
