// @vitest-environment jsdom
/**
 * Every importer under input it was not written for: each fixture cut short at many points, bytes
 * of binary inserted, keys that would pollute prototypes, markup and invisible characters. What the
 * tests in tests/unit/import already cover one by one (50 MB, 100,000 nested arrays, 50,001 papers,
 * duplicate ids, wrong versions) is not repeated. The properties: parseImport never throws, never
 * pollutes a prototype, and whatever it returns is accepted as-is by the background's validation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseImport } from '../../../utils/import';
import { validatePaper, validateTopic } from '../../../utils/import/validate';
import { fixture } from '../import/sample';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const FILES = ['papershelf-v1.json', 'scholar.bib', 'chrome.html', 'firefox.html', 'raindrop.csv', 'pocket.csv'];

// Inputs tried: 6×40 truncations + 6×10 binary insertions + 5 binary files + 7 prototype-key files
// + 3 markup files + 2×7 bad ids + 2 huge values = 331.
afterEach(() => {
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(Object.prototype).not.toHaveProperty('polluted');
});

/** Parse, and check the result is one the background accepts record by record. */
function check(name: string, text: string) {
  const r = parseImport(name, text, NOW);
  if (r.errors.length) {
    expect(r.papers, name).toEqual([]);
    for (const e of r.errors) expect(e.trim().length, name).toBeGreaterThan(0);
  }
  const ctx = { nowIso: NOW.toISOString(), warnings: [] };
  r.papers.forEach((p, i) => expect(validatePaper(p, `papers[${i}]`, ctx), `${name} papers[${i}]`).toEqual(p));
  r.topics.forEach((t, i) => expect(validateTopic(t, `topics[${i}]`, ctx), `${name} topics[${i}]`).toEqual(t));
  return r;
}

/** Deterministic pseudo-random bytes as a string (what FileReader gives for a binary file read as text). */
function bytes(length: number, seed: number): string {
  let out = '';
  for (let i = 0; i < length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    out += String.fromCharCode(seed % 256);
  }
  return out;
}

describe('importers under hostile input', { timeout: 60_000 }, () => {
  it.each(FILES)('%s cut short at 40 points: a clear error or a valid part, never a throw', (file) => {
    const text = fixture(file);
    for (let k = 1; k <= 40; k++) check(file, text.slice(0, Math.floor((text.length * k) / 41)));
  });

  it.each(FILES)('%s with binary bytes inserted at 10 points', (file) => {
    const text = fixture(file);
    for (let k = 0; k < 10; k++) {
      const at = Math.floor((text.length * k) / 10);
      check(file, text.slice(0, at) + bytes(64, k + 1) + '\u0000\uFFFD\uD800' + text.slice(at));
    }
  });

  it.each(['x.json', 'x.bib', 'x.html', 'x.csv', 'x.txt'])('1 MB of binary named %s: refused with a message, or no papers (the page then says "Nothing to import")', (name) => {
    const r = check(name, bytes(1024 * 1024, 7));
    expect(r.papers).toEqual([]);
    expect(r.errors.length > 0 || r.format === 'bookmarks-html').toBe(true);
  });

  it('prototype keys in every format are refused or inert', () => {
    const id = 'https://arxiv.org/abs/2506.13000';
    check('p.json', '{"format":"papershelf","version":1,"papers":[{"id":"2506.13000","title":"t","tags":[],"__proto__":{"polluted":1}}]}');
    check('p.json', '{"format":"papershelf","version":1,"__proto__":{"polluted":1},"papers":[]}');
    check('p.json', '{"format":"papershelf","version":1,"papers":[],"topics":[{"id":"__proto__","name":"constructor","include":["x"]}]}');
    check('p.bib', '@article{__proto__, __proto__ = {polluted}, constructor = {x}, title = {T}, eprint = {2506.13000}, archivePrefix={arXiv}}');
    check('p.bib', '@string{__proto__ = "polluted"}\n@article{k, title = __proto__, eprint = {2506.13000}}');
    check('p.csv', `id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite,__proto__\r\n1,t,,,${id},x,__proto__,,,,false,polluted\r\n`);
    check('p.html', `<!DOCTYPE NETSCAPE-Bookmark-file-1><DL><DT><H3>__proto__</H3><DL><DT><A HREF="${id}" TAGS="__proto__,constructor">t</A></DL></DL>`);
  });

  it('markup, RTL and zero-width characters: kept as inert text, ids still recognised or refused', () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>';
    const zw = '2506.\u200b13000';
    const r1 = check('e.bib', `@article{k, title = {${evil} \u202Etxt.exe}, eprint = {2506.13000}, archivePrefix = {arXiv}}\n@article{z, title={Z}, eprint={${zw}}}`);
    expect(r1.papers.map((p) => p.id)).toEqual(['2506.13000']);
    expect(r1.papers[0]!.title).toContain('<img src=x onerror="window.__pwned=1">');
    const r2 = check('e.html', `<DL><DT><A HREF="https://arxiv.org/abs/2506.13000" ONCLICK="window.__pwned=1">${evil.replace(/</g, '&lt;')}</A><DT><A HREF="javascript:alert(1)">x</A><DT><A HREF="https://arxiv.org/abs/${zw}">z</A></DL>`);
    expect(r2.papers.map((p) => p.id)).toEqual(['2506.13000']);
    expect(r2.papers[0]!.title).toContain('<script>');
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    const r3 = check('e.csv', `id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\r\n1,"=HYPERLINK(""http://x"")",,,https://arxiv.org/abs/2506.13000,x,,,javascript:alert(1),,false\r\n`);
    expect(r3.papers[0]).toMatchObject({ id: '2506.13000', title: '=HYPERLINK("http://x")' });
    expect(r3.papers[0]).not.toHaveProperty('thumbnail');
  });

  it('ids that are not arXiv ids are skipped or refused, never stored', () => {
    const bad = ['../../etc/passwd', '2506.130000', 'abcd.12345', '9999.99999v', '<script>', 'hep-th/99010011', ' 2506.13000 x'];
    for (const id of bad) {
      const j = check('b.json', JSON.stringify({ format: 'papershelf', version: 1, papers: [{ id, title: 't' }] }));
      expect(j.errors.join('\n'), id).toMatch(/is not an arXiv id/);
      const b = check('b.bib', `@article{k, title = {t}, eprint = {${id}}, archivePrefix = {arXiv}}`);
      expect(b.papers, id).toEqual([]);
    }
  });

  it('100,000 nested braces in a BibTeX title, and a 10 MB CSV cell', () => {
    const deep = '{'.repeat(100_000) + 'x' + '}'.repeat(100_000);
    const r = check('d.bib', `@article{k, title = {${deep}}, eprint = {2506.13000}, archivePrefix = {arXiv}}`);
    expect(r.papers.map((p) => p.id)).toEqual(['2506.13000']);
    const big = 'y'.repeat(10 * 1024 * 1024);
    const c = check('c.csv', `id,title,note,excerpt,url,folder,tags,created,cover,highlights,favorite\r\n1,t,"${big}",,https://arxiv.org/abs/2506.13000,x,,,,,false\r\n`);
    expect(c.errors).toEqual([]);
    expect(c.papers[0]!.note.length).toBe(100_000);
  });
});
