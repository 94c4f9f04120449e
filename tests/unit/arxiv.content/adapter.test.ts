// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { arxivSite, findArxivCards, matchText } from '../../../entrypoints/arxiv.content/adapter';
import { HOOK } from '../../../utils/hooks';
import { runSteps } from '../../../utils/detection/steps';
import { loadArxivPage } from '../detection/arxiv-load';

/** A toggle host for `id`, as the page run puts it on the page. */
function toggleHost(doc: Document, id: string): Element {
  const host = doc.createElement('span');
  host.setAttribute(HOOK.toggleHost, id);
  return host;
}

describe('the arXiv site adapter', () => {
  it('listing: one card per <dt>, its <dd> a twin, the toggle spot on the <dt>; marked cards are not found again', () => {
    const doc = loadArxivPage('list-cs.CL-new.html');
    const url = 'https://arxiv.org/list/cs.CL/new';
    expect(arxivSite.kind(url)).toBe('list');
    const cards = runSteps(arxivSite.find(doc.body, url));
    expect(cards).toHaveLength(16);
    const c = findArxivCards(doc.body, url)[0]!;
    expect(c.root.localName).toBe('dt');
    expect(c.twins?.map((t) => t.localName)).toEqual(['dd']);
    expect(arxivSite.spots(c, url)).toEqual([{ el: c.root, kind: 'line' }]);
    const read = runSteps(arxivSite.reader(doc, url));
    expect(read(c).title).toMatch(/^Spec2RTL-Agent/);
    c.root.setAttribute(HOOK.id, c.id);
    expect(findArxivCards(doc.body, url)).toHaveLength(15);
    // A subtree inside one entry holds no card.
    expect(findArxivCards(doc.querySelector('dd')!, url)).toHaveLength(0);
  });

  it('search results, abstract page, alphaXiv with and without a title (a stand-in until the title renders)', () => {
    const search = 'https://arxiv.org/search/?query=code+generation&searchtype=all';
    expect(findArxivCards(loadArxivPage('search-code-generation.html').body, search)).toHaveLength(10);
    const absDoc = loadArxivPage('abs-2506.13000v2.html');
    const abs = findArxivCards(absDoc.body, 'https://arxiv.org/abs/2506.13000v2');
    expect(abs.map((c) => [c.id, c.spot.localName])).toEqual([['2506.13000', 'h1']]);
    expect(arxivSite.kind('https://arxiv.org/abs/2506.13000v2')).toBe('paper');
    expect(abs[0]!.provisional).toBeUndefined();
    // Handled once its toggle is in the title heading.
    abs[0]!.spot.append(toggleHost(absDoc, '2506.13000'));
    expect(findArxivCards(absDoc.body, 'https://arxiv.org/abs/2506.13000v2')).toHaveLength(0);
    const bareDoc = loadArxivPage('alphaxiv-abs-notitle-2506.13111.html');
    const bareUrl = 'https://www.alphaxiv.org/abs/2506.13111';
    const bare = findArxivCards(bareDoc.body, bareUrl);
    expect(bare).toHaveLength(1);
    expect(bare[0]).toMatchObject({ id: '2506.13111', fixed: true, unmarked: true, provisional: true });
    expect(bare[0]!.root).toBe(bareDoc.body);
    expect(arxivSite.spots(bare[0]!, bareUrl)[0]!.kind).toBe('fixed');
    // The fixed control placed (its root marked), the page still has no title: nothing new.
    bareDoc.body.setAttribute(HOOK.id, '2506.13111');
    bareDoc.body.append(toggleHost(bareDoc, '2506.13111'));
    expect(findArxivCards(bareDoc.body, bareUrl)).toHaveLength(0);
    // The title heading renders: its card is found (it replaces the stand-in: see page-run.test.ts), not provisional.
    const title = [...bareDoc.querySelectorAll('div')].find((d) => d.textContent === 'Competition-Level Code Generation with AlphaCode')!;
    const h1 = bareDoc.createElement('h1');
    h1.textContent = title.textContent;
    title.replaceWith(h1);
    const titled = findArxivCards(bareDoc.body, bareUrl);
    expect(titled.map((c) => [c.id, c.spot, c.root, c.provisional, c.fixed])).toEqual([['2506.13111', h1, h1.parentElement, undefined, undefined]]);
    expect(titled[0]!.readInfo().title).toBe('Competition-Level Code Generation with AlphaCode');
    // Another paper's toggle in the heading does not count.
    h1.append(toggleHost(bareDoc, '2506.13000'));
    expect(findArxivCards(bareDoc.body, bareUrl)).toHaveLength(1);
    expect(arxivSite.kind('https://www.alphaxiv.org/explore')).toBe('none');
  });

  it('match text: title, abstract, and comments, subjects and authors as keywords', () => {
    const c = findArxivCards(loadArxivPage('list-cs.CL-new.html').body, 'https://arxiv.org/list/cs.CL/new')[0]!;
    const t = matchText(c.readInfo());
    expect(t.keywords).toEqual(['12 pages, 4 figures', 'cs.CL', 'Sofia Rossi', 'Jun Bianchi', 'Ivan Garcia', 'Lena Cohen', 'Ana Bianchi', 'Sara Patel']);
    expect(t.abstract).toBe(c.readInfo().abstract);
  });
});
