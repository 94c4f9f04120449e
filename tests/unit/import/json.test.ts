import { afterEach, describe, expect, it, vi } from 'vitest';
import { toJson } from '../../../utils/export/json';
import { parseImport } from '../../../utils/import';
import { jsonErrorIndex } from '../../../utils/import/json';
import { ALL, HOSTILE, TOPICS } from '../export/sample';
import { fixture, NOW, V1_PAPERS, V1_TOPICS } from './sample';

const V1 = fixture('papershelf-v1.json');

/** A backup with these papers (raw JSON values) and no topics. */
const backup = (papers: unknown[]) => `{"format":"papershelf","version":1,"papers":${JSON.stringify(papers)},"topics":[]}`;
const run = (text: string) => parseImport('papershelf.json', text, NOW);
const errorsOf = (text: string) => run(text).errors;

describe('Papershelf JSON import', () => {
  it('reads a version 1 backup into exact records', () => {
    expect(run(V1)).toEqual({ format: 'papershelf-json', papers: V1_PAPERS, topics: V1_TOPICS, seen: [], skipped: 0, errors: [], warnings: [] });
  });

  it('reads a version 2 backup with its seen set; a malformed seen entry refuses the file', () => {
    const v2 = fixture('papershelf-v2.json');
    const r = run(v2);
    expect(r.errors).toEqual([]);
    expect(r.papers).toEqual(V1_PAPERS);
    expect(r.seen).toEqual([{ id: V1_PAPERS[0]!.id, firstSeenAt: '2025-06-30T07:00:00.000Z', lastSeenAt: '2025-06-30T08:00:00.000Z' }]);
    const bad = (seen: unknown) => errorsOf(JSON.stringify({ format: 'papershelf', version: 2, papers: [], topics: [], seen }));
    expect(bad({})).toEqual(['seen: expected an array, found an object.']);
    expect(bad([{ id: 'abc', firstSeenAt: '2025-06-30T07:00:00.000Z', lastSeenAt: '2025-06-30T07:00:00.000Z' }])).toEqual(['seen[0].id: "abc" is not an arXiv id.']);
    expect(bad([{ id: '2506.13000', firstSeenAt: 'yesterday', lastSeenAt: '2025-06-30T07:00:00.000Z' }])).toEqual([
      'seen[0].firstSeenAt: expected an ISO date-time, found "yesterday".',
    ]);
    expect(run(JSON.stringify({ format: 'papershelf', version: 2, papers: [], topics: [], seen: [{ id: 'x' }] })).seen).toEqual([]);
  });

  it('export → import → export is byte-identical (fixture papers, hostile records, topics)', () => {
    const exported = toJson(ALL, TOPICS, NOW);
    const result = run(exported);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.papers).toHaveLength(ALL.length);
    expect(toJson(result.papers, result.topics, NOW)).toBe(exported);
    // A version 1 file comes back as version 2 with an empty seen set, every record the same.
    expect(toJson(run(V1).papers, run(V1).topics, new Date('2025-06-26T12:00:00.000Z'))).toBe(
      V1.replace('"version": 1,', '"version": 2,').replace(/\n  \]\n\}\n$/, '\n  ],\n  "seen": []\n}\n'),
    );
    const v2 = fixture('papershelf-v2.json');
    expect(toJson(run(v2).papers, run(v2).topics, new Date(JSON.parse(v2).exportedAt), run(v2).seen)).toBe(v2);
  });

  it('fills defaults: authors, tags, note, read, dates from the file or now; url from the id', () => {
    const r = run(backup([{ id: 'arXiv:2506.13000v3', title: 'T', url: 'https://evil.example/', savedAt: '2025-06-01' }]));
    expect(r.papers).toEqual([
      {
        id: '2506.13000',
        title: 'T',
        authors: [],
        savedAt: '2025-06-01T00:00:00.000Z',
        updatedAt: '2025-06-01T00:00:00.000Z',
        url: 'https://huggingface.co/papers/2506.13000',
        tags: [],
        note: '',
        read: false,
      },
    ]);
    expect(run(backup([{ id: '2506.13000', title: 'T' }])).papers[0]).toMatchObject({
      savedAt: '2025-07-01T00:00:00.000Z',
      updatedAt: '2025-07-01T00:00:00.000Z',
    });
  });

  it('keeps <script> in titles as inert text', () => {
    const r = run(backup([{ id: '2506.13000', title: HOSTILE[0]!.title, note: HOSTILE[0]!.note }]));
    expect(r.papers[0]!.title).toBe('<script>alert(1)</script> & <img src=x onerror=alert(2)>');
    expect(r.papers[0]!.note).toBe('</A></DL><script>alert(3)</script>');
  });

  it('drops unknown keys with one warning', () => {
    const r = run(backup([{ id: '2506.13000', title: 'T', extra: 1, other: { a: 1 } }, { id: '2506.13001', title: 'U', extra: 2 }]));
    expect(r.errors).toEqual([]);
    expect(Object.keys(r.papers[0]!)).not.toContain('extra');
    expect(r.warnings).toEqual(['papers: ignored unknown fields "extra", "other".']);
  });

  it('merges duplicate ids (the newer updatedAt wins) with a warning', () => {
    const r = run(
      backup([
        { id: '2506.13000', title: 'Old', tags: ['a'], savedAt: '2025-06-01T00:00:00.000Z', updatedAt: '2025-06-01T00:00:00.000Z', upvotes: 3 },
        { id: '2506.13000v2', title: 'New', tags: ['b'], savedAt: '2025-06-05T00:00:00.000Z', updatedAt: '2025-06-10T00:00:00.000Z' },
        { id: '2506.13001', title: 'Other' },
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual(['papers[1]: 2506.13000 is also papers[0]; the two were merged, the newer one winning.']);
    expect(r.papers.map((p) => p.id)).toEqual(['2506.13000', '2506.13001']);
    expect(r.papers[0]).toEqual({
      id: '2506.13000',
      title: 'New',
      authors: [],
      savedAt: '2025-06-01T00:00:00.000Z',
      updatedAt: '2025-06-10T00:00:00.000Z',
      url: 'https://huggingface.co/papers/2506.13000',
      upvotes: 3,
      tags: ['b'],
      note: '',
      read: false,
    });
  });

  it('keeps the newer of two topics with one id, with a warning', () => {
    const t = (name: string, updatedAt: string) => ({ id: 't1', name, color: '#000000', include: [], exclude: [], enabled: true, order: 0, updatedAt });
    const text = `{"format":"papershelf","version":1,"papers":[],"topics":${JSON.stringify([t('A', '2025-06-02T00:00:00.000Z'), t('B', '2025-06-01T00:00:00.000Z')])}}`;
    const r = run(text);
    expect(r.topics.map((x) => x.name)).toEqual(['A']);
    expect(r.warnings).toEqual(['topics[1]: topic id "t1" is also topics[0]; kept the newer one.']);
  });

  it('cuts over-long text with a warning', () => {
    const r = run(backup([{ id: '2506.13000', title: 'x'.repeat(1001), note: 'n'.repeat(100_001), summary: 'a' + '😀'.repeat(50_000) }]));
    expect(r.errors).toEqual([]);
    expect(r.papers[0]!.title).toBe('x'.repeat(1000));
    expect(r.papers[0]!.note).toHaveLength(100_000);
    // never half a surrogate pair
    expect(r.papers[0]!.summary).toBe('a' + '😀'.repeat(49_999));
    expect(r.warnings).toEqual([
      'papers[0].title: cut to 1000 characters',
      'papers[0].summary: cut to 100000 characters',
      'papers[0].note: cut to 100000 characters',
    ]);
  });
});

describe('Papershelf JSON import rejects malformed files', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('truncated JSON: says where it ends', () => {
    const text = toJson(ALL.slice(0, 1), [], NOW).slice(0, 120);
    expect(text.split('\n')).toHaveLength(7);
    expect(errorsOf(text)).toEqual([
      `Not valid JSON: the file ends unexpectedly at line 7, column ${text.split('\n')[6]!.length + 1} (is it cut short?).`,
    ]);
    expect(errorsOf('{"format":"papershelf","version":1,"papers":[{"id":"2506.13')).toEqual([
      'Not valid JSON: the file ends unexpectedly at line 1, column 60 (is it cut short?).',
    ]);
  });

  it.each([
    ['{"a":1,}', 'Not valid JSON: unexpected "}" at line 1, column 8.'],
    ['[1, tru]', 'Not valid JSON: unexpected "]" at line 1, column 8.'],
    ['{"a":\n  01}', 'Not valid JSON: unexpected "1" at line 2, column 4.'],
    ['{"a":1}\n\n  }', 'Not valid JSON: unexpected "}" at line 3, column 3.'],
    ['{"a":"b\u0001"}', 'Not valid JSON: unexpected U+0001 at line 1, column 8.'],
    ['{"a":"\\x"}', 'Not valid JSON: unexpected "x" at line 1, column 8.'],
    ['{"a" 1}', 'Not valid JSON: unexpected "1" at line 1, column 6.'],
    ['{a:1}', 'Not valid JSON: unexpected "a" at line 1, column 2.'],
    ['\u0000\u0001\u0002\u00ff\ufffd', 'Not valid JSON: unexpected U+0000 at line 1, column 1.'],
  ])('syntax error %j', (text, message) => {
    expect(errorsOf(text)).toEqual([message]);
  });

  it('the syntax locator agrees with JSON.parse on valid input', () => {
    for (const s of ['{}', '[]', '[1,-2.5e3,"\\u00e9\\n",true,false,null,{"a":[{}]}]', ' "x" ', toJson(ALL, TOPICS, NOW)])
      expect(jsonErrorIndex(s)).toBe(-1);
  });

  it('binary junk named .json', () => {
    const junk = String.fromCharCode(...Array.from({ length: 256 }, (_, i) => (i * 37) % 256));
    expect(run(junk)).toEqual({
      format: 'papershelf-json',
      papers: [],
      topics: [],
      skipped: 0,
      errors: ['Not valid JSON: unexpected U+0000 at line 1, column 1.'],
      warnings: [],
    });
  });

  it.each([
    ['[{"id":"2506.13000","type":"article"}]', 'The file holds an array, but this JSON file is not a Papershelf backup (expected an object with "format": "papershelf").'],
    ['"papershelf"', 'The file holds "papershelf", but this JSON file is not a Papershelf backup (expected an object with "format": "papershelf").'],
    ['{"version":1,"papers":[]}', 'format: missing; this JSON file is not a Papershelf backup.'],
    ['{"format":"raindrop","version":1,"papers":[]}', 'format: expected "papershelf", found "raindrop"; this JSON file is not a Papershelf backup.'],
    ['{"format":"papershelf","papers":[]}', 'version: missing.'],
    ['{"format":"papershelf","version":"1","papers":[]}', 'version: expected a whole number from 1 to 2, found "1".'],
    ['{"format":"papershelf","version":0,"papers":[]}', 'version: expected a whole number from 1 to 2, found 0.'],
    ['{"format":"papershelf","version":1.5,"papers":[]}', 'version: expected a whole number from 1 to 2, found 1.5.'],
    [
      '{"format":"papershelf","version":3,"papers":[]}',
      'version: this backup is version 3, made by a newer Papershelf; update the extension to import it (this one reads up to version 2).',
    ],
    ['{"format":"papershelf","version":1,"papers":{"0":{}}}', 'papers: expected an array, found an object.'],
    ['{"format":"papershelf","version":1}', 'papers: expected an array, found nothing.'],
    ['{"format":"papershelf","version":1,"papers":"none"}', 'papers: expected an array, found "none".'],
    ['{"format":"papershelf","version":1,"papers":[],"topics":{}}', 'topics: expected an array, found an object.'],
    ['{"format":"papershelf","version":1,"papers":[],"constructor":{"prototype":{"x":1}}}', 'constructor: forbidden key.'],
  ])('wrong shape %s', (text, message) => {
    expect(errorsOf(text)).toEqual([message]);
  });

  it('names each bad record and field; one bad record rejects the whole file', () => {
    const r = run(
      backup([
        { id: '2506.13000', title: 'Good' },
        { id: 'abc', title: 'Bad id' },
        { title: 'No id' },
        { id: '2506.13002' },
        { id: '2506.13003', title: null },
        { id: '2506.13004', title: 7, authors: 'Ann', tags: ['ok', '', 3], read: 'yes', upvotes: -1 },
        { id: '2506.13005', title: 'Dates', savedAt: 'yesterday', publishedAt: '2025-13-45', enrichedAt: 20250101 },
        { id: '2506.13006', title: 'URLs', thumbnail: 'javascript:alert(1)', githubRepo: 'ftp://x', url: 5 },
        'not a record',
        [],
      ]),
    );
    expect(r.papers).toEqual([]);
    expect(r.topics).toEqual([]);
    expect(r.errors).toEqual([
      'papers[1].id: "abc" is not an arXiv id',
      'papers[2].id: missing',
      'papers[3].title: missing',
      'papers[4].title: missing',
      'papers[5].title: expected a string, found 7',
      'papers[5].authors: expected an array of strings, found "Ann"',
      'papers[5].upvotes: expected a whole number ≥ 0, found -1',
      'papers[5].tags[1]: expected a non-empty string, found ""',
      'papers[5].tags[2]: expected a non-empty string, found 3',
      'papers[5].read: expected true or false, found "yes"',
      'papers[6].savedAt: "yesterday" is not an ISO date',
      'papers[6].publishedAt: "2025-13-45" is not an ISO date',
      'papers[6].enrichedAt: expected a string, found 20250101',
      'papers[7].url: expected a string, found 5',
      'papers[7].thumbnail: "javascript:alert(1)" is not an http(s) URL',
      'papers[7].githubRepo: "ftp://x" is not an http(s) URL',
      'papers[8]: expected an object, found "not a record"',
      'papers[9]: expected an object, found an array',
    ]);
  });

  it('validates topics', () => {
    const text = `{"format":"papershelf","version":1,"papers":[],"topics":[{"id":"t","name":"","color":"red","include":"llm","enabled":1,"order":"2"}]}`;
    expect(errorsOf(text)).toEqual([
      'topics[0].color: "red" is not a "#rrggbb" colour',
      'topics[0].name: expected a non-empty string, found ""',
      'topics[0].include: expected an array of strings, found "llm"',
      'topics[0].enabled: expected true or false, found 1',
      'topics[0].order: expected a number, found "2"',
    ]);
  });

  it('reports 20 errors, then how many more', () => {
    const errors = errorsOf(backup(Array.from({ length: 30 }, (_, i) => ({ id: `bad${i}`, title: 'T' }))));
    expect(errors).toHaveLength(21);
    expect(errors[0]).toBe('papers[0].id: "bad0" is not an arXiv id');
    expect(errors[19]).toBe('papers[19].id: "bad19" is not an arXiv id');
    expect(errors[20]).toBe('…and 10 more');
  });

  it('refuses __proto__ / constructor / prototype keys anywhere in a record, without polluting', () => {
    const text =
      '{"format":"papershelf","version":1,"papers":[' +
      '{"id":"2506.13000","title":"A","__proto__":{"polluted":true}},' +
      '{"id":"2506.13001","title":"B","extra":[{"deep":{"constructor":{"prototype":{"polluted":true}}}}]},' +
      '{"id":"2506.13002","title":"C","tags":{"__proto__":["x"]}}' +
      '],"topics":[{"id":"t","name":"T","prototype":1}]}';
    expect(errorsOf(text)).toEqual([
      'papers[0].__proto__: forbidden key',
      'papers[1]: contains the forbidden key "constructor"',
      'papers[1]: contains the forbidden key "prototype"',
      'papers[2]: contains the forbidden key "__proto__"',
      'papers[2].tags: expected an array of strings, found an object',
      'topics[0].prototype: forbidden key',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('polluted');
  });

  it('survives 100,000 nested arrays in an unknown field and in a known one', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const unknown = `{"format":"papershelf","version":1,"papers":[{"id":"2506.13000","title":"T","junk":${deep}}]}`;
    const r = run(unknown);
    expect(r.errors).toEqual([]);
    expect(r.papers.map((p) => p.id)).toEqual(['2506.13000']);
    expect(r.warnings).toEqual(['papers: ignored unknown fields "junk".']);
    const known = `{"format":"papershelf","version":1,"papers":[{"id":"2506.13000","title":"T","tags":${deep}}]}`;
    expect(errorsOf(known)).toEqual(['papers[0].tags[0]: expected a non-empty string, found an array']);
    const objects = '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000);
    expect(errorsOf(`{"format":"papershelf","version":1,"papers":[{"id":"2506.13000","title":"T","x":${objects}}]}`)).toEqual([]);
  });

  it('rejects more than 50,000 papers before validating any', () => {
    const text = `{"format":"papershelf","version":1,"papers":[${Array(60_000).fill('{"id":"bad"}').join(',')}]}`;
    expect(errorsOf(text)).toEqual(['The file has 60,000 papers; at most 50,000 can be imported at once.']);
    const ok = `{"format":"papershelf","version":1,"papers":[${Array.from({ length: 50_000 }, (_, i) => `{"id":"2506.${String(i).padStart(5, '0')}","title":"T"}`).join(',')}]}`;
    const r = run(ok);
    expect(r.errors).toEqual([]);
    expect(r.papers).toHaveLength(50_000);
  });

  it('rejects more than 500 topics', () => {
    const topics = Array.from({ length: 501 }, (_, i) => ({ id: `t${i}`, name: `T${i}` }));
    expect(errorsOf(`{"format":"papershelf","version":1,"papers":[],"topics":${JSON.stringify(topics)}}`)).toEqual([
      'The file has 501 topics; at most 500 can be imported.',
    ]);
  });

  it('rejects a file over 50 MB without parsing it', () => {
    const parse = vi.spyOn(JSON, 'parse');
    const head = backup([{ id: '2506.13000', title: 'T' }]).slice(0, -1) + ',"pad":"';
    const text = head + 'x'.repeat(50 * 1024 * 1024 + 1 - head.length - 2) + '"}';
    expect(text.length).toBe(50 * 1024 * 1024 + 1);
    expect(run(text)).toEqual({
      format: 'papershelf-json',
      papers: [],
      topics: [],
      skipped: 0,
      errors: ['The file is larger than 50 MB, the most that can be imported at once.'],
      warnings: [],
    });
    expect(parse).not.toHaveBeenCalled();
  });
});
