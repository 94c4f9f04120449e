// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import {
  alphaxivPaper,
  arxivPageKind,
  citationName,
  findListingEntries,
  findSearchResults,
  readAbsPage,
  readAlphaxivPage,
  readListingEntry,
  readSearchResult,
  subjectCodes,
} from '../../../utils/detection/arxiv';
import { abstractLinkIdsInHtml, arxivPapers, loadArxivPage } from './arxiv-load';

const papers = arxivPapers();

describe('arXiv listing pages', () => {
  it('/new: 16 entries in 3 sections (8 new, 4 cross-lists, 4 replacements), 15 distinct ids', () => {
    const doc = loadArxivPage('list-cs.CL-new.html');
    const entries = findListingEntries(doc);
    expect(entries).toHaveLength(16);
    expect(new Set(entries.map((e) => e.id)).size).toBe(15);
    expect(entries.map((e) => e.id)).toEqual(abstractLinkIdsInHtml('list-cs.CL-new.html'));
    for (const e of entries) {
      expect(e.root.localName).toBe('dt');
      expect(e.body?.localName).toBe('dd');
      expect(e.body?.previousElementSibling).toBe(e.root);
    }
    // The sections: every <dl> holds its own entries.
    const perSection = Array.from(doc.querySelectorAll('dl')).map((dl) => findListingEntries(dl).length);
    expect(perSection).toEqual([8, 4, 4]);
    expect(entries[0]!.id).toBe('2506.13000');
    expect(entries[15]!.id).toBe('2506.13000'); // replaced as well: one paper, two entries
  });

  it('/new: each entry reads as its paper, with abstract, authors, subjects and the primary class', () => {
    const entries = findListingEntries(loadArxivPage('list-cs.CL-new.html'));
    for (const e of entries) {
      const info = readListingEntry(e);
      const p = papers.get(e.id)!;
      expect(info.title).toBe(p.title);
      expect(info.abstract).toBe(p.summary);
      expect(info.authors).toEqual(p.authors);
    }
    const first = readListingEntry(entries[0]!);
    expect(first.subjects).toEqual(['cs.CL']);
    expect(first.primaryClass).toBe('cs.CL');
    expect(first.comments).toBe('12 pages, 4 figures');
    const second = readListingEntry(entries[1]!);
    expect(second.subjects).toEqual(['cs.CL', 'cs.AI']);
    expect(second.comments).toBeUndefined();
    const cross = readListingEntry(entries[8]!);
    expect(cross.primaryClass).toBe('cs.LG');
    expect(cross.subjects).toEqual(['cs.LG', 'cs.CL']);
  });

  it('/recent: 12 entries over two days, no abstracts', () => {
    const doc = loadArxivPage('list-cs.CL-recent.html');
    const entries = findListingEntries(doc);
    expect(entries).toHaveLength(12);
    expect(entries.map((e) => e.id)).toEqual(abstractLinkIdsInHtml('list-cs.CL-recent.html'));
    expect(Array.from(doc.querySelectorAll('dl')).map((dl) => findListingEntries(dl).length)).toEqual([7, 5]);
    for (const e of entries) {
      const info = readListingEntry(e);
      expect(info.abstract).toBeUndefined();
      expect(info.title).toBe(papers.get(e.id)!.title);
      expect(info.authors).toEqual(papers.get(e.id)!.authors);
    }
    expect(readListingEntry(entries[1]!).comments).toBe('Accepted at ACL 2025');
  });

  it('altered markup (classes renamed, no abstracts, one link without id): 6 entries, all read', () => {
    const doc = loadArxivPage('list-cs.CL-pastweek-altered.html');
    expect(doc.querySelector('.list-title, .list-authors, .list-subjects, .descriptor, .meta')).toBeNull();
    const entries = findListingEntries(doc);
    expect(entries).toHaveLength(6);
    expect(entries.map((e) => e.id)).toEqual(abstractLinkIdsInHtml('list-cs.CL-pastweek-altered.html'));
    expect(entries[2]!.link.hasAttribute('id')).toBe(false);
    for (const e of entries) {
      const info = readListingEntry(e);
      expect(info.title).toBe(papers.get(e.id)!.title);
      expect(info.primaryClass).toBe('cs.CL');
      expect(info.abstract).toBeUndefined();
    }
    expect(readListingEntry(entries[0]!).comments).toBe('Preprint');
  });

  it('a subtree added later is searched on its own; a page without entries gives none', () => {
    const doc = loadArxivPage('list-cs.CL-new.html');
    const dl = doc.querySelectorAll('dl')[1]!;
    expect(findListingEntries(dl).map((e) => e.id)).toEqual(['2506.13296', '2506.13333', '2506.13370', '2506.13407']);
    expect(findListingEntries(loadArxivPage('search-code-generation.html'))).toHaveLength(0);
    expect(findListingEntries(loadArxivPage('abs-2506.13000v2.html'))).toHaveLength(0);
  });
});

describe('arXiv search results', () => {
  it('10 results, each read as its paper (full abstract, not the short copy)', () => {
    const doc = loadArxivPage('search-code-generation.html');
    const results = findSearchResults(doc);
    expect(results).toHaveLength(10);
    expect(doc.querySelectorAll('li.arxiv-result')).toHaveLength(10);
    expect(results.map((r) => r.root)).toEqual(Array.from(doc.querySelectorAll('li.arxiv-result')));
    for (const r of results) {
      const info = readSearchResult(r);
      const p = papers.get(r.id)!;
      expect(info.title).toBe(p.title);
      expect(info.abstract).toBe(p.summary);
      expect(info.authors).toEqual(p.authors);
    }
    expect(readSearchResult(results[0]!).subjects).toEqual(['cs.SE']);
    expect(readSearchResult(results[1]!).subjects).toEqual(['cs.CL', 'cs.SE']);
    expect(readSearchResult(results[0]!).comments).toBe('10 pages');
    expect(findSearchResults(loadArxivPage('list-cs.CL-new.html'))).toHaveLength(0);
  });
});

describe('arXiv abstract page', () => {
  it('reads the citation_* meta tags, every author, the date and the primary subject', () => {
    const doc = loadArxivPage('abs-2506.13000v2.html');
    const page = readAbsPage(doc, 'https://arxiv.org/abs/2506.13000v2')!;
    const p = papers.get('2506.13000')!;
    expect(page.info).toEqual({
      id: '2506.13000',
      title: p.title,
      abstract: p.summary,
      authors: p.authors,
      publishedAt: '2025-06-01T00:00:00.000Z',
      comments: '14 pages, 6 figures',
      subjects: ['cs.AR', 'cs.AI', 'cs.CL'],
      primaryClass: 'cs.AR',
    });
    expect(page.info.authors).toHaveLength(6);
    // The title heading, not the subject header (also an h1).
    expect(doc.querySelectorAll('h1')).toHaveLength(2);
    expect(page.heading).toBe(doc.querySelectorAll('h1')[1]);
  });

  it('the id comes from the meta tag, else from the URL; no id at all gives null', () => {
    const doc = loadArxivPage('abs-2506.13000v2.html');
    doc.querySelector('meta[name="citation_arxiv_id"]')!.remove();
    expect(readAbsPage(doc, 'https://arxiv.org/abs/2506.13000v2')!.info.id).toBe('2506.13000');
    expect(readAbsPage(doc, 'https://arxiv.org/abs/notanid')).toBeNull();
  });

  it('citation names and subject codes', () => {
    expect(citationName('Rossi, Sofia')).toBe('Sofia Rossi');
    expect(citationName('van der Berg, Jan Willem')).toBe('Jan Willem van der Berg');
    expect(citationName('Plato')).toBe('Plato');
    expect(subjectCodes('Computation and Language (cs.CL); High Energy Physics - Theory (hep-th)')).toEqual(['cs.CL', 'hep-th']);
    expect(subjectCodes(undefined)).toEqual([]);
  });
});

describe('alphaXiv pages', () => {
  it('abs with version: id from the URL, title heading, abstract', () => {
    const doc = loadArxivPage('alphaxiv-abs-2506.13037v1.html');
    const page = readAlphaxivPage(doc, 'https://www.alphaxiv.org/abs/2506.13037v1')!;
    const p = papers.get('2506.13037')!;
    expect(page.info).toEqual({ id: '2506.13037', title: p.title, abstract: p.summary });
    expect(page.heading?.localName).toBe('h1');
  });

  it('overview page', () => {
    const doc = loadArxivPage('alphaxiv-overview-2506.13074.html');
    const page = readAlphaxivPage(doc, 'https://alphaxiv.org/overview/2506.13074')!;
    expect(page.info.id).toBe('2506.13074');
    expect(page.info.title).toBe(papers.get('2506.13074')!.title);
  });

  it('no title heading: heading null, title from the document title', () => {
    const doc = loadArxivPage('alphaxiv-abs-notitle-2506.13111.html');
    const page = readAlphaxivPage(doc, 'https://www.alphaxiv.org/abs/2506.13111')!;
    expect(page.heading).toBeNull();
    expect(page.info.title).toBe(papers.get('2506.13111')!.title);
  });

  it('ids that are not arXiv ids are ignored', () => {
    expect(alphaxivPaper('https://www.alphaxiv.org/abs/2506.13037v3')).toEqual({ id: '2506.13037', version: 3 });
    expect(alphaxivPaper('https://www.alphaxiv.org/overview/hep-th/9901001v2')).toEqual({ id: 'hep-th/9901001', version: 2 });
    expect(alphaxivPaper('https://www.alphaxiv.org/abs/my-paper')).toBeNull();
    expect(alphaxivPaper('https://www.alphaxiv.org/explore')).toBeNull();
    expect(alphaxivPaper('https://arxiv.org/abs/2506.13037')).toBeNull();
    expect(readAlphaxivPage(loadArxivPage('alphaxiv-abs-2506.13037v1.html'), 'https://www.alphaxiv.org/abs/abc')).toBeNull();
  });
});

describe('arxivPageKind', () => {
  it.each([
    ['https://arxiv.org/list/cs.CL/new', 'listing'],
    ['https://arxiv.org/list/cs.CL/recent?skip=25&show=25', 'listing'],
    ['https://arxiv.org/list/cs/pastweek', 'listing'],
    ['https://arxiv.org/list/hep-th/current', 'listing'],
    ['https://arxiv.org/list/cs.CL/2025-06', 'listing'],
    ['https://arxiv.org/list/math/2024', 'listing'],
    ['https://arxiv.org/list/cs.CL/new/', 'listing'],
    ['https://arxiv.org/search/?query=code+generation&searchtype=all', 'search'],
    ['https://arxiv.org/search/cs?query=llm', 'search'],
    ['https://arxiv.org/abs/2506.13000', 'abs'],
    ['https://arxiv.org/abs/2506.13000v2', 'abs'],
    ['https://arxiv.org/abs/hep-th/9901001v1', 'abs'],
    ['https://www.alphaxiv.org/abs/2506.13037v1', 'alphaxiv'],
    ['https://alphaxiv.org/overview/2506.13074', 'alphaxiv'],
    ['https://arxiv.org/', 'none'],
    ['https://arxiv.org/abs/notanid', 'none'],
    ['https://arxiv.org/list/cs.CL/yesterday', 'none'],
    ['https://arxiv.org/pdf/2506.13000', 'none'],
    ['http://arxiv.org/list/cs.CL/new', 'none'],
    ['https://evil.example/list/cs.CL/new', 'none'],
    ['https://www.alphaxiv.org/explore', 'none'],
    ['https://huggingface.co/papers/2506.13000', 'none'],
  ])('%s → %s', (url, kind) => {
    expect(arxivPageKind(url)).toBe(kind);
  });
});
