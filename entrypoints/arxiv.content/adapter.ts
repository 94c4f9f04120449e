/**
 * arXiv and alphaXiv as a site adapter (entrypoints/papers.content/site-adapter.ts): the same card
 * stream, saved state and page run as huggingface.co. Detection and reading are utils/detection/arxiv.ts
 * (pure, structural); this maps them to cards, toggle spots and the text topics are matched on.
 * - listing: a card is the `<dt>` (toggle after its links) and its `<dd>` (a twin: the same id and marks);
 * - search results: the `<li>`, the toggle after the `arXiv:<id>` link;
 * - abstract and alphaXiv pages: the toggle after the title; no title: a small fixed control, replaced
 *   by the toggle by the title if the heading renders later (one toggle per paper).
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
} from '@/utils/detection/arxiv';
import { HOOK } from '@/utils/hooks';
import type { MatchCard } from '@/utils/protocol/messages';
import type { FoundCard, SiteAdapter } from '../papers.content/site-adapter';

/**
 * A card found on arXiv/alphaXiv. Its text is in the card (no page data to wait for), and it is read
 * when the page run asks (after the toggles are up, in slices): reading 1,000 listing entries while
 * finding them held the page for ~90 ms before the first toggle.
 */
export interface ArxivFound extends FoundCard {
  /** The card's text (read on the first call, kept). */
  readInfo(): ArxivCardInfo;
  /** The toggle's place: after this element's content, or fixed on the page when `fixed`. */
  spot: Element;
  fixed?: boolean;
  /** The listing's `<dd>`: the page run gives it the card's id and marks too (MarkedCard.twins). */
  twins?: Element[];
  /** Root is the page, not a card: not marked (MarkedCard.unmarked). */
  unmarked?: boolean;
}

const unmarked = (c: ArxivFound) => c.root.getAttribute(HOOK.id) !== c.id;
/** Whether `el` holds this paper's toggle (its host carries the id). */
const hasToggle = (el: Element, id: string) => Array.from(el.querySelectorAll(`[${HOOK.toggleHost}]`)).some((h) => h.getAttribute(HOOK.toggleHost) === id);

/** Read once, when first asked. */
function once<T>(read: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= read());
}

/** The cards of `subtree` on a page at `url` (all at once, unread: a 1,000-entry listing takes a few ms). */
export function findArxivCards(subtree: Element, url: string): ArxivFound[] {
  const doc = subtree.ownerDocument;
  switch (arxivPageKind(url)) {
    case 'listing':
      return findListingEntries(subtree)
        .map((e) => ({ id: e.id, root: e.root, heading: e.link, twins: e.body ? [e.body] : [], spot: e.root, readInfo: once(() => readListingEntry(e)) }))
        .filter(unmarked);
    case 'search':
      return findSearchResults(subtree)
        .map((e) => ({ id: e.id, root: e.root, heading: e.link, spot: e.link.parentElement ?? e.root, readInfo: once(() => readSearchResult(e)) }))
        .filter(unmarked);
    case 'abs':
    case 'alphaxiv': {
      const page = arxivPageKind(url) === 'abs' ? readAbsPage(doc, url) : readAlphaxivPage(doc, url);
      if (!page) return [];
      const { info, heading } = page;
      const readInfo = () => info;
      // The toggle goes in the title heading: while the heading holds it, the paper is handled.
      if (heading?.parentElement)
        return hasToggle(heading, info.id) ? [] : [{ id: info.id, root: heading.parentElement, heading, spot: heading, readInfo }];
      // No title heading (not rendered yet, or the site changed): a small fixed control, a stand-in
      // that the toggle by the title replaces if a heading appears; the page itself is not marked.
      if (hasToggle(doc.body, info.id)) return [];
      const main = doc.querySelector('main') ?? doc.body;
      return [{ id: info.id, root: main, heading: main, spot: doc.body, fixed: true, unmarked: true, provisional: true, readInfo }];
    }
    default:
      return [];
  }
}

export const arxivSite: SiteAdapter = {
  kind(url) {
    const k = arxivPageKind(url);
    return k === 'listing' || k === 'search' ? 'list' : k === 'none' ? 'none' : 'paper';
  },
  // Generators without steps: the adapter's shape is steps, arXiv needs none (its text is in the card).
  *find(subtree, url) {
    return findArxivCards(subtree, url);
  },
  *reader() {
    return (c) => (c as ArxivFound).readInfo();
  },
  spots: (c, url) => [{ el: (c as ArxivFound).spot, kind: (c as ArxivFound).fixed ? 'fixed' : arxivSite.kind(url) === 'list' ? 'line' : 'inline' }],
  matchText: (info) => matchText(info as ArxivCardInfo),
};

/** A card's text for the topic matcher: title and abstract, and comments, subjects, authors as keywords. */
export function matchText(info: ArxivCardInfo): MatchCard {
  const { id, title, abstract, comments, subjects = [], authors = [] } = info;
  return { id, title, abstract, keywords: [...(comments ? [comments] : []), ...subjects, ...authors].slice(0, 50) };
}
