// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { extractCard } from '../../../utils/detection/card-extract';
import { detectCards, findCardRoot, type DetectedCard } from '../../../utils/detection/detect';
import { HOOK } from '../../../utils/hooks';
import { paperIdFromUrl } from '../../../utils/detection/paper-id';
import { headingIdsInHtml, loadPage, papersJson } from './load';

const TRENDING = 'pages/trending.html';
const DAILY = 'pages/daily-2025-06-26.html';
const SEARCH = 'pages/search-code-generation.html';
const TRENDING_URL = 'https://huggingface.co/papers/trending';
const SEARCH_URL = 'https://huggingface.co/papers?q=code+generation';

const collapse = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();
const ids = (cards: DetectedCard[]) => cards.map((c) => c.info.id);

/** Heading-contained links to /papers/<id> inside `el` (title copies). */
function titleLinks(el: Element, id: string): Element[] {
  return Array.from(el.querySelectorAll('h1 a[href], h2 a[href], h3 a[href], [role="heading"] a[href]')).filter(
    (a) => paperIdFromUrl(a.getAttribute('href')!) === id && !a.getAttribute('href')!.includes('#'),
  );
}

/** Replace every element matching `selector` with a `tag` element carrying the same children. */
function retag(doc: Document, selector: string, tag: string, attrs: Record<string, string> = {}): void {
  for (const el of Array.from(doc.querySelectorAll(selector))) {
    const next = doc.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) next.setAttribute(k, v);
    next.append(...Array.from(el.childNodes));
    el.replaceWith(next);
  }
}

/** Point every link and image of `card` at `to` instead of `from`. */
function reid(card: Element, from: string, to: string): void {
  for (const el of Array.from(card.querySelectorAll('[href], [src]'))) {
    for (const attr of ['href', 'src']) {
      const v = el.getAttribute(attr);
      if (v?.includes(from)) el.setAttribute(attr, v.replaceAll(from, to));
    }
  }
}

describe('detectCards on the fixture pages', () => {
  it.each([
    [TRENDING, TRENDING_URL, 30],
    [DAILY, 'https://huggingface.co/papers/date/2025-06-26', 20],
    [SEARCH, SEARCH_URL, 56],
  ])('%s: exact ids in page order', (file, url, count) => {
    const cards = detectCards(loadPage(file), { pageUrl: url });
    expect(cards).toHaveLength(count);
    expect(ids(cards)).toEqual(headingIdsInHtml(file));
  });

  it('extracts the first trending card exactly', () => {
    const [first] = detectCards(loadPage(TRENDING), { pageUrl: TRENDING_URL });
    const summary = collapse(papersJson().get('2506.13000')!.paper.summary);
    expect(first!.info).toEqual({
      id: '2506.13000',
      title: 'Spec2RTL-Agent: Automated Hardware Code Generation from Complex Specifications Using LLM Agent Systems',
      abstract: summary,
      organization: 'Meta Llama',
      upvotes: 12,
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2506.13000.png',
    });
    expect(first!.info.abstract!.startsWith('Despite recent progress in generating hardware RTL code with LLMs')).toBe(true);
    expect(first!.heading.tagName).toBe('H3');
  });

  it.each([
    [TRENDING, TRENDING_URL],
    [SEARCH, SEARCH_URL],
  ])('%s: every card matches papers.json (title, abstract, organisation, upvotes incl. "-" and "1.52k")', (file, url) => {
    const papers = papersJson();
    for (const { info } of detectCards(loadPage(file), { pageUrl: url })) {
      const p = papers.get(info.id)!.paper;
      expect(info.title).toBe(collapse(p.title));
      expect(info.abstract).toBe(collapse(p.summary));
      expect(info.organization).toBe(p.organization?.fullname);
      expect(info.upvotes).toBe(p.upvotes);
    }
  });

  it('flattens highlight spans in search titles', () => {
    const doc = loadPage(SEARCH);
    expect(doc.querySelectorAll('h3 span.highlight').length).toBeGreaterThan(56);
    const cards = detectCards(doc, { pageUrl: SEARCH_URL });
    expect(cards[1]!.info.title).toBe(
      'SuperCoder2.0: Technical Report on Exploring the feasibility of LLMs as Autonomous Programmer',
    );
    expect(cards[3]!.info.title).toBe('Competition-Level Code Generation with AlphaCode');
    expect(cards[4]!.info.title).toBe('AceCoder: Utilizing Existing Code to Enhance Code Generation');
    expect(cards.every((c) => c.info.thumbnail === undefined)).toBe(true);
  });

  it('reads an author-count card (no organisation chip) without an organisation', () => {
    const cards = detectCards(loadPage(SEARCH), { pageUrl: SEARCH_URL });
    expect(cards[3]!.info.id).toBe('2506.13111');
    expect(cards[3]!.info.organization).toBeUndefined();
    expect(cards[3]!.info.upvotes).toBe(0);
  });

  it('does not make cards from #community links, abstract links or thumbnail links', () => {
    const doc = loadPage(SEARCH);
    const community = Array.from(doc.querySelectorAll('a[href$="#community"]'));
    expect(community).toHaveLength(43); // cards with comments
    const cards = detectCards(doc, { pageUrl: SEARCH_URL });
    expect(cards).toHaveLength(56);
    for (const a of community) {
      const owners = cards.filter((c) => c.root.contains(a));
      expect(owners.map((c) => c.info.id)).toEqual([paperIdFromUrl(a.getAttribute('href')!)]);
    }
    for (const c of cards) {
      // title link + abstract link (+ author avatars link) all in one card
      expect(c.root.querySelectorAll(`a[href="/papers/${c.info.id}"]`).length).toBeGreaterThanOrEqual(2);
    }
    const trending = detectCards(loadPage(TRENDING), { pageUrl: TRENDING_URL });
    for (const c of trending) expect(c.root.querySelectorAll(`a[href="/papers/${c.info.id}"]`)).toHaveLength(4);
  });

  it('a heading holding only a #community link is not a card', () => {
    const doc = loadPage(SEARCH);
    const h = doc.createElement('h3');
    h.innerHTML = '<a href="/papers/2506.99999#community">Discuss</a>'; // test-only markup
    doc.querySelector('article')!.parentElement!.append(h);
    expect(detectCards(doc, { pageUrl: SEARCH_URL })).toHaveLength(56);
  });

  it.each([
    [TRENDING, TRENDING_URL],
    [DAILY, 'https://huggingface.co/papers'],
  ])('%s: each card root holds both the desktop and the mobile copy', (file, url) => {
    for (const c of detectCards(loadPage(file), { pageUrl: url })) {
      expect(titleLinks(c.root, c.info.id)).toHaveLength(2);
      expect(c.root.tagName).toBe('ARTICLE');
      expect(c.root.contains(c.heading)).toBe(true);
    }
  });

  it('running twice returns the same roots; skipMarked leaves out marked cards only', () => {
    const doc = loadPage(TRENDING);
    const a = detectCards(doc, { pageUrl: TRENDING_URL });
    const b = detectCards(doc, { pageUrl: TRENDING_URL });
    expect(b.map((c) => c.root)).toEqual(a.map((c) => c.root));
    expect(b.map((c) => c.heading)).toEqual(a.map((c) => c.heading));
    for (const c of a.slice(0, 10)) c.root.setAttribute(HOOK.id, c.info.id);
    expect(detectCards(doc, { pageUrl: TRENDING_URL })).toHaveLength(30);
    const rest = detectCards(doc, { pageUrl: TRENDING_URL, skipMarked: true });
    expect(rest.map((c) => c.root)).toEqual(a.slice(10).map((c) => c.root));
    // a card re-rendered in place for another paper keeps a stale mark: it is reported again
    a[0]!.root.setAttribute(HOOK.id, '2501.00001');
    expect(detectCards(doc, { pageUrl: TRENDING_URL, skipMarked: true })[0]!.root).toBe(a[0]!.root);
  });

  it('finds nothing on pages that are not papers pages', () => {
    expect(detectCards(loadPage(TRENDING), { pageUrl: 'https://huggingface.co/models' })).toEqual([]);
  });

  it('findCardRoot and extractCard agree with detectCards', () => {
    const doc = loadPage(DAILY);
    const cards = detectCards(doc, { pageUrl: 'https://huggingface.co/papers' });
    for (const c of cards) {
      for (const link of titleLinks(c.root, c.info.id)) expect(findCardRoot(link)).toBe(c.root);
      expect(extractCard(c.root, c.info.id)).toEqual(c.info);
    }
  });
});

describe('detectCards on the single paper pages', () => {
  it.each(['2506.13000', '2506.13037', '2506.13074'])('paper-%s.html: one card, the main paper', (id) => {
    const doc = loadPage(`pages/paper-${id}.html`);
    const cards = detectCards(doc, { pageUrl: `https://huggingface.co/papers/${id}` });
    expect(cards).toHaveLength(1);
    const [c] = cards;
    const p = papersJson().get(id)!.paper;
    expect(c!.info.id).toBe(id);
    expect(c!.heading).toBe(doc.querySelector('h1'));
    expect(c!.info.title).toBe(collapse(p.title));
    expect(c!.info.abstract).toBe(collapse(p.summary));
    expect(c!.info.upvotes).toBe(p.upvotes);
    // the root groups the h1 and the abstract, and not the page's Community section
    expect(c!.root.contains(doc.querySelector('p'))).toBe(true);
    expect(collapse(c!.root.textContent)).not.toContain('Community');
  });

  it('takes the id from the URL, with or without a version', () => {
    const doc = loadPage('pages/paper-2506.13037.html');
    const [c] = detectCards(doc, { pageUrl: 'https://huggingface.co/papers/2506.13037v2' });
    expect(c!.info.id).toBe('2506.13037');
  });
});

describe('detectCards on altered markup', () => {
  it('does not depend on class names', () => {
    const doc = loadPage(TRENDING);
    for (const el of Array.from(doc.querySelectorAll('[class]'))) el.removeAttribute('class');
    const cards = detectCards(doc, { pageUrl: TRENDING_URL });
    expect(ids(cards)).toEqual(headingIdsInHtml(TRENDING));
    expect(cards[0]!.info.organization).toBe('Meta Llama');
  });

  it('renames classes too', () => {
    const doc = loadPage(SEARCH);
    for (const el of Array.from(doc.querySelectorAll('[class]'))) el.setAttribute('class', 'x-renamed');
    const cards = detectCards(doc, { pageUrl: SEARCH_URL });
    expect(ids(cards)).toEqual(headingIdsInHtml(SEARCH));
  });

  it('does not depend on <article>', () => {
    const doc = loadPage(TRENDING);
    retag(doc, 'article', 'div');
    expect(doc.querySelector('article')).toBeNull();
    const cards = detectCards(doc, { pageUrl: TRENDING_URL });
    expect(ids(cards)).toEqual(headingIdsInHtml(TRENDING));
    for (const c of cards) expect(titleLinks(c.root, c.info.id)).toHaveLength(2);
  });

  it('leaves abstract undefined when cards show none', () => {
    const doc = loadPage(TRENDING);
    for (const p of Array.from(doc.querySelectorAll('article p'))) p.remove();
    const cards = detectCards(doc, { pageUrl: TRENDING_URL });
    expect(cards).toHaveLength(30);
    for (const c of cards) {
      expect(c.info.abstract).toBeUndefined();
      expect(c.info.title.length).toBeGreaterThan(0);
    }
  });

  it('detects a card appended later on the new subtree only', () => {
    const doc = loadPage(TRENDING);
    const first = detectCards(doc, { pageUrl: TRENDING_URL });
    const list = first[0]!.root.parentElement!;
    const added = first[0]!.root.cloneNode(true) as Element;
    reid(added, '2506.13000', '2506.20000');
    list.append(added);
    const cards = detectCards(added, { pageUrl: TRENDING_URL });
    expect(cards).toHaveLength(1);
    expect(cards[0]!.root).toBe(added);
    expect(cards[0]!.info.id).toBe('2506.20000');
    expect(cards[0]!.info.thumbnail).toBe('https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2506.20000.png');
    // whole-document run: old roots unchanged, new card last
    const all = detectCards(doc, { pageUrl: TRENDING_URL });
    expect(all).toHaveLength(31);
    expect(all.slice(0, 30).map((c) => c.root)).toEqual(first.map((c) => c.root));
    expect(all[30]!.root).toBe(added);
  });

  it('detects on a subtree holding just one copy without climbing into the list', () => {
    const doc = loadPage(TRENDING);
    const first = detectCards(doc, { pageUrl: TRENDING_URL })[0]!;
    const desktopCopy = first.heading.parentElement!;
    const cards = detectCards(desktopCopy, { pageUrl: TRENDING_URL });
    expect(cards.map((c) => c.root)).toEqual([first.root]);
  });

  it('accepts absolute heading URLs', () => {
    const doc = loadPage(TRENDING);
    for (const a of Array.from(doc.querySelectorAll('h3 a[href]'))) {
      a.setAttribute('href', `https://huggingface.co${a.getAttribute('href')}`);
    }
    const cards = detectCards(doc, { pageUrl: TRENDING_URL });
    expect(ids(cards)).toEqual(headingIdsInHtml(TRENDING));
    for (const c of cards) expect(titleLinks(c.root, c.info.id)).toHaveLength(2);
  });

  it('accepts <div role="heading"> instead of h3', () => {
    const doc = loadPage(SEARCH);
    retag(doc, 'h3', 'div', { role: 'heading' });
    expect(doc.querySelector('h3')).toBeNull();
    const cards = detectCards(doc, { pageUrl: SEARCH_URL });
    expect(ids(cards)).toEqual(headingIdsInHtml(SEARCH));
    expect(cards[0]!.heading.getAttribute('role')).toBe('heading');
    expect(cards[0]!.root.tagName).toBe('ARTICLE');
  });

  it('reads markup-looking titles as text', () => {
    const doc = loadPage(TRENDING);
    const evil = '<img src=x onerror=alert(1)> & <b>bold</b>';
    const [c] = detectCards(doc, { pageUrl: TRENDING_URL });
    for (const a of titleLinks(c!.root, c!.info.id)) a.textContent = evil;
    const again = detectCards(doc, { pageUrl: TRENDING_URL });
    expect(again[0]!.info.title).toBe(evil);
    expect(doc.querySelectorAll('img[src="x"]')).toHaveLength(0);
  });

  it('a lone card in its list gets the card, not the list container', () => {
    const doc = loadPage(SEARCH);
    const articles = Array.from(doc.querySelectorAll('article'));
    for (const a of articles.slice(1)) a.remove();
    const cards = detectCards(doc, { pageUrl: SEARCH_URL });
    expect(cards).toHaveLength(1);
    expect(cards[0]!.root).toBe(articles[0]);
  });

  it('the same paper in two regions (results + a "Trending Papers" block) gives two cards', () => {
    const doc = loadPage(SEARCH);
    const section = doc.querySelector('article')!.closest('section')!;
    const block = doc.createElement('section');
    const h2 = doc.createElement('h2');
    h2.textContent = 'Trending Papers';
    const list = doc.createElement('div');
    const copies = Array.from(doc.querySelectorAll('article')).slice(0, 2).map((a) => a.cloneNode(true) as Element);
    list.append(...copies);
    block.append(h2, list);
    section.after(block);
    const cards = detectCards(doc, { pageUrl: SEARCH_URL });
    expect(cards).toHaveLength(58);
    expect(ids(cards).slice(56)).toEqual(['2506.13000', '2506.13037']);
    expect(cards.slice(56).map((c) => c.root)).toEqual(copies);
  });

  it('a heading inside the link (<a><h3>…</h3></a>) works too', () => {
    const doc = new DOMParser().parseFromString(
      `<main><h1>Papers</h1><ul>
        <li><a href="/papers/2506.00001"><h3>First <em>paper</em></h3></a><p>${'An abstract long enough. '.repeat(3)}</p></li>
        <li><a href="/papers/2506.00002"><h3>Second paper</h3></a></li>
      </ul></main>`,
      'text/html',
    );
    const cards = detectCards(doc, { pageUrl: 'https://huggingface.co/papers' });
    expect(cards.map((c) => [c.root.tagName, c.info.id, c.info.title])).toEqual([
      ['LI', '2506.00001', 'First paper'],
      ['LI', '2506.00002', 'Second paper'],
    ]);
    expect(cards[0]!.info.abstract).toBe('An abstract long enough. An abstract long enough. An abstract long enough.');
  });
});

describe('performance', () => {
  /** A trending page with `n` distinct cards. */
  function bigPage(n: number): Document {
    const doc = loadPage(TRENDING);
    const articles = Array.from(doc.querySelectorAll('article'));
    const list = articles[0]!.parentElement!;
    for (const a of articles) a.remove();
    const copies: Element[] = [];
    for (let i = 0; i < n; i++) {
      const src = articles[i % articles.length]!;
      const copy = src.cloneNode(true) as Element;
      for (const a of Array.from(copy.getElementsByTagName('a'))) {
        const href = a.getAttribute('href')!;
        if (href.startsWith('/papers/2506.')) a.setAttribute('href', `/papers/2507.${String(10000 + i)}`);
      }
      copies.push(copy);
    }
    list.append(...copies);
    return doc;
  }
  /** Count whole-document queries during one detection (timing belongs to `npm run bench`). */
  function countDocQueries(doc: Document): { queries: number; cards: DetectedCard[] } {
    let queries = 0;
    const spy = <K extends 'querySelectorAll' | 'querySelector' | 'getElementsByTagName'>(k: K) => {
      const orig = doc[k].bind(doc) as (...a: unknown[]) => unknown;
      (doc as unknown as Record<string, unknown>)[k] = (...a: unknown[]) => {
        queries++;
        return orig(...a);
      };
    };
    spy('querySelectorAll');
    spy('querySelector');
    spy('getElementsByTagName');
    const cards = detectCards(doc, { pageUrl: TRENDING_URL });
    return { queries, cards };
  }

  it('makes the same number of whole-document queries for 100 and 1,000 cards', { timeout: 60_000 }, () => {
    const small = countDocQueries(bigPage(100));
    const large = countDocQueries(bigPage(1000));
    expect(small.cards).toHaveLength(100);
    expect(large.cards).toHaveLength(1000);
    expect(new Set(ids(large.cards)).size).toBe(1000);
    // A per-card document query would make this grow with the cards.
    expect(large.queries).toBe(small.queries);
    expect(small.queries).toBeLessThanOrEqual(8);
  });
});
