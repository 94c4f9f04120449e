/**
 * Search, filters and sorts of the library page, on the 56 fixture papers with tags, notes, read
 * state and save dates assigned by rule (see `records()`), so every expectation is an exact id list.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createIndex, scanIds, searchIds, syncIndex, tokenize } from '../../../utils/library/search';
import { filterPapers, NO_FILTERS, savedCutoff, sortPapers, tagCounts, visiblePapers, type Filters } from '../../../utils/library/filter';
import type { Paper } from '../../../utils/types';
import { SITE_DIR } from '../../fixtures/site';

const FIXTURES = SITE_DIR;
const NOW = new Date('2025-06-26T12:00:00.000Z');
const DAY = 86_400_000;

interface Item {
  paper: { id: string; title: string; summary: string; authors: { name: string }[]; publishedAt: string; upvotes: number; ai_keywords?: string[]; githubRepo?: string };
}

const NOTES: Record<number, string> = {
  3: 'Compare with the Codex baseline; reread in September',
  10: 'Great survey of rewriting tricks',
};

/**
 * Paper i: saved i days (+1 h) before NOW, or 200 + i days for i ≥ 50 (last year); tags are its AI
 * keywords, plus "favourite" for 5 and 40; notes for 3 and 10; read when i % 3 === 0.
 */
function records(): Paper[] {
  const items = JSON.parse(readFileSync(resolve(FIXTURES, 'papers.json'), 'utf8')) as Item[];
  return items.map(({ paper: p }, i) => {
    const savedAt = new Date(NOW.getTime() - (i < 50 ? i : 200 + i) * DAY - 3_600_000).toISOString();
    return {
      id: p.id,
      title: p.title,
      authors: p.authors.map((a) => a.name),
      summary: p.summary,
      publishedAt: p.publishedAt,
      upvotes: p.upvotes,
      githubRepo: p.githubRepo,
      savedAt,
      updatedAt: savedAt,
      url: `https://huggingface.co/papers/${p.id}`,
      tags: [...(p.ai_keywords ?? []), ...(i === 5 || i === 40 ? ['favourite'] : [])],
      note: NOTES[i] ?? '',
      read: i % 3 === 0,
    };
  });
}

const PAPERS = records();
const idsOf = (i: number[]) => i.map((n) => PAPERS[n]!.id);
const indexed = () => syncIndex(createIndex(), PAPERS);
const found = (query: string, index = indexed()) => [...(searchIds(index, query)?.keys() ?? [])].sort();

describe('tokenize', () => {
  it.each([
    ['Zoë Ångström-Łukasiewicz', ['zoe', 'angstrom', 'łukasiewicz']],
    ['CodeT5+: Open Code LLMs', ['codet5', 'open', 'code', 'llms']],
    ['2506.13000', ['2506', '13000']],
    ['  ', []],
  ])('%s', (text, tokens) => expect(tokenize(text)).toEqual(tokens));
});

describe('search', () => {
  const index = indexed();
  it.each<[string, string, string[]]>([
    ['a word prefix, as typed', 'alphac', idsOf([3, 37])],
    ['a whole title word', 'monitors', idsOf([19])],
    ['every word must match', 'planning tanaka', idsOf([5, 33])],
    ['a typo (one edit from four letters)', 'monitrs', idsOf([19])],
    ['two typos from eight letters', 'contrastiev', idsOf([9, 12, 26, 52])],
    ['an author surname', 'Tanaka', idsOf([3, 5, 31, 33, 36, 40, 47, 51])],
    ['an author name (words match anywhere: 5 and 47 have an Ana and a Tanaka)', 'Ana Tanaka', idsOf([5, 33, 36, 47])],
    ['a tag', 'favourite', idsOf([5, 40])],
    ['a note', 'rewriting tricks', idsOf([10])],
    ['note words', 'reread septemb', idsOf([3])],
    ['an arXiv id', '2506.14221', idsOf([33])],
    ['accents and case do not matter', 'TANAKÄ', idsOf([3, 5, 31, 33, 36, 40, 47, 51])],
    ['no match', 'zebra', []],
  ])('%s: %s', (_what, query, ids) => expect(found(query, index)).toEqual([...ids].sort()));

  it('a blank query matches everything (null)', () => {
    expect(searchIds(index, '  ')).toBeNull();
    expect(searchIds(index, ' -- ')).toBeNull();
  });

  it('ranks a title match above an abstract match', () => {
    const hits = searchIds(index, 'monitors')!;
    const ranked = sortPapers(PAPERS.filter((p) => hits.has(p.id)), 'relevance', hits);
    expect(ranked[0]!.id).toBe(PAPERS[19]!.id);
    const alpha = searchIds(index, 'alphacode')!;
    expect(alpha.get(PAPERS[3]!.id)).toBeGreaterThan(alpha.get(PAPERS[37]!.id)!);
  });

  it('ranks exact matches above typo matches', () => {
    // "codex" is one edit from "code" and "coder": those match too, below the real Codex papers.
    const hits = searchIds(index, 'codex')!;
    const ranked = sortPapers(PAPERS.filter((p) => hits.has(p.id)), 'relevance', hits).map((p) => p.id);
    expect(ranked.length).toBeGreaterThan(40);
    expect(ranked.slice(0, 5).sort()).toEqual(idsOf([3, 4, 37, 41, 49]));
  });
});

describe('syncIndex', () => {
  it('re-indexes only changed papers, forgets removed ones, and adds new ones', () => {
    let index = indexed();
    const changed = PAPERS.map((p, i) => (i === 19 ? { ...p, note: 'zebra crossing', updatedAt: NOW.toISOString() } : p)).filter((_, i) => i !== 3);
    const extra: Paper = { ...PAPERS[0]!, id: '2507.00001', title: 'Zebra Models', tags: [], note: '' };
    index = syncIndex(index, [...changed, extra]);
    expect(found('zebra', index)).toEqual(['2506.13703', '2507.00001']);
    expect(found('alphac', index)).toEqual(idsOf([37]));
    // the old version of 19 is gone
    expect(found('monitors', index)).toEqual(idsOf([19]));
    expect(index.docs.size).toBe(56);
  });

  it('builds a fresh index when most of it is stale, with the same answers', () => {
    let index = indexed();
    for (let round = 0; round < 30; round++) {
      index = syncIndex(
        index,
        PAPERS.map((p) => ({ ...p, updatedAt: `${round}` })),
      );
    }
    expect(index.dead).toBeLessThan(2000);
    expect(found('planning tanaka', index)).toEqual(idsOf([5, 33]).sort());
  });

  it('keeps the first of duplicate ids', () => {
    const index = syncIndex(createIndex(), [PAPERS[0]!, { ...PAPERS[0]!, title: 'Duplicate' }]);
    expect(found('duplicate', index)).toEqual([]);
    expect(index.docs.size).toBe(1);
  });
});

describe('scanIds (before the index is ready)', () => {
  it('matches every word in title, authors, tags, note and id', () => {
    expect([...scanIds(PAPERS, 'ana tanak')!.keys()].sort()).toEqual(idsOf([5, 33, 36, 47]));
    expect([...scanIds(PAPERS, 'monitors')!.keys()]).toEqual(idsOf([19]));
    expect([...scanIds(PAPERS, 'favourite')!.keys()].sort()).toEqual(idsOf([5, 40]));
    expect([...scanIds(PAPERS, 'tricks')!.keys()]).toEqual(idsOf([10]));
    expect(scanIds(PAPERS, '')).toBeNull();
  });
});

describe('filters', () => {
  const ids = (f: Partial<Filters>) => filterPapers(PAPERS, { ...NO_FILTERS, ...f }, NOW).map((p) => p.id);
  it('by tag, case-insensitive', () => {
    expect(ids({ tag: 'agents' })).toEqual(idsOf([1, 18, 33, 42, 46]));
    expect(ids({ tag: 'AGENTS' })).toEqual(idsOf([1, 18, 33, 42, 46]));
    expect(ids({ tag: 'favourite' })).toEqual(idsOf([5, 40]));
  });
  it('by topic terms, for papers saved before the topic existed (not tagged with it)', () => {
    const rtl = { id: 't1', name: 'Hardware', color: '#000000', include: ['RTL', 'verilog'], exclude: [], enabled: false, order: 0 };
    const expected = PAPERS.filter((p) => /\b(RTL|Verilog)\b/i.test(`${p.title} ${p.summary ?? ''}`)).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(filterPapers(PAPERS, { ...NO_FILTERS, topic: 'hardware' }, NOW, [rtl]).map((p) => p.id)).toEqual(expected);
  });

  it('by topic (its name among the tags)', () => {
    expect(ids({ topic: 'Agents' })).toEqual(idsOf([1, 18, 33, 42, 46]));
    expect(ids({ topic: 'Agents', tag: 'favourite' })).toEqual([]);
  });
  it('by read state', () => {
    expect(ids({ read: 'read' })).toEqual(idsOf(PAPERS.map((_, i) => i).filter((i) => i % 3 === 0)));
    expect(ids({ read: 'unread', tag: 'favourite' })).toEqual(idsOf([5, 40]));
  });
  it('by date saved', () => {
    expect(ids({ saved: '7d' })).toEqual(idsOf([0, 1, 2, 3, 4, 5, 6]));
    expect(ids({ saved: '30d' })).toEqual(idsOf(Array.from({ length: 30 }, (_, i) => i)));
    expect(ids({ saved: 'year' })).toEqual(idsOf(Array.from({ length: 50 }, (_, i) => i)));
    expect(ids({ saved: 'any' })).toHaveLength(56);
    expect(savedCutoff('7d', NOW)).toBe('2025-06-19T12:00:00.000Z');
  });
});

describe('sorts', () => {
  const order = (key: Parameters<typeof sortPapers>[1]) => sortPapers(PAPERS, key).map((p) => PAPERS.indexOf(p));
  it('date saved, newest first (the default)', () => {
    expect(order('saved')).toEqual(PAPERS.map((_, i) => i));
  });
  it('date published, newest first; ties by newest saved', () => {
    expect(order('published').slice(0, 6)).toEqual([49, 24, 48, 23, 47, 22]);
  });
  it('upvotes, most first; ties by newest saved', () => {
    expect(order('upvotes').slice(0, 8)).toEqual([14, 19, 28, 31, 33, 35, 52, 30]);
    expect(order('upvotes').slice(-3)).toEqual([38, 39, 54]);
  });
  it('title A→Z, ignoring case', () => {
    const titles = sortPapers(PAPERS, 'title').map((p) => p.title);
    expect(titles.slice(0, 3)).toEqual([
      'A Survey of Neural Code Intelligence: Paradigms, Advances and Beyond',
      'A Survey on Large Language Models for Code Generation',
      'AceCoder: Utilizing Existing Code to Enhance Code Generation',
    ]);
    expect(titles.at(-1)).toMatch(/^When Neural Code Completion/);
  });
  it('does not change its input', () => {
    const copy = [...PAPERS];
    sortPapers(PAPERS, 'title');
    expect(PAPERS).toEqual(copy);
  });
});

describe('visiblePapers', () => {
  const index = indexed();
  const sorted = sortPapers(PAPERS, 'saved');
  it('search hits in the chosen order, then filters', () => {
    const hits = searchIds(index, 'tanaka');
    expect(visiblePapers(sorted, hits, NO_FILTERS, 'saved', NOW).map((p) => p.id)).toEqual(idsOf([3, 5, 31, 33, 36, 40, 47, 51]));
    expect(visiblePapers(sorted, hits, { ...NO_FILTERS, read: 'read' }, 'saved', NOW).map((p) => p.id)).toEqual(idsOf([3, 33, 36, 51]));
    expect(visiblePapers(sorted, hits, { ...NO_FILTERS, saved: '30d' }, 'saved', NOW).map((p) => p.id)).toEqual(idsOf([3, 5]));
  });
  it('best match first for "relevance"', () => {
    const hits = searchIds(index, 'code search');
    const top = visiblePapers(sorted, hits, NO_FILTERS, 'relevance', NOW).slice(0, 3).map((p) => p.title);
    expect(top.every((t) => /code/i.test(t) && /search/i.test(t))).toBe(true);
  });
  it('everything when nothing is searched or filtered', () => {
    expect(visiblePapers(sorted, null, NO_FILTERS, 'saved', NOW)).toHaveLength(56);
  });
});

describe('tagCounts', () => {
  it('most used first, then A→Z', () => {
    expect(tagCounts(PAPERS)).toEqual([
      { tag: 'LLM', count: 31 },
      { tag: 'code generation', count: 28 },
      { tag: 'benchmark', count: 25 },
      { tag: 'agents', count: 5 },
      { tag: 'favourite', count: 2 },
    ]);
  });
});
