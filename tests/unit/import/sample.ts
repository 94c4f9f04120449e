/** Records the import fixtures (`tests/fixtures/import/`) hold, shared by the importer tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper, Topic } from '../../../utils/types';

/** A file of `tests/fixtures/import/` (tests run from the repo root; `import.meta.url` is not a file URL under jsdom). */
export const fixture = (name: string) => readFileSync(join(process.cwd(), 'tests/fixtures/import', name), 'utf8');

/** The clock the importer tests run at. */
export const NOW = new Date('2025-07-01T00:00:00.000Z');

/** A record as a lossy importer (BibTeX, bookmarks, CSV) builds it: nothing the file lacks. */
export const bare = (id: string, over: Partial<Paper>): Paper => ({
  id,
  title: id,
  authors: [],
  savedAt: NOW.toISOString(),
  updatedAt: NOW.toISOString(),
  url: `https://huggingface.co/papers/${id}`,
  tags: [],
  note: '',
  read: false,
  ...over,
});

/** The records `papershelf-v1.json` holds. */
export const V1_PAPERS: Paper[] = [
  {
    id: '2506.13000',
    title: 'Spec2RTL-Agent',
    authors: ['Sofia Rossi', 'Jun Bianchi'],
    summary: 'We present an agent that writes RTL.',
    publishedAt: '2025-06-16T17:59:43.000Z',
    savedAt: '2025-06-20T08:00:00.000Z',
    updatedAt: '2025-06-21T09:30:00.000Z',
    url: 'https://huggingface.co/papers/2506.13000',
    upvotes: 12,
    tags: ['hardware', 'agents'],
    note: 'Compare with the baseline',
    read: true,
  },
  {
    id: 'hep-th/9901001',
    title: 'An Old-Style Identifier',
    authors: [],
    savedAt: '2025-06-22T10:00:00.000Z',
    updatedAt: '2025-06-22T10:00:00.000Z',
    url: 'https://huggingface.co/papers/hep-th/9901001',
    tags: [],
    note: '',
    read: false,
  },
];
export const V1_TOPICS: Topic[] = [
  { id: 't-agents', name: 'Agents', color: '#ff8800', include: ['agent*'], exclude: ['chemical agent'], enabled: true, order: 0 },
];
