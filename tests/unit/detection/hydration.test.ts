// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { readHydration } from '../../../utils/detection/hydration';
import type { CardInfo } from '../../../utils/types';
import { headingIdsInHtml, loadPage, papersJson, type FixturePaper } from './load';

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

function expected({ paper, thumbnail }: FixturePaper): Partial<CardInfo> {
  const out: Partial<CardInfo> = {
    id: paper.id,
    title: collapse(paper.title),
    abstract: collapse(paper.summary),
    authors: paper.authors.map((a) => a.name),
    publishedAt: paper.publishedAt,
    upvotes: paper.upvotes,
    thumbnail,
  };
  if (paper.ai_keywords?.length) out.aiKeywords = paper.ai_keywords;
  if (paper.githubRepo) out.githubRepo = paper.githubRepo;
  if (paper.organization) out.organization = paper.organization.fullname;
  return out;
}

/** A document with one hydration island whose data-props is `props` (set as an attribute, not parsed). */
function island(target: string, props: string): Document {
  const doc = document.implementation.createHTMLDocument('');
  const div = doc.createElement('div');
  div.className = 'SVELTE_HYDRATER contents';
  div.setAttribute('data-target', target);
  div.setAttribute('data-props', props);
  doc.body.append(div);
  return doc;
}

describe('readHydration on the fixture pages', () => {
  it.each([
    ['pages/trending.html', 30],
    ['pages/daily-2025-06-26.html', 20],
    ['pages/search-code-generation.html', 56],
  ])('%s: every paper, fields as in papers.json', (file, count) => {
    const map = readHydration(loadPage(file));
    expect(map.size).toBe(count);
    expect([...map.keys()]).toEqual(headingIdsInHtml(file));
    const papers = papersJson();
    for (const [id, info] of map) expect(info).toEqual(expected(papers.get(id)!));
  });

  it('leaves abstracts out when asked (the content script matches what the card shows), and nothing else', () => {
    const full = readHydration(loadPage('pages/trending.html'));
    const lean = readHydration(loadPage('pages/trending.html'), { abstracts: false });
    expect([...lean.keys()]).toEqual([...full.keys()]);
    for (const [id, info] of full) {
      const { abstract, ...rest } = info;
      expect(abstract).toEqual(expect.any(String));
      expect(lean.get(id)).toEqual(rest);
    }
  });

  it('reads PaperContent on a paper page (no thumbnail there)', () => {
    const map = readHydration(loadPage('pages/paper-2506.13000.html'));
    expect([...map.keys()]).toEqual(['2506.13000']);
    const { thumbnail: _t, ...rest } = expected(papersJson().get('2506.13000')!);
    expect(map.get('2506.13000')).toEqual(rest);
    expect(map.get('2506.13000')!.organization).toBe('Meta Llama');
    expect(map.get('2506.13000')!.authors).toEqual([
      'Sofia Rossi', 'Jun Bianchi', 'Ivan Garcia', 'Lena Cohen', 'Ana Bianchi', 'Sara Patel',
    ]);
  });
});

describe('readHydration on untrusted data', () => {
  it.each(['', '{', 'null', '[]', '"x"', '{"dailyPapers":', 'undefined', '{"dailyPapers":null}', '{"paper":7}'])(
    'malformed data-props %j → empty map, no throw',
    (props) => {
      expect(readHydration(island('DailyPapers', props)).size).toBe(0);
      expect(readHydration(island('PaperContent', props)).size).toBe(0);
    },
  );

  it('ignores other islands and a document without any', () => {
    expect(readHydration(island('MainHeader', '{"dailyPapers":[{"paper":{"id":"2506.13000"}}]}')).size).toBe(0);
    expect(readHydration(document.implementation.createHTMLDocument('')).size).toBe(0);
  });

  it('keeps the good items of a list and drops wrongly typed fields', () => {
    const props = JSON.stringify({
      dailyPapers: [
        null,
        7,
        { paper: { id: '<img src=x onerror=alert(1)>', title: 'bad id' } },
        { paper: { id: 2506.13 } },
        {
          paper: {
            id: '2506.13000v2',
            title: { toString: 'x' },
            summary: '  An   abstract\n with  spaces ',
            authors: ['plain string', { name: 42 }, { name: 'Ada Lovelace' }, null],
            publishedAt: 'yesterday-ish',
            upvotes: '12',
            ai_keywords: 'LLM',
            organization: ['meta'],
            githubRepo: 'javascript:alert(1)',
          },
          title: 'Fallback title',
          thumbnail: 'data:image/png;base64,AAAA',
        },
        { paper: { id: '2506.13037', upvotes: -1, ai_keywords: ['ok', 3, ''], organization: { name: 'google' } } },
      ],
      searchResults: 'not an array',
    });
    const map = readHydration(island('DailyPapers', props));
    expect([...map.keys()]).toEqual(['2506.13000', '2506.13037']);
    expect(map.get('2506.13000')).toEqual({
      id: '2506.13000',
      title: 'Fallback title',
      abstract: 'An abstract with spaces',
      authors: ['Ada Lovelace'],
    });
    expect(map.get('2506.13037')).toEqual({ id: '2506.13037', aiKeywords: ['ok'], organization: 'google' });
  });

  it('reads inherited-looking keys as plain data', () => {
    const props = '{"__proto__":{"polluted":true},"dailyPapers":[{"paper":{"id":"2506.13000","__proto__":{"title":"x"}}}]}';
    const map = readHydration(island('DailyPapers', props));
    expect(map.get('2506.13000')).toEqual({ id: '2506.13000' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('one malformed island does not spoil another', () => {
    const doc = island('DailyPapers', '{oops');
    const good = doc.createElement('div');
    good.setAttribute('data-target', 'PaperContent');
    good.setAttribute('data-props', '{"paper":{"id":"2506.13074","title":"T"}}');
    doc.body.append(good);
    expect(readHydration(doc).get('2506.13074')).toEqual({ id: '2506.13074', title: 'T' });
  });

  // Plain URLs are taken without parsing (a fast path); whatever the path, the result is URL's.
  it.each([
    'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2506.13000.png',
    'https://github.com/org/repo',
    'https://github.com/org/repo/',
    'http://example.com:8080/a/b?c=d#e',
    'https://EXAMPLE.com/a',
    'https://example.com',
    'https://example.com/a/../b',
    'https://example.com/a/./b',
    'https://example.com/a b',
    'https://example.com/%7Euser',
    'https://example.com/a|b^c',
    'https://exa mple.com/',
    'https://xn--bcher-kva.example/',
    'https://bücher.example/',
    'javascript:alert(1)',
    'ftp://example.com/file',
    'https:/\\example.com/x',
  ])('thumbnail %s reads as URL would', (url) => {
    const props = JSON.stringify({ dailyPapers: [{ paper: { id: '2506.13000' }, thumbnail: url }] });
    let viaUrl: string | undefined;
    try {
      const u = new URL(url.replace(/\s+/g, ' ').trim());
      viaUrl = u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
    } catch {
      viaUrl = undefined;
    }
    expect(readHydration(island('DailyPapers', props)).get('2506.13000')!.thumbnail).toBe(viaUrl);
  });
});
