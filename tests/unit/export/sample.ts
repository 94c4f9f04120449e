/**
 * Paper records for the exporter tests: the 56 fixture papers (with some tags, notes and
 * categories) plus hostile records built to break each format.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Paper, Topic } from '../../../utils/types';
import { SITE_DIR } from '../../fixtures/site';

/** The fixture site's `papers.json` (HF's daily_papers item shape). */
const FIXTURE = resolve(SITE_DIR, 'papers.json');

interface DailyPaper {
  thumbnail?: string;
  paper: {
    id: string;
    title: string;
    summary: string;
    authors: { name: string }[];
    publishedAt: string;
    upvotes: number;
    ai_keywords?: string[];
    organization?: { fullname: string };
    githubRepo?: string;
  };
}

export const NOW = new Date('2025-06-26T12:34:56.789Z');

/** A valid record with everything optional left out; override what the test needs. */
export function paper(over: Partial<Paper> & Pick<Paper, 'id'>): Paper {
  return {
    title: `Paper ${over.id}`,
    authors: [],
    savedAt: '2025-06-26T08:00:00.000Z',
    updatedAt: '2025-06-26T08:00:00.000Z',
    url: `https://huggingface.co/papers/${over.id}`,
    tags: [],
    note: '',
    read: false,
    ...over,
  };
}

export function fixturePapers(): Paper[] {
  const items = JSON.parse(readFileSync(FIXTURE, 'utf8')) as DailyPaper[];
  return items.map(({ paper: p, thumbnail }, i) => {
    const saved = new Date(Date.parse('2025-06-26T08:00:00.000Z') + i * 60_000).toISOString();
    return paper({
      id: p.id,
      title: p.title,
      authors: p.authors.map((a) => a.name),
      summary: p.summary,
      publishedAt: p.publishedAt,
      savedAt: saved,
      updatedAt: saved,
      thumbnail,
      upvotes: p.upvotes,
      organization: p.organization?.fullname,
      githubRepo: p.githubRepo,
      aiKeywords: p.ai_keywords,
      primaryClass: i % 3 === 0 ? 'cs.SE' : undefined,
      // every 4th paper untagged; the others tagged with their first two AI keywords
      tags: i % 4 === 0 ? [] : (p.ai_keywords ?? []).slice(0, 2),
      note: i % 5 === 0 ? `Read §${i}, compare with baseline` : '',
      read: i % 2 === 0,
    });
  });
}

/** Records whose fields try to break out of each format. */
export const HOSTILE: Paper[] = [
  paper({
    id: '2507.00001',
    title: '<script>alert(1)</script> & <img src=x onerror=alert(2)>',
    authors: ['Mallory <b>Evil</b>'],
    publishedAt: '2025-07-01T00:00:00.000Z',
    tags: ['<b>xss</b>'],
    note: '</A></DL><script>alert(3)</script>',
  }),
  paper({
    id: '2507.00002',
    title: '}{@misc{evil, title={pwned}',
    authors: ['Brace {Open', 'Close} Brace'],
    publishedAt: '2025-07-02T00:00:00.000Z',
    tags: ['hostile'],
    note: "=cmd|' /C calc'!A0",
  }),
  paper({
    id: '2507.00003',
    title: '"Quoted", with commas, and 50% of $x$ & y_1 #2 ~ ^ \\ back | pipe',
    authors: ['Ada Lovelace', 'Research and Development Team', 'Qwen', 'Smith, Jr.'],
    summary: 'Line one\nLine two, "quoted"\r\n\tLine three',
    publishedAt: '2025-07-03T00:00:00.000Z',
    tags: ['hostile', 'a,b'],
    note: '+SUM(A1:A2)',
  }),
  paper({
    id: '2507.00004',
    title: 'Multi\nline\r\ntitle\twith   tabs',
    authors: ['Line\nBreak Author'],
    publishedAt: '2025-07-04T00:00:00.000Z',
    note: '-2+3',
  }),
  paper({
    id: '2507.00005',
    title: 'Ünïcödé — שלום עולם \u202Eevil\u202C zero\u200Bwidth 日本語 🧪',
    authors: ['Zoë Ångström-Łukasiewicz', 'José Núñez'],
    publishedAt: '2025-07-05T00:00:00.000Z',
    tags: ['ünïcode'],
    note: '@SUM(1)',
  }),
  paper({
    id: '2507.00006',
    title: '[click](javascript:alert(1)) *bold* _it_ `code` ![img](x) <https://evil.example>',
    authors: ['Ann Author'],
    publishedAt: '2025-07-06T00:00:00.000Z',
    note: '\tTabbed',
  }),
  // these two make the same key: zhang2025transformers
  paper({
    id: '2506.00007',
    title: 'The Transformers of Code',
    authors: ['Wei Zhang'],
    publishedAt: '2025-06-07T00:00:00.000Z',
  }),
  paper({
    id: '2506.00008',
    title: 'Transformers, Again',
    authors: ['Li Zhang'],
    publishedAt: '2025-06-08T00:00:00.000Z',
  }),
  // no date: the year comes from the id
  paper({ id: '2506.00009', title: 'On a Dateless Paper', authors: ['Kim Lee'] }),
  paper({ id: 'hep-th/9901001', title: 'An Old-Style Identifier', authors: ['Old Timer'] }),
  // nothing optional at all
  paper({ id: '2506.00010', title: '' }),
];

export const TOPICS: Topic[] = [
  {
    id: 't-llm',
    name: 'LLM',
    color: '#ff0000',
    include: ['LLM', 'language model'],
    exclude: [],
    enabled: true,
    order: 1,
  },
  {
    id: 't-agents',
    name: 'Agents',
    color: '#00ff00',
    include: ['agent*'],
    exclude: ['chemical agent'],
    enabled: true,
    order: 0,
  },
  {
    id: 't-evil',
    name: '"Evil" <b>topic</b>',
    color: '#0000ff',
    include: ['}{'],
    exclude: [],
    enabled: false,
    order: 1,
    updatedAt: '2025-06-20T00:00:00.000Z',
  },
];

export const ALL: Paper[] = [...fixturePapers(), ...HOSTILE];
