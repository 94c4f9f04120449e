import { describe, expect, it } from 'vitest';
import type { Paper, Topic } from '../../../utils/types';
import { JSON_FORMAT, JSON_VERSION, toJson } from '../../../utils/export/json';
import { ALL, NOW, paper, TOPICS } from './sample';

/** Deterministic Fisher–Yates with a small LCG, so a failure is reproducible. */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const a = [...items];
  let s = seed;
  for (let i = a.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}
/** The same record with its keys inserted in another order. */
const reorderKeys = <T extends object>(r: T, seed: number): T => Object.fromEntries(shuffle(Object.entries(r), seed)) as T;

const out = toJson(ALL, TOPICS, NOW);

describe('toJson', () => {
  it('exports the format constants', () => {
    expect(JSON_FORMAT).toBe('papershelf');
    expect(JSON_VERSION).toBe(2);
  });

  it('writes a versioned envelope with sorted keys in every record, 2-space indent', () => {
    const p = paper({ id: '2506.13000', title: 'T', authors: ['B Two', 'A One'], tags: ['z', 'a'], upvotes: 3 });
    const t: Topic = { name: 'N', id: 't1', order: 0, color: '#123456', include: ['b', 'a'], exclude: [], enabled: true };
    expect(toJson([p], [t], NOW)).toBe(
      [
        '{',
        '  "format": "papershelf",',
        '  "version": 2,',
        '  "exportedAt": "2025-06-26T12:34:56.789Z",',
        '  "papers": [',
        '    {',
        '      "authors": [',
        '        "B Two",',
        '        "A One"',
        '      ],',
        '      "id": "2506.13000",',
        '      "note": "",',
        '      "read": false,',
        '      "savedAt": "2025-06-26T08:00:00.000Z",',
        '      "tags": [',
        '        "z",',
        '        "a"',
        '      ],',
        '      "title": "T",',
        '      "updatedAt": "2025-06-26T08:00:00.000Z",',
        '      "upvotes": 3,',
        '      "url": "https://huggingface.co/papers/2506.13000"',
        '    }',
        '  ],',
        '  "topics": [',
        '    {',
        '      "color": "#123456",',
        '      "enabled": true,',
        '      "exclude": [],',
        '      "id": "t1",',
        '      "include": [',
        '        "b",',
        '        "a"',
        '      ],',
        '      "name": "N",',
        '      "order": 0',
        '    }',
        '  ],',
        '  "seen": []',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('writes the seen set sorted by id, keys sorted (version 2)', () => {
    const seen = [
      { id: '2507.00002', firstSeenAt: '2025-06-20T08:00:00.000Z', lastSeenAt: '2025-06-21T08:00:00.000Z' },
      { id: '2507.00001', lastSeenAt: '2025-06-26T08:00:00.000Z', firstSeenAt: '2025-06-25T08:00:00.000Z' },
    ];
    const data = JSON.parse(toJson([], [], NOW, seen)) as { seen: Array<Record<string, string>> };
    expect(data.seen).toEqual([seen[1], seen[0]]);
    expect(Object.keys(data.seen[0]!)).toEqual(['firstSeenAt', 'id', 'lastSeenAt']);
  });

  it('is lossless: parsing gives back every record unchanged', () => {
    const data = JSON.parse(out) as { format: string; version: number; exportedAt: string; papers: Paper[]; topics: Topic[] };
    expect(Object.keys(data)).toEqual(['format', 'version', 'exportedAt', 'papers', 'topics', 'seen']);
    expect(data.format).toBe('papershelf');
    expect(data.version).toBe(2);
    expect(data.exportedAt).toBe('2025-06-26T12:34:56.789Z');
    expect(data.papers).toHaveLength(ALL.length);
    for (const p of ALL) {
      const back = data.papers.find((q) => q.id === p.id)!;
      expect(back).toEqual(JSON.parse(JSON.stringify(p)));
      expect(Object.keys(back)).toEqual(Object.keys(back).sort());
    }
    expect(data.papers.find((p) => p.id === '2507.00005')!.title).toBe('Ünïcödé — שלום עולם \u202Eevil\u202C zero\u200Bwidth 日本語 🧪');
    expect(data.papers.find((p) => p.id === '2507.00004')!.title).toBe('Multi\nline\r\ntitle\twith   tabs');
  });

  it('sorts papers by id and topics by order, then id', () => {
    const data = JSON.parse(out) as { papers: Paper[]; topics: Topic[] };
    const ids = data.papers.map((p) => p.id);
    expect(ids).toEqual(ALL.map((p) => p.id).sort());
    expect(ids.slice(0, 3)).toEqual(['2506.00007', '2506.00008', '2506.00009']);
    expect(ids.at(-1)).toBe('hep-th/9901001');
    expect(data.topics.map((t) => t.id)).toEqual(['t-agents', 't-evil', 't-llm']);
  });

  it('is byte-identical for shuffled records and shuffled keys', () => {
    for (const seed of [1, 2, 3]) {
      const papers = shuffle(ALL, seed).map((p, i) => reorderKeys(p, seed + i));
      const topics = shuffle(TOPICS, seed).map((t, i) => reorderKeys(t, seed * 7 + i));
      expect(toJson(papers, topics, NOW)).toBe(out);
    }
  });

  it('export → import → export gives the same bytes', () => {
    const data = JSON.parse(out) as { papers: Paper[]; topics: Topic[] };
    expect(toJson(data.papers, data.topics, NOW)).toBe(out);
  });

  it('does not modify its input', () => {
    const papers = shuffle(ALL, 9);
    const before = JSON.stringify(papers);
    toJson(papers, TOPICS, NOW);
    expect(JSON.stringify(papers)).toBe(before);
  });
});
