/** Loads the huggingface.co fixture pages (tests/fixtures/site, see its README.md) as parsed documents. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SITE_DIR } from '../../fixtures/site';

export const FIXTURES = SITE_DIR;

const cache = new Map<string, string>();

export function fixtureText(file: string): string {
  let text = cache.get(file);
  if (text === undefined) {
    text = readFileSync(join(FIXTURES, file), 'utf8');
    cache.set(file, text);
  }
  return text;
}

/** A fresh Document for a fixture file (tests may change it freely). */
export function loadPage(file: string): Document {
  return new DOMParser().parseFromString(fixtureText(file), 'text/html');
}

export interface FixturePaper {
  paper: {
    id: string;
    title: string;
    summary: string;
    upvotes: number;
    authors: { name: string }[];
    publishedAt: string;
    ai_keywords?: string[];
    githubRepo?: string;
    organization?: { name: string; fullname: string };
  };
  thumbnail: string;
}

export function papersJson(): Map<string, FixturePaper> {
  const list = JSON.parse(fixtureText('papers.json')) as FixturePaper[];
  return new Map(list.map((p) => [p.paper.id, p]));
}

/** Ids of the title links in raw HTML order, deduplicated: an oracle independent of the DOM. */
export function headingIdsInHtml(file: string): string[] {
  const ids = [...fixtureText(file).matchAll(/<h3[^>]*><a href="\/papers\/([^"#]+)"/g)].map((m) => m[1]!);
  return [...new Set(ids)];
}
