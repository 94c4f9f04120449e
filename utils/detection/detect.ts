/**
 * Structural card detection on huggingface.co papers pages. Pure DOM: no window, no location.
 *
 * A card is found from its *heading*: an h1–h6 or [role=heading] holding a link to
 * /papers/<arxiv id> (or sitting inside one). From the heading we climb while the ancestor holds no
 * heading for another paper and no section heading of the same or higher rank (the list's own
 * title); the highest such ancestor is the card root, so the desktop and mobile copies of one paper
 * share a root. When the climb ended at a section heading or the page edge rather than at a sibling
 * card, the card is alone in its list: if the top element has a single child element it is the list
 * container, and its child is the card. Class names and tag names other than headings play no part.
 */
import { runSteps } from './steps';
import type { CardInfo } from '../types';
import { extractCard, longestParagraph } from './card-extract';
import { headingElements, toHeading, type Heading } from './card-headings';
import { HOOK } from '../hooks';
import { HEADING_SELECTOR, pageKind, paperPageId } from './site';

export interface DetectedCard {
  root: Element;
  /** The title heading; the toggle is mounted next to it. */
  heading: Element;
  info: CardInfo;
}

export interface DetectOptions {
  pageUrl: string;
  /** Leave out cards whose root already carries data-papershelf-id for the same id. */
  skipMarked?: boolean;
}

const MIXED = Symbol('mixed');
interface Agg {
  id: string | typeof MIXED | null;
  /** Lowest rank (h1 = 1) among non-paper headings inside. */
  sectionRank: number;
}

const DEFAULT_BASE = 'https://huggingface.co/';

const isBoundary = (el: Element) =>
  /^(BODY|HTML|MAIN)$/i.test(el.tagName) || el.getAttribute('role') === 'main';

/**
 * Does `el`, an ancestor outside the scanned subtree reached from its child `from`, hold another
 * card or a section heading for `h`? Only the other children are searched; a sibling card ends it.
 */
function blockerIn(el: Element, from: Element, h: Heading, base: string): 'card' | 'section' | null {
  let result: 'section' | null = null;
  for (let sib = el.firstElementChild; sib; sib = sib.nextElementSibling) {
    if (sib === from) continue;
    const found = Array.from(sib.querySelectorAll(HEADING_SELECTOR));
    if (sib.matches(HEADING_SELECTOR)) found.unshift(sib);
    for (const other of found) {
      const o = toHeading(other, base);
      if (o.id && o.id !== h.id) return 'card';
      if (!o.id && o.rank <= h.rank) result = 'section';
    }
  }
  return result;
}

/** Nearest element grouping the heading and every copy of it, below any other card or section. */
function climb(h: Heading, scope: ParentNode, agg: Map<Element, Agg>, base: string): Element {
  let cur = h.el;
  let stop: 'card' | 'section' | 'edge' = 'edge';
  for (let p = cur.parentElement; p && !isBoundary(p); p = p.parentElement) {
    const a = agg.get(p);
    const block = a
      ? a.id === MIXED ? 'card' : a.sectionRank <= h.rank ? 'section' : null
      : scope.contains(p) ? null : blockerIn(p, cur, h, base);
    if (block) {
      stop = block;
      break;
    }
    cur = p;
  }
  // Stopped by a section heading or the page edge, not by a sibling card: the card is alone in its
  // list, and `cur` may be the list container. Step down to its only item (one level).
  if (stop !== 'card' && cur !== h.el && cur.childElementCount === 1 && ownText(cur).trim() === '') {
    cur = cur.firstElementChild!;
  }
  return cur;
}

/** Text directly inside `el`, not in its children. */
function ownText(el: Element): string {
  let s = '';
  for (const n of Array.from(el.childNodes)) if (n.nodeType === 3) s += n.nodeValue;
  return s;
}

/** Record, for every ancestor up to `scope`, which paper ids and section ranks it contains. */
function aggregate(headings: Heading[], scope: ParentNode): Map<Element, Agg> {
  const agg = new Map<Element, Agg>();
  for (const h of headings) {
    if (!scope.contains(h.el)) continue; // the heading around a root that sits inside it
    for (let a = h.el.parentElement; a; a = a.parentElement) {
      const cur = agg.get(a);
      if (!cur) agg.set(a, { id: h.id, sectionRank: h.id ? Infinity : h.rank });
      else if (h.id && cur.id !== h.id && cur.id !== MIXED) cur.id = cur.id === null ? h.id : MIXED;
      else if (!h.id && h.rank < cur.sectionRank) cur.sectionRank = h.rank;
      else break; // nothing changed here, so nothing changes above
      if (a === scope) break;
    }
  }
  return agg;
}

/** The single paper page's main card: the h1 and the nearest ancestor that also holds the abstract. */
function paperPageCard(root: ParentNode, id: string): FoundCard | null {
  const h1 = (root as Element).matches?.('h1') ? (root as Element) : root.querySelector('h1');
  if (!h1) return null;
  let cardRoot = h1.parentElement ?? h1;
  for (let p = h1.parentElement; p && !isBoundary(p); p = p.parentElement) {
    if (longestParagraph(Array.from(p.getElementsByTagName('p')), '') !== undefined) {
      cardRoot = p;
      break;
    }
  }
  return { root: cardRoot, heading: h1, id };
}

/** A card found but not read yet: `extractCard(root, id, { heading })` reads it. */
export interface FoundCard {
  root: Element;
  heading: Element;
  id: string;
}

/** Headings handled between two yields of `findCardsInSteps` (~2 ms of work). */
const STEP = 200;

/**
 * Card roots in `root` (a document or a newly added subtree), in page order, one per card root,
 * without reading them (cheap: the content script reads each card later, in time slices). The same
 * paper shown in two regions (search results and a "Trending Papers" block) gives two cards.
 */
export function findCards(root: ParentNode, opts: DetectOptions): FoundCard[] {
  return runSteps(findCardsInSteps(root, opts));
}

/**
 * `findCards` as a generator that yields every few hundred headings, so a caller can pause between
 * steps (a 1,000-card page takes ~30 ms in all). The page must not change between steps.
 */
export function* findCardsInSteps(root: ParentNode, opts: DetectOptions): Generator<void, FoundCard[]> {
  const kind = pageKind(opts.pageUrl);
  if (kind === 'none') return [];
  const base = opts.pageUrl;
  const cards: FoundCard[] = [];
  const seen = new Set<Element>();

  let mainRoot: Element | undefined;
  if (kind === 'paper') {
    const id = paperPageId(opts.pageUrl, (root as Node).ownerDocument ?? root);
    const main = id ? paperPageCard(root, id) : null;
    if (main) {
      mainRoot = main.root;
      seen.add(main.root);
      cards.push(main);
    }
  }

  const els = headingElements(root);
  yield;
  const headings: Heading[] = [];
  for (let i = 0; i < els.length; i++) {
    if (i && i % STEP === 0) yield;
    headings.push(toHeading(els[i]!, base));
  }
  const agg = aggregate(headings, root);
  yield;
  for (let i = 0; i < headings.length; i++) {
    if (i && i % STEP === 0) yield;
    const h = headings[i]!;
    if (!h.id || mainRoot?.contains(h.el)) continue;
    const cardRoot = climb(h, root, agg, base);
    if (seen.has(cardRoot)) continue;
    seen.add(cardRoot);
    cards.push({ root: cardRoot, heading: h.el, id: h.id });
  }
  return opts.skipMarked ? cards.filter((c) => c.root.getAttribute(HOOK.id) !== c.id) : cards;
}

/** `findCards`, each card read: what it shows (title, abstract, organization, upvotes, thumbnail). */
export function detectCards(root: ParentNode, opts: DetectOptions): DetectedCard[] {
  return findCards(root, opts).map((c) => ({ root: c.root, heading: c.heading, info: extractCard(c.root, c.id, { heading: c.heading, baseUrl: opts.pageUrl }) }));
}

/** Card root for a heading link (or the heading itself), computed from the whole document. */
export function findCardRoot(link: Element, baseUrl = DEFAULT_BASE): Element {
  const el = link.closest(HEADING_SELECTOR) ?? link;
  return climb(toHeading(el, baseUrl), el, new Map(), baseUrl);
}

