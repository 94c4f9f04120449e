// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { detectCards } from '../../../utils/detection/detect';
import { FIXTURE_PAGES, PAPERS_MATCHES, pageKind, paperPageId } from '../../../utils/detection/site';
import { loadPage } from './load';

describe('FIXTURE_PAGES: every fixture page gives its card count', () => {
  it.each(FIXTURE_PAGES.map((f) => [f.url, f]))('%s', (_url, f) => {
    expect(pageKind(f.url)).toBe(f.kind);
    const cards = detectCards(loadPage(f.file), { pageUrl: f.url });
    expect(cards).toHaveLength(f.cards);
    expect(cards[0]!.info.id).toBe(f.first);
    expect(cards.at(-1)!.info.id).toBe(f.last);
    expect(new Set(cards.map((c) => c.root)).size).toBe(f.cards);
  });
});

const KINDS: [string, 'list' | 'paper' | 'none'][] = [
  ['https://huggingface.co/papers', 'list'],
  ['https://huggingface.co/papers/', 'list'],
  ['https://huggingface.co/papers?q=code+generation', 'list'],
  ['https://huggingface.co/papers?date=2025-06-26#top', 'list'],
  ['https://huggingface.co/papers/trending', 'list'],
  ['https://huggingface.co/papers/date/2025-06-26', 'list'],
  ['https://huggingface.co/papers/week/2025-W26', 'list'],
  ['https://huggingface.co/papers/month/2025-06', 'list'],
  ['https://huggingface.co/meta-llama/papers', 'list'],
  ['https://huggingface.co/Qwen/papers?p=2', 'list'],
  ['https://huggingface.co/collections/akhaliq/code-generation-6650', 'list'],
  ['https://huggingface.co/papers/2506.13000', 'paper'],
  ['https://huggingface.co/papers/2506.13000v2', 'paper'],
  ['https://huggingface.co/papers/2506.13000#community', 'paper'],
  ['https://huggingface.co/papers/1501.0001', 'paper'],
  ['https://huggingface.co/papers/hep-th/9901001', 'paper'],
  ['https://huggingface.co/', 'none'],
  ['https://huggingface.co/models', 'none'],
  ['https://huggingface.co/meta-llama', 'none'],
  ['https://huggingface.co/models/papers', 'none'],
  ['https://huggingface.co/meta-llama/Llama-3/papers', 'none'],
  ['https://huggingface.co/collections/akhaliq', 'none'],
  ['https://huggingface.co/papers/date/2025-6-26', 'none'],
  ['https://huggingface.co/papers/week/2025-26', 'none'],
  ['https://huggingface.co/papers/not-an-id', 'none'],
  ['https://huggingface.co/papers/2506.13000/extra', 'none'],
  ['https://huggingface.co/api/papers/2506.13000', 'none'],
  ['https://example.com/papers', 'none'],
  ['https://huggingface.co.evil.example/papers', 'none'],
  ['https://arxiv.org/abs/2506.13000', 'none'],
  ['/papers', 'none'],
  ['not a url', 'none'],
  ['javascript:alert(1)', 'none'],
];

describe('pageKind', () => {
  it.each(KINDS)('%s → %s', (url, kind) => {
    expect(pageKind(url)).toBe(kind);
  });
});

/** WebExtension match pattern → RegExp (scheme, host and path; `*` in the path matches anything). */
function matchPattern(pattern: string): RegExp {
  const m = /^(https?):\/\/([^/]+)(\/.*)$/.exec(pattern)!;
  const esc = (s: string) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${m[1]}://${esc(m[2]!)}${esc(m[3]!).replace(/\*/g, '.*')}$`);
}

describe('PAPERS_MATCHES', () => {
  const patterns = PAPERS_MATCHES.map(matchPattern);
  it.each(KINDS.filter(([url, kind]) => kind !== 'none' && url.startsWith('https://')))(
    'injects on %s',
    (url) => {
      const u = new URL(url);
      expect(patterns.some((re) => re.test(u.origin + u.pathname + u.search))).toBe(true);
    },
  );
  it('does not inject on the rest of the site', () => {
    for (const url of ['https://huggingface.co/', 'https://huggingface.co/models', 'https://huggingface.co/meta-llama']) {
      expect(patterns.some((re) => re.test(url))).toBe(false);
    }
  });
});

describe('paperPageId', () => {
  it('reads the URL first, then <meta name=citation_arxiv_id>', () => {
    const doc = loadPage('pages/paper-2506.13037.html');
    expect(paperPageId('https://huggingface.co/papers/2506.13037v3', doc)).toBe('2506.13037');
    expect(paperPageId('https://huggingface.co/papers/something-else', doc)).toBe('2506.13037');
    expect(paperPageId('https://huggingface.co/papers/something-else', null)).toBeNull();
    const bad = new DOMParser().parseFromString('<meta name="citation_arxiv_id" content="<b>">', 'text/html');
    expect(paperPageId('https://huggingface.co/papers', bad)).toBeNull();
  });
});
