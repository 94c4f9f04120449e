/**
 * The arXiv and alphaXiv pages as cards: which elements make one card, where its toggle goes, and
 * what it shows. Detection and reading are utils/arxiv.ts (pure); this maps them to the page.
 */
import {
  arxivPageKind,
  findListingEntries,
  findSearchResults,
  readAbsPage,
  readAlphaxivPage,
  readListingEntry,
  readSearchResult,
  type ArxivCardInfo,
  type ArxivPageKind,
} from '@/utils/arxiv';
import type { MatchCard } from '@/utils/messages';

export interface SiteCard {
  id: string;
  /** Gets data-papershelf-id and the marks; null: no card on the page to mark (the toggle is fixed). */
  root: Element | null;
  /** More elements of the same card: data-papershelf-id and the marks too (a listing's `<dd>`). */
  twins: Element[];
  /** The toggle goes at the end of this element (inline), or fixed on the page when null. */
  spot: Element | null;
  info: ArxivCardInfo;
}

/** The cards of a page of this kind, in page order (an id listed twice gives two cards). */
export function siteCards(doc: Document, url: string, kind: ArxivPageKind = arxivPageKind(url)): SiteCard[] {
  switch (kind) {
    case 'listing':
      return findListingEntries(doc).map((e) => ({
        id: e.id,
        root: e.root,
        twins: e.body ? [e.body] : [],
        spot: e.root,
        info: readListingEntry(e),
      }));
    case 'search':
      return findSearchResults(doc).map((e) => ({
        id: e.id,
        root: e.root,
        twins: [],
        spot: e.link.parentElement ?? e.root,
        info: readSearchResult(e),
      }));
    case 'abs':
    case 'alphaxiv': {
      const page = kind === 'abs' ? readAbsPage(doc, url) : readAlphaxivPage(doc, url);
      if (!page) return [];
      // No title heading (alphaXiv changed its markup): a small fixed control, nothing to mark.
      return [{ id: page.info.id, root: page.heading?.parentElement ?? null, twins: [], spot: page.heading, info: page.info }];
    }
    default:
      return [];
  }
}

/** A card's text for the topic matcher: title and abstract, and comments, subjects, authors as keywords. */
export function matchText(c: { info: ArxivCardInfo }): MatchCard {
  const { id, title, abstract, comments, subjects = [], authors = [] } = c.info;
  const keywords = [...(comments ? [comments] : []), ...subjects, ...authors].slice(0, 50);
  return { id, title, abstract, keywords };
}
