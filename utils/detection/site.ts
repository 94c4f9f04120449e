/**
 * Site knowledge about huggingface.co, as data. Everything here was checked against the fixture
 * pages listed in FIXTURE_PAGES (markup as seen 2026-11-25); tests/unit/detection/site.test.ts loads
 * every one of them and checks the counts.
 */
import { normaliseId, paperIdFromUrl } from './paper-id';

/** Content-script match patterns. `pageKind` decides what a matched URL really is. */
export const PAPERS_MATCHES = [
  'https://huggingface.co/papers*',
  'https://huggingface.co/*/papers*',
  'https://huggingface.co/collections/*',
];

/**
 * First path segments that are site sections, not organisations or users. A link to `/<segment>`
 * that is not in this list is read as an organisation (or user) chip.
 */
export const SITE_SECTIONS: ReadonlySet<string> = new Set([
  'api', 'blog', 'brand', 'changelog', 'chat', 'collections', 'contact', 'datasets', 'docs',
  'enterprise', 'hardware', 'huggingchat', 'inference', 'inference-endpoints', 'jobs', 'join',
  'learn', 'login', 'logout', 'mcp', 'models', 'new', 'new-collection', 'new-dataset',
  'new-space', 'notifications', 'organizations', 'papers', 'posts', 'pricing', 'privacy', 'pro',
  'search', 'security', 'settings', 'spaces', 'storage', 'support', 'tasks', 'terms-of-service',
  'welcome',
]);

/** What the structural detector treats as a heading (no class names). */
export const HEADING_SELECTOR = 'h1,h2,h3,h4,h5,h6,[role="heading"]';

/**
 * The site's hydration islands (Svelte props as JSON), seen 2026-11-25 as
 * `div.SVELTE_HYDRATER[data-target=…][data-props]`. We key on the data attributes only.
 */
export const HYDRATION_SELECTOR =
  '[data-target="DailyPapers"][data-props],[data-target="PaperContent"][data-props]';

/** Meta tag on paper pages carrying the arXiv id. */
export const PAPER_ID_META = 'meta[name="citation_arxiv_id"]';

/** Shortest `<p>` text (after collapsing) read as an abstract; shorter ones are labels. */
export const ABSTRACT_MIN_CHARS = 30;

const HF_HOST = /^(www\.)?(huggingface\.co|hf\.co)$/;
const LIST_PATHS: RegExp[] = [
  /^\/papers$/,
  /^\/papers\/trending$/,
  /^\/papers\/date\/\d{4}-\d{2}-\d{2}$/,
  /^\/papers\/week\/\d{4}-W\d{2}$/,
  /^\/papers\/month\/\d{4}-\d{2}$/,
  /^\/collections\/[^/]+\/[^/]+$/,
];
const ORG_PAPERS = /^\/([^/]+)\/papers$/;

export type PageKind = 'list' | 'paper' | 'none';

/** Which kind of papers page a URL is: a list of cards, a single paper, or neither. */
export function pageKind(url: string): PageKind {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'none';
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return 'none';
  if (!HF_HOST.test(u.hostname)) return 'none';
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
  if (LIST_PATHS.some((re) => re.test(path))) return 'list';
  const org = ORG_PAPERS.exec(path);
  if (org && !SITE_SECTIONS.has(org[1]!.toLowerCase())) return 'list';
  if (path.startsWith('/papers/') && paperIdFromUrl(u.origin + path) !== null) return 'paper';
  return 'none';
}

/** The paper id of a single-paper page: from its URL, else from `<meta name=citation_arxiv_id>`. */
export function paperPageId(url: string, doc?: ParentNode | null): string | null {
  if (pageKind(url) === 'paper') {
    const id = paperIdFromUrl(url);
    if (id) return id;
  }
  const meta = doc?.querySelector(PAPER_ID_META);
  const content = meta?.getAttribute('content');
  return content ? normaliseId(content) : null;
}

export interface FixturePage {
  /** Path under the shared fixtures directory. */
  file: string;
  url: string;
  kind: PageKind;
  /** Cards `detectCards` must find. */
  cards: number;
  /** First and last card ids, in page order. */
  first: string;
  last: string;
  /** When this markup was seen on the real site. */
  seen: string;
}

/** Fixture pages and the cards the detector must find on each (see fixtures/README.md). */
export const FIXTURE_PAGES: readonly FixturePage[] = [
  { file: 'pages/trending.html', url: 'https://huggingface.co/papers/trending', kind: 'list', cards: 30, first: '2506.13000', last: '2506.14073', seen: '2026-11-25' },
  { file: 'pages/daily-2025-06-26.html', url: 'https://huggingface.co/papers/date/2025-06-26', kind: 'list', cards: 20, first: '2506.14110', last: '2506.14813', seen: '2026-11-25' },
  { file: 'pages/daily-2025-06-26.html', url: 'https://huggingface.co/papers', kind: 'list', cards: 20, first: '2506.14110', last: '2506.14813', seen: '2026-11-25' },
  { file: 'pages/search-code-generation.html', url: 'https://huggingface.co/papers?q=code+generation', kind: 'list', cards: 56, first: '2506.13000', last: '2506.15035', seen: '2026-11-25' },
  { file: 'pages/paper-2506.13000.html', url: 'https://huggingface.co/papers/2506.13000', kind: 'paper', cards: 1, first: '2506.13000', last: '2506.13000', seen: '2026-11-25' },
  { file: 'pages/paper-2506.13037.html', url: 'https://huggingface.co/papers/2506.13037', kind: 'paper', cards: 1, first: '2506.13037', last: '2506.13037', seen: '2026-11-25' },
  { file: 'pages/paper-2506.13074.html', url: 'https://huggingface.co/papers/2506.13074', kind: 'paper', cards: 1, first: '2506.13074', last: '2506.13074', seen: '2026-11-25' },
];
