/**
 * Large inputs for the benchmarks, generated at run time from the offline fixtures. Deterministic:
 * the same arguments always give the same bytes (no randomness, no clock).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Paper, Topic } from '../utils/types';
import { SITE_DIR as FIXTURES } from '../tests/fixtures/site';
import { ROOT } from '../tests/e2e/harness';

const read = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

const decode = (s: string) =>
  s.replace(/&(quot|amp|lt|gt|#x27|#39);/g, (_, e: string) => ({ quot: '"', amp: '&', lt: '<', gt: '>', '#x27': "'", '#39': "'" })[e]!);
const encode = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Card ids of the generated list page: 2507.10000, 2507.10001, … */
export const cardId = (i: number) => `2507.${10000 + i}`;
/** Paper ids of the generated library: 2601.10000 … 2601.19999. */
export const libraryId = (i: number) => `2601.${10000 + i}`;
/** Ids saved during the save benchmark (never in the library beforehand). */
export const freshId = (i: number) => `2602.${10000 + i}`;

/**
 * trending.html with its 30 `<article>` cards cloned to `n` (cycled in order), each clone with its
 * own arXiv id everywhere the card names it, and the `DailyPapers` hydration island rebuilt to list
 * the same ids in the same order (so hydration and markup agree).
 */
export function listPage(n: number): string {
  return clonedCards(read('pages/trending.html'), Array.from({ length: n }, (_, i) => cardId(i)));
}

/**
 * A list page (the site's markup: `<article>` cards between Svelte's `<!--[0-->…<!--]-->` markers,
 * and the `DailyPapers` hydration island) with its cards cloned, cycled in order, to one card per
 * id of `ids`: each clone names its new id everywhere the card named the old one, and the island
 * lists the same ids in the same order (so hydration and markup agree).
 */
export function clonedCards(html: string, ids: readonly string[]): string {
  const articles = [...html.matchAll(/<!--\[0-->(<article[\s\S]*?<\/article>)<!--\]-->/g)].map((m) => m[1]!);
  const own = articles.map((a) => /href="\/papers\/(\d{4}\.\d{4,5})"/.exec(a)![1]!);
  const first = html.indexOf('<!--[0--><article');
  const last = html.lastIndexOf('</article><!--]-->') + '</article><!--]-->'.length;
  const cards = ids.map((id, i) => `<!--[0-->${articles[i % articles.length]!.split(own[i % own.length]!).join(id)}<!--]-->`);
  const page = html.slice(0, first) + cards.join('\n') + html.slice(last);

  const island = /(data-target="DailyPapers" data-props=")([^"]*)(")/.exec(page)!;
  const props = JSON.parse(decode(island[2]!)) as { dailyPapers: Array<{ paper: { id: string }; thumbnail?: string }> };
  const byId = new Map(props.dailyPapers.map((item) => [item.paper.id, item]));
  props.dailyPapers = ids.map((id, i) => {
    const src = own[i % own.length]!;
    return JSON.parse(JSON.stringify(byId.get(src)!).split(src).join(id));
  });
  return page.replace(island[0], `${island[1]}${encode(JSON.stringify(props))}${island[3]}`);
}

interface FixturePaper {
  paper: {
    id: string;
    title: string;
    summary: string;
    authors: Array<{ name: string }>;
    publishedAt: string;
    upvotes: number;
    ai_keywords?: string[];
    githubRepo?: string;
    organization?: { fullname?: string; name?: string };
  };
  thumbnail?: string;
}

/** Surnames given to first authors so that citation keys (author + year + title word) mostly differ. */
const SURNAMES = [
  'Abe', 'Adler', 'Baker', 'Banerjee', 'Chen', 'Costa', 'Dubois', 'Eriksen', 'Fischer', 'Garcia', 'Gupta', 'Hansen',
  'Hoffmann', 'Ito', 'Jensen', 'Kim', 'Kowalski', 'Kumar', 'Laurent', 'Li', 'Liu', 'Martin', 'Moreau', 'Müller', 'Nakamura',
  'Nguyen', 'Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Petrov', 'Quinn', 'Rossi', 'Sato', 'Schmidt', 'Silva', 'Singh',
  'Suzuki', 'Tanaka', 'Torres', 'Wang', 'Weber', 'Wu', 'Xu', 'Yamamoto', 'Yang', 'Zhang', 'Zhao', 'Zimmermann',
];

const TAGS = ['to-read', 'survey', 'reproduce', 'reading-group', 'baseline', 'cite'];
const BASE_SAVED = Date.UTC(2025, 11, 31, 12, 0, 0);

/**
 * `n` saved papers built from papers.json (56 real titles and abstracts, cycled), each with its
 * own id, first author, and savedAt (one minute apart, newest first), some tags, notes and read flags.
 */
export function library(n: number): Paper[] {
  const items = JSON.parse(read('papers.json')) as FixturePaper[];
  return Array.from({ length: n }, (_, i) => {
    const { paper: p, thumbnail } = items[i % items.length]!;
    const id = libraryId(i);
    const saved = new Date(BASE_SAVED - i * 60_000).toISOString();
    const tags = TAGS.filter((_, t) => (i + t) % (3 + t) === 0).slice(0, 3);
    const paper: Paper = {
      id,
      title: p.title,
      // The first author varies between copies of one fixture paper (real libraries rarely repeat a paper).
      authors: p.authors.map((a, k) => (k === 0 ? `${a.name.split(' ')[0]} ${SURNAMES[(i * 7 + (i / items.length) | 0) % SURNAMES.length]}` : a.name)),
      summary: p.summary,
      publishedAt: new Date(p.publishedAt).toISOString(),
      savedAt: saved,
      updatedAt: saved,
      url: `https://huggingface.co/papers/${id}`,
      upvotes: p.upvotes,
      tags,
      note: i % 11 === 0 ? `Compare with ${libraryId((i + 1) % n)}; section 4 has the ablation.` : '',
      read: i % 3 === 0,
    };
    if (thumbnail) paper.thumbnail = thumbnail.split(p.id).join(id);
    const org = p.organization?.fullname ?? p.organization?.name;
    if (org) paper.organization = org;
    if (p.githubRepo) paper.githubRepo = p.githubRepo;
    if (p.ai_keywords?.length) paper.aiKeywords = p.ai_keywords;
    return paper;
  });
}

/** Vocabulary of the fixtures' abstracts, one theme per topic (words, phrases, prefixes, one regex). */
const THEMES: string[][] = [
  ['code generation', 'program synthesis', 'code llm*', 'repository-level', 'software engineering', 'unit test*', 'compiler', 'debugging', 'code completion', '-code of conduct'],
  ['reinforcement learning', 'reward model*', 'policy optimization', 'GRPO', 'PPO', 'RLHF', 'preference', 'agent*', 'trajector*', '/\\bRL(HF|AIF|VR)?\\b/'],
  ['diffusion', 'diffusion model*', 'denoising', 'flow matching', 'image generation', 'video generation', 'DiT', 'latent*', 'text-to-image', 'score-based'],
  ['benchmark*', 'evaluation', 'leaderboard', 'pass rate', 'HumanEval', 'MBPP', 'SWE-bench', 'metric*', 'human evaluation', 'test suite*'],
  ['retrieval', 'RAG', 'retrieval-augmented', 'embedding*', 'vector search', 'reranking', 'dense retrieval', 'knowledge base', 'search engine', 'index*'],
  ['multi-agent', 'agentic', 'tool use', 'planning', 'orchestrat*', 'collaboration', 'workflow*', 'autonomous', 'memory', 'self-reflection'],
  ['hardware', 'RTL', 'Verilog', 'FPGA', 'HLS', 'circuit*', 'chip design', 'synthesis', 'EDA', 'accelerator*'],
  ['reasoning', 'chain-of-thought', 'chain of thought', 'step-by-step', 'math*', 'theorem proving', 'logic*', 'inference-time', 'test-time scaling', 'self-consistency'],
  ['fine-tuning', 'instruction tuning', 'LoRA', 'distillation', 'pretraining', 'pre-training', 'data curation', 'synthetic data', 'curriculum', 'SFT'],
  ['security', 'vulnerabilit*', 'jailbreak*', 'adversarial', 'malware', 'safety', 'privacy', 'attack*', 'robustness', 'red teaming'],
  ['multimodal', 'vision-language', 'VLM*', 'image*', 'visual', 'screenshot*', 'GUI', 'chart*', 'OCR', 'video'],
  ['efficiency', 'latency', 'quantization', 'pruning', 'sparse', 'speculative decoding', 'KV cache', 'throughput', 'memory footprint', 'inference cost*'],
  ['translation', 'multilingual', 'low-resource', 'cross-lingual', 'language pair*', 'natural language', 'text-to-SQL', 'SQL', 'semantic parsing', 'query'],
  ['robotics', 'embodied', 'manipulation', 'navigation', 'simulation', 'sim-to-real', 'control', 'locomotion', 'world model*', 'physical'],
  ['education', 'student*', 'programming course*', 'feedback', 'tutor*', 'learner*', 'classroom', 'novice*', 'grading', 'exercise*'],
  ['data science', 'data analysis', 'spreadsheet*', 'table*', 'tabular', 'visualization', 'notebook*', 'pandas', 'statistic*', 'dataset*'],
  ['web', 'HTML', 'front-end', 'UI', 'web page*', 'browser', 'JavaScript', 'CSS', 'website*', 'design'],
  ['scientific', 'science', 'research', 'physics', 'chemistry', 'biolog*', 'medical', 'clinical', 'scientific discovery', 'paper*'],
  ['open source', 'open-source', 'GitHub', 'release', 'weights', 'license', 'community', 'reproducib*', 'open model*', 'checkpoint*'],
  ['survey', 'overview', 'taxonomy', 'review', 'position paper', 'tutorial', 'roadmap', 'challenges', 'future directions', 'open problems'],
];

const COLORS = ['#1d4ed8', '#b45309', '#0f766e', '#7c3aed', '#be123c', '#15803d', '#a16207', '#0369a1', '#9333ea', '#c2410c'];

/** 20 enabled topics of 10 terms each (the last term of the first topic is an exclusion). */
export function topics(count = 20, terms = 10): Topic[] {
  return THEMES.slice(0, count).map((theme, i) => {
    const lines = theme.slice(0, terms);
    return {
      id: `bench-topic-${i}`,
      name: `Bench ${i + 1}: ${lines[0]}`.replace(/,/g, ''),
      color: COLORS[i % COLORS.length]!,
      include: lines.filter((l) => !l.startsWith('-')),
      exclude: lines.filter((l) => l.startsWith('-')).map((l) => l.slice(1)),
      enabled: true,
      order: i,
      updatedAt: '2025-12-01T00:00:00.000Z',
    };
  });
}

/** The bench's real-size daily page (a static fixture: bench/make-daily-page.ts writes it). */
export const DAILY = {
  file: 'bench/fixtures/daily-2026-04-15.html',
  url: 'https://huggingface.co/papers/date/2026-04-15',
  cards: 28,
  /** Its first cards are papers of the bench library (libraryId(0), libraryId(97), …). */
  saved: 6,
} as const;

/** The daily page's HTML, read from the repo. */
export const dailyPage = (): string => readFileSync(join(ROOT, DAILY.file), 'utf8');
