/** Loads the arXiv/alphaXiv fixture pages in tests/fixtures/arxiv (see its README) as parsed documents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ARXIV_FIXTURES = join(process.cwd(), 'tests/fixtures/arxiv');

export const arxivFixtureText = (file: string) => readFileSync(join(ARXIV_FIXTURES, file), 'utf8');

export function loadArxivPage(file: string): Document {
  return new DOMParser().parseFromString(arxivFixtureText(file), 'text/html');
}

export interface ArxivFixturePaper {
  id: string;
  title: string;
  summary: string;
  authors: string[];
  publishedAt: string;
}

export function arxivPapers(): Map<string, ArxivFixturePaper> {
  const list = JSON.parse(arxivFixtureText('papers.json')) as ArxivFixturePaper[];
  return new Map(list.map((p) => [p.id, p]));
}

/** Ids of `title="Abstract"` links in the raw HTML, in order: an oracle independent of the DOM. */
export const abstractLinkIdsInHtml = (file: string) =>
  [...arxivFixtureText(file).matchAll(/href ="\/abs\/([^"]+)" title="Abstract"/g)].map((m) => m[1]!);
