/**
 * One rule per fact (utils/fields.ts): a date, a link, one-line text, a topic's default colour,
 * the same whether a paper comes from a save, the HF API or an import.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPIC_COLOR, httpUrl, isoDate, oneLine } from '../../utils/fields';
import { parseImport } from '../../utils/import';
import { validatePaper, validateTopic } from '../../utils/import/validate';
import { applyApiPaper, cleanCard, paperFromCard } from '../../utils/store/paper-record';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const ID = '2506.13000';

/** Dates that do not exist: none may roll over into another day, or be kept. */
const IMPOSSIBLE = [
  '2025-02-30', // February has no 30th
  '2025-02-29', // 2025 is not a leap year
  '2100-02-29', // nor is 2100 (divisible by 100, not by 400)
  '1900-02-29',
  '2025-13-01', // month 13
  '2025-00-10', // month 0
  '2025-04-31', // April has 30 days
  '2025-06-00', // day 0
  '2025-01-32',
  '2025-02-30T12:00:00Z',
  '2025-02-30T12:00:00+02:00',
  '2025-06-26T24:30:00Z', // hour 24 past midnight
  '2025-06-26T10:61:00Z',
];
/** Real dates next to them, kept (normalised). */
const REAL: Array<[string, string]> = [
  ['2024-02-29', '2024-02-29T00:00:00.000Z'], // leap year
  ['2000-02-29', '2000-02-29T00:00:00.000Z'], // divisible by 400
  ['2025-12-31', '2025-12-31T00:00:00.000Z'],
  ['2025-06-01T17:59:00.000Z', '2025-06-01T17:59:00.000Z'],
  ['2025-06-26T10:00:00+02:00', '2025-06-26T08:00:00.000Z'],
  ['0025-03-01', '0025-03-01T00:00:00.000Z'],
];

describe('isoDate: one rule, impossible dates refused', () => {
  it.each(IMPOSSIBLE)('refuses %s', (v) => expect(isoDate(v)).toBeUndefined());
  it.each(REAL)('keeps %s as %s', (v, iso) => expect(isoDate(v)).toBe(iso));
  it.each([[undefined], [null], [20250226], [''], ['26/06/2025'], ['June 26, 2025'], ['1750924800']])('refuses %j', (v) => expect(isoDate(v)).toBeUndefined());
});

describe('a save and an import of the same date agree', () => {
  const fromSave = (publishedAt: string) => paperFromCard(cleanCard({ id: ID, title: 'T', publishedAt }), NOW.toISOString()).publishedAt;
  const fromApi = (publishedAt: string) =>
    applyApiPaper(paperFromCard(cleanCard({ id: ID, title: 'T' }), NOW.toISOString()), { id: ID, publishedAt }, NOW.toISOString())!.publishedAt;
  const fromJson = (publishedAt: string) => {
    const r = validatePaper({ id: ID, title: 'T', publishedAt }, 'papers[0]', { nowIso: NOW.toISOString(), warnings: [] });
    return Array.isArray(r) ? r : r.publishedAt;
  };
  const fromBibtex = (date: string) => parseImport('x.bib', `@misc{a, title={T}, eprint={${ID}}, archivePrefix={arXiv}, date={${date}}}`, NOW).papers[0]!.publishedAt;

  it.each(IMPOSSIBLE)('%s: not stored by a save, the API or a BibTeX import; a JSON import names it', (v) => {
    expect(fromSave(v)).toBeUndefined();
    expect(fromApi(v)).toBeUndefined();
    expect(fromJson(v)).toEqual([`papers[0].publishedAt: ${JSON.stringify(v)} is not an ISO date`]);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) expect(fromBibtex(v)).toBeUndefined();
  });

  it.each(REAL)('%s: stored as %s by every way in', (v, iso) => {
    expect(fromSave(v)).toBe(iso);
    expect(fromApi(v)).toBe(iso);
    expect(fromJson(v)).toBe(iso);
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) expect(fromBibtex(v)).toBe(iso);
  });
});

describe('the other facts', () => {
  it('httpUrl: absolute http(s) URLs only, as URL writes them', () => {
    expect(httpUrl('https://github.com/a/b')).toBe('https://github.com/a/b');
    expect(httpUrl('http://example.org')).toBe('http://example.org/');
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AA', '/relative', 'ftp://x.org/', '', 42]) expect(httpUrl(bad)).toBeUndefined();
    // A save and an import keep the same links.
    const card = cleanCard({ id: ID, title: 'T', thumbnail: 'ftp://x.org/a.png', githubRepo: 'http://github.com/a/b' });
    expect([card.thumbnail, card.githubRepo]).toEqual([undefined, 'http://github.com/a/b']);
    const r = validatePaper({ id: ID, title: 'T', thumbnail: 'ftp://x.org/a.png' }, 'p', { nowIso: NOW.toISOString(), warnings: [] });
    expect(r).toEqual(['p.thumbnail: "ftp://x.org/a.png" is not an http(s) URL']);
  });

  it('oneLine: whitespace runs to one space, control characters dropped', () => {
    expect(oneLine('  a\n\tb\u0000c\u0007 ')).toBe('a bc');
  });

  it('a topic without a colour gets the same one from an import as from the editor', () => {
    const t = validateTopic({ id: 't', name: 'LLM' }, 't', { nowIso: NOW.toISOString(), warnings: [] });
    expect(t).toMatchObject({ color: DEFAULT_TOPIC_COLOR });
  });
});
