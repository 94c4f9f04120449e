import { describe, expect, it } from 'vitest';
import { combineDuplicates, loosePaper } from '../../../utils/import/loose';
import { DEFAULT_TOPIC_COLOR, isoDate } from '../../../utils/fields';
import { validatePaper, validateTopic } from '../../../utils/import/validate';

const ctx = () => ({ nowIso: '2025-07-01T00:00:00.000Z', warnings: [] as string[], ignored: new Set<string>() });

describe('validatePaper', () => {
  it('builds a fresh record with known fields only', () => {
    const raw = JSON.parse(
      '{"id":"2506.13000v2","title":"T","authors":["A","A"],"tags":["x","x","y"],"upvotes":0,"read":true,"extra":{"__proto__":1},"thumbnail":"https://x.example/a.png","publishedAt":"2025-06-16T19:59:43+02:00"}',
    );
    const c = ctx();
    expect(validatePaper(raw, 'p', c)).toEqual(['p: contains the forbidden key "__proto__"']);
    delete raw.extra;
    raw.unknown = 1;
    const c2 = ctx();
    const p = validatePaper(raw, 'p', c2);
    expect(p).toEqual({
      id: '2506.13000',
      title: 'T',
      authors: ['A', 'A'],
      publishedAt: '2025-06-16T17:59:43.000Z',
      savedAt: '2025-07-01T00:00:00.000Z',
      updatedAt: '2025-07-01T00:00:00.000Z',
      url: 'https://huggingface.co/papers/2506.13000',
      thumbnail: 'https://x.example/a.png',
      upvotes: 0,
      tags: ['x', 'y'],
      note: '',
      read: true,
    });
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect([...c2.ignored]).toEqual(['unknown']);
  });

  it('treats null as absent for optional fields', () => {
    expect(validatePaper({ id: '2506.13000', title: 'T', summary: null, tags: null, read: null }, 'p', ctx())).toMatchObject({ tags: [], read: false });
    expect(validatePaper({ id: '2506.13000', title: 'T', summary: null }, 'p', ctx())).not.toHaveProperty('summary');
  });
});

describe('validateTopic', () => {
  it('fills defaults and keeps what is valid', () => {
    expect(validateTopic({ id: 't', name: 'LLM' }, 't', ctx())).toEqual({ id: 't', name: 'LLM', color: DEFAULT_TOPIC_COLOR, include: [], exclude: [], enabled: true, order: 0 });
    expect(validateTopic(null, 'topics[0]', ctx())).toEqual(['topics[0]: expected an object, found null']);
  });
});

describe('isoDate', () => {
  it.each([
    ['2025-06-26', '2025-06-26T00:00:00.000Z'],
    ['2025-06-26T08:00', '2025-06-26T08:00:00.000Z'],
    ['2025-06-26T08:00:00.123456Z', '2025-06-26T08:00:00.123Z'],
    ['2025-06-26T10:00:00+02:00', '2025-06-26T08:00:00.000Z'],
    ['2025-02-30', undefined],
    ['26/06/2025', undefined],
    ['1750924800', undefined],
    ['', undefined],
  ])('%j → %s', (v, iso) => {
    expect(isoDate(v)).toBe(iso);
  });
});

describe('loosePaper and combineDuplicates', () => {
  it('cleans what lossy formats give', () => {
    expect(
      loosePaper(
        {
          id: '2506.13000',
          title: '  Multi\n line\u0007 ',
          authors: [' A ', ''],
          summary: '  ',
          publishedAt: 'junk',
          savedAt: '2025-06-01',
          updatedAt: '2025-05-01',
          thumbnail: 'javascript:alert(1)',
          primaryClass: 'cs.CL extra',
          tags: [' x ', 'x', '', 'y'],
          note: ' n ',
        },
        '2025-07-01T00:00:00.000Z',
      ),
    ).toEqual({
      id: '2506.13000',
      title: 'Multi line',
      authors: ['A'],
      savedAt: '2025-06-01T00:00:00.000Z',
      updatedAt: '2025-06-01T00:00:00.000Z',
      url: 'https://huggingface.co/papers/2506.13000',
      tags: ['x', 'y'],
      note: 'n',
      read: false,
    });
  });

  it('combines copies of one paper', () => {
    const now = '2025-07-01T00:00:00.000Z';
    const a = loosePaper({ id: '2506.13000', tags: ['a'], savedAt: '2025-06-02' }, now);
    const b = loosePaper({ id: '2506.13000', title: 'Named', tags: ['b', 'a'], note: 'n', savedAt: '2025-06-01', read: true }, now);
    expect(combineDuplicates([a, b])).toEqual({
      papers: [{ ...a, title: 'Named', tags: ['a', 'b'], note: 'n', read: true, savedAt: '2025-06-01T00:00:00.000Z' }],
      repeated: ['2506.13000'],
    });
  });
});
