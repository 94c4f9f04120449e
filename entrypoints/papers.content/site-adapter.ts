/**
 * What the page run needs to know about a site: how to find its cards, read them and where their
 * toggle goes. huggingface.co/papers is the one site today; another (arXiv listings) is another
 * adapter, with the same card stream, saved state and page run.
 */
import { extractCard } from '@/utils/detection/card-extract';
import { findCardsInSteps, type FoundCard as DetectedCard } from '@/utils/detection/detect';
import { readHydrationInSteps } from '@/utils/detection/hydration';
import { compact } from '@/utils/fields';
import { pageKind } from '@/utils/detection/site';
import type { MatchCard } from '@/utils/protocol/messages';
import type { CardInfo } from '@/utils/types';
import { spotsFor, type Spot } from './placement';

/** A card an adapter found. */
export interface FoundCard extends DetectedCard {
  /**
   * A stand-in: the page has no place for this paper's toggle yet (alphaXiv before its title
   * renders), so it is a small fixed control. A card found later for the same id replaces it, so
   * the paper keeps one toggle.
   */
  provisional?: boolean;
}

export interface SiteAdapter {
  /** 'paper': a single paper's page (its toggle sits inline and follows no viewport change); 'none': no cards. */
  kind(url: string): 'list' | 'paper' | 'none';
  /** The cards in a subtree not handled yet (their root has no data-papershelf-id for their id; on arXiv/alphaXiv paper pages: no toggle by the title yet), in steps. */
  find(subtree: Element, url: string): Generator<void, FoundCard[]>;
  /** Steps to run once before cards are read (the page's own data); gives the card reader. */
  reader(doc: Document, url: string): Generator<void, (card: FoundCard) => CardInfo>;
  /** Where the card's toggle may go, one spot per rendered copy, best first. */
  spots(card: FoundCard, url: string): Spot[];
  /** The card's text for the topic matcher, when it is not title, abstract, AI keywords and organisation. */
  matchText?(info: CardInfo): MatchCard;
}

export const huggingFace: SiteAdapter = {
  kind: pageKind,
  find: (subtree, url) => findCardsInSteps(subtree, { pageUrl: url, skipMarked: true }),
  *reader(doc, url) {
    // Keep what the card's DOM lacks (authors, keywords, dates), not the abstracts: a card is
    // matched on the abstract it shows, and 1,000 abstracts held for the page's life cost megabytes.
    const hydration = yield* readHydrationInSteps(doc, { abstracts: false });
    return (c) => ({ ...hydration.get(c.id), ...compact(extractCard(c.root, c.id, { heading: c.heading, baseUrl: url })) }) as CardInfo;
  },
  spots: (c, url) => spotsFor(c.root, c.id, c.heading, pageKind(url) === 'paper'),
};
