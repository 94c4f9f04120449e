/** The fixture corpus (tests/fixtures/recommend/papers.json: the 56 papers of the fixture site) as cards and papers. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RecCard, RecPaper } from '../../../utils/recommend';

interface Raw {
  paper: { id: string; title: string; summary: string; ai_keywords?: string[] };
}

const raw = JSON.parse(readFileSync(join(__dirname, '../../fixtures/recommend/papers.json'), 'utf8')) as Raw[];

export const CARDS: RecCard[] = raw.map(({ paper: p }) => ({ id: p.id, title: p.title, abstract: p.summary, keywords: p.ai_keywords }));
export const paperOf = (c: RecCard, tags: string[] = []): RecPaper => ({ id: c.id, title: c.title, summary: c.abstract, aiKeywords: c.keywords, tags });
export const card = (id: string): RecCard => CARDS.find((c) => c.id === id)!;

/**
 * Subjects labelled by hand from the titles and abstracts. `saved`: a library of that subject;
 * `related`: the other papers of the subject, which should be recommended; all others should not.
 */
export const SUBJECTS = {
  // Code search and retrieval.
  retrieval: { saved: ['2506.13296', '2506.13962', '2506.14036', '2506.14628'], related: ['2506.13370', '2506.14073', '2506.13333'] },
  // Editing code.
  edits: { saved: ['2506.13074', '2506.14369'], related: ['2506.14813'] },
};
