import { describe, expect, it } from 'vitest';
import { toJson } from '../../../utils/export/json';
import { parseImport } from '../../../utils/import';
import { mergeLossy, mergePaper, planMerge } from '../../../utils/import/merge';
import type { Paper, Topic } from '../../../utils/types';
import { ALL, TOPICS, paper } from '../export/sample';

const OLD = '2025-06-01T00:00:00.000Z';
const NEW = '2025-06-10T00:00:00.000Z';
const map = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
const topic = (over: Partial<Topic> & Pick<Topic, 'id' | 'name'>): Topic => ({
  color: '#000000',
  include: [],
  exclude: [],
  enabled: true,
  order: 0,
  ...over,
});

describe('mergePaper', () => {
  it('the newer record wins user fields; metadata the newer one lacks is kept; earliest savedAt', () => {
    const existing = paper({ id: '2506.13000', title: 'Old', tags: ['a'], note: 'old note', read: true, upvotes: 5, savedAt: OLD, updatedAt: OLD });
    const incoming = paper({ id: '2506.13000', title: 'New', tags: ['b'], note: '', read: false, savedAt: NEW, updatedAt: NEW });
    expect(mergePaper(existing, incoming)).toEqual({ ...incoming, upvotes: 5, savedAt: OLD, updatedAt: NEW });
  });

  it('an older incoming record does not overwrite user data, but fills missing metadata', () => {
    const existing = paper({ id: '2506.13000', tags: ['a'], note: 'mine', savedAt: NEW, updatedAt: NEW });
    const incoming = paper({ id: '2506.13000', tags: [], note: '', summary: 'Abstract', savedAt: OLD, updatedAt: OLD });
    expect(mergePaper(existing, incoming)).toEqual({ ...existing, summary: 'Abstract', savedAt: OLD });
  });

  it('returns null when nothing changes, whatever the key order (regression: compared JSON strings)', () => {
    const existing = paper({ id: '2506.13000', tags: ['x'], upvotes: 3 });
    const sortedKeys = Object.fromEntries(Object.entries(existing).sort(([a], [b]) => (a < b ? -1 : 1))) as Paper;
    expect(JSON.stringify(sortedKeys)).not.toBe(JSON.stringify(existing));
    expect(mergePaper(existing, sortedKeys)).toBeNull();
    expect(mergePaper(sortedKeys, existing)).toBeNull();
  });
});

describe('planMerge', () => {
  it('re-importing a backup of the library changes nothing', () => {
    // library records keep the key order they were created in; the backup has sorted keys
    const r = parseImport('backup.json', toJson(ALL, TOPICS, new Date(NEW)), new Date(NEW));
    expect(r.errors).toEqual([]);
    const plan = planMerge(map(ALL), map(TOPICS), r.papers, r.topics);
    expect(plan).toEqual({ papers: [], topics: [], added: 0, updated: 0, unchanged: ALL.length });
  });

  it('adds new papers, updates changed ones, merges duplicates in the input', () => {
    const existing = [paper({ id: '2506.13000', updatedAt: OLD, savedAt: OLD })];
    const incoming = [
      paper({ id: '2506.13000', tags: ['t'], updatedAt: NEW, savedAt: NEW }),
      paper({ id: '2506.13001', updatedAt: OLD }),
      paper({ id: '2506.13001', note: 'newer', updatedAt: NEW }),
    ];
    const plan = planMerge(map(existing), new Map(), incoming, []);
    expect(plan.added).toBe(1);
    expect(plan.updated).toBe(1);
    expect(plan.unchanged).toBe(0);
    expect(plan.papers.map((p) => [p.id, p.tags, p.note, p.savedAt])).toEqual([
      ['2506.13000', ['t'], '', OLD],
      ['2506.13001', [], 'newer', '2025-06-26T08:00:00.000Z'],
    ]);
  });

  it('topics: matched by id or name (case-insensitive); new ones go after the existing order', () => {
    const existing = [topic({ id: 't1', name: 'LLM', order: 3, updatedAt: OLD })];
    const plan = planMerge(new Map(), map(existing), [], [
      topic({ id: 'other-id', name: 'llm', include: ['x'], updatedAt: NEW }),
      topic({ id: 't2', name: 'Agents' }),
      topic({ id: 't1', name: 'LLM', updatedAt: OLD }),
    ]);
    expect(plan.topics).toEqual([
      topic({ id: 't1', name: 'llm', include: ['x'], order: 3, updatedAt: NEW }),
      topic({ id: 't2', name: 'Agents', order: 4 }),
    ]);
  });

  it('topics: two imported topics with one name (or id) become one (regression: both were added)', () => {
    const plan = planMerge(new Map(), new Map(), [], [
      topic({ id: 'a', name: 'Agents', updatedAt: OLD }),
      topic({ id: 'b', name: 'agents', include: ['newer'], updatedAt: NEW }),
      topic({ id: 'a', name: 'Renamed', updatedAt: OLD }),
    ]);
    expect(plan.topics).toEqual([topic({ id: 'a', name: 'agents', include: ['newer'], order: 0, updatedAt: NEW })]);
  });
});

describe('lossy imports (BibTeX, CSV, bookmarks) never replace user data', () => {
  const base = {
    id: '2506.13000', title: 'Spec2RTL', authors: ['Sofia Rossi'], savedAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z',
    url: 'https://huggingface.co/papers/2506.13000', tags: ['rtl'], note: 'read section 3', read: true,
  };
  it('adds tags and fills empty fields only, even when the file looks newer', () => {
    const incoming = { ...base, title: 'Other title', authors: [], tags: ['hardware'], note: 'from bibtex', read: false, updatedAt: '2030-01-01T00:00:00.000Z', publishedAt: '2025-01-01T00:00:00.000Z' };
    expect(mergeLossy(base, incoming)).toEqual({ ...base, tags: ['rtl', 'hardware'], publishedAt: '2025-01-01T00:00:00.000Z' });
    expect(mergeLossy(base, { ...base, tags: ['rtl'], updatedAt: '2030-01-01T00:00:00.000Z' })).toBeNull();
  });
  it('planMerge uses it when the import is not lossless', () => {
    const plan = planMerge(new Map([[base.id, base]]), new Map(), [{ ...base, note: '', tags: ['x'], updatedAt: '2030-01-01T00:00:00.000Z' }], [], false);
    expect(plan.papers).toEqual([{ ...base, tags: ['rtl', 'x'] }]);
    expect(plan.updated).toBe(1);
  });
});
