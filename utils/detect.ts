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
import type { CardInfo } from './types';
import { HOOK } from './hooks';
import { normaliseId, paperIdFromUrl } from './paper-id';
import { ABSTRACT_MIN_CHARS, HEADING_SELECTOR, SITE_SECTIONS, pageKind, paperPageId } from './site';

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
type Heading = { el: Element; rank: number; id: string | null };

const DEFAULT_BASE = 'https://huggingface.co/';

/** Whitespace runs → one space, trimmed (only runs and non-space whitespace are rewritten). */
const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s{2,}|[^\S ]/g, ' ').trim();

/** "-" → 0, "12" → 12, "1.52k" → 1520, "2.1M" → 2100000, "1,234" → 1234; anything else → undefined. */
export function parseCount(s: string): number | undefined {
  const t = s.trim().replace(/,/g, '');
  if (t === '-' || t === '—' || t === '–') return 0;
  const m = /^(\d+(?:\.\d+)?)\s*([kKmMbB]?)$/.exec(t);
  if (!m) return undefined;
  const mult = { '': 1, k: 1e3, m: 1e6, b: 1e9 }[m[2]!.toLowerCase() as '' | 'k' | 'm' | 'b'];
  return Math.round(Number(m[1]) * mult);
}

function headingRank(el: Element): number {
  const m = /^H([1-6])$/.exec(el.tagName.toUpperCase());
  if (m) return Number(m[1]);
  const level = Number(el.getAttribute('aria-level'));
  return Number.isInteger(level) && level > 0 ? level : 2; // ARIA default for role=heading
}

/** `el.closest('a[href]')`, without a selector engine (hot path). */
function closestLink(el: Element): Element | null {
  for (let p: Element | null = el; p; p = p.parentElement) {
    if (p.localName === 'a' && p.hasAttribute('href')) return p;
  }
  return null;
}

// The common case, parsed without URL: `/papers/2506.13000`.
const RELATIVE_PAPER = /^\/papers\/(\d{4}\.\d{4,5}(?:v\d+)?)$/;

/** The link that makes `heading` a paper heading: a hash-less link to /papers/<id> in or around it. */
function headingLink(heading: Element, base: string): { link: Element; id: string } | null {
  const outer = closestLink(heading);
  const links = outer ? [outer] : Array.from(heading.getElementsByTagName('a'));
  for (const link of links) {
    const href = link.getAttribute('href');
    if (href === null || href.includes('#')) continue;
    const fast = RELATIVE_PAPER.exec(href);
    const id = fast ? normaliseId(fast[1]!) : paperIdFromUrl(href, base);
    if (id) return { link, id };
  }
  return null;
}

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
      const id = headingLink(other, base)?.id ?? null;
      if (id && id !== h.id) return 'card';
      if (!id && headingRank(other) <= h.rank) result = 'section';
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
  if (stop !== 'card' && cur !== h.el && cur.childElementCount === 1 && collapse(ownText(cur)) === '') {
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

function collectHeadings(root: ParentNode, base: string): Heading[] {
  const els = Array.from(root.querySelectorAll(HEADING_SELECTOR));
  const self = (root as Element).closest?.(HEADING_SELECTOR);
  if (self) els.unshift(self);
  return els.map((el) => ({ el, rank: headingRank(el), id: headingLink(el, base)?.id ?? null }));
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

/**
 * Card roots in `root` (a document or a newly added subtree), in page order, one per card root,
 * without reading them (cheap: the content script reads each card later, in time slices). The same
 * paper shown in two regions (search results and a "Trending Papers" block) gives two cards.
 */
export function findCards(root: ParentNode, opts: DetectOptions): FoundCard[] {
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

  const headings = collectHeadings(root, base);
  const agg = aggregate(headings, root);
  for (const h of headings) {
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
  const h: Heading = { el, rank: headingRank(el), id: headingLink(el, baseUrl)?.id ?? null };
  return climb(h, el, new Map(), baseUrl);
}

interface Parts {
  ps: Element[];
  links: Element[];
  imgs: Element[];
  checkbox?: Element;
}

const PARTS_SELECTOR = 'p,a[href],img[src],[role="checkbox"],input[type="checkbox"]';

/** One query for everything extraction reads (cheaper than one query per field). */
function scan(root: Element): Parts {
  const parts: Parts = { ps: [], links: [], imgs: [] };
  for (const el of Array.from(root.querySelectorAll(PARTS_SELECTOR))) {
    const tag = el.localName;
    if (tag === 'p') parts.ps.push(el);
    else if (tag === 'a') parts.links.push(el);
    else if (tag === 'img') parts.imgs.push(el);
    else if (!parts.checkbox) parts.checkbox = tag === 'input' ? (el.parentElement ?? undefined) : el;
  }
  return parts;
}

/** Longest paragraph text other than the title; only the winner is whitespace-collapsed. */
function longestParagraph(ps: Element[], title: string): string | undefined {
  const texts = ps.map((p) => p.textContent ?? '').sort((a, b) => b.length - a.length);
  for (const raw of texts) {
    if (raw.length < ABSTRACT_MIN_CHARS) break;
    const t = collapse(raw);
    if (t.length >= ABSTRACT_MIN_CHARS && t !== title) return t;
  }
  return undefined;
}

// `/<segment>` on this site, relative or absolute, no query or fragment.
const SINGLE_SEGMENT = /^(?:https?:\/\/(?:www\.)?huggingface\.co)?\/([^/?#]+)\/?$/i;

/** Text of the first link to a single-segment path that is not a site section (`/meta-llama`). */
function organization(links: Element[]): string | undefined {
  for (const a of links) {
    const seg = SINGLE_SEGMENT.exec(a.getAttribute('href')!.trim())?.[1];
    if (!seg || SITE_SECTIONS.has(seg.toLowerCase())) continue;
    const text = collapse(a.textContent) || collapse(a.getElementsByTagName('img')[0]?.getAttribute('alt'));
    return text || seg;
  }
  return undefined;
}

/** The upvote control is the card's checkbox; its count is the last word of its text. */
function upvotes(checkbox: Element | undefined): number | undefined {
  const m = /(\S+)$/.exec(collapse(checkbox?.textContent));
  return m ? parseCount(m[1]!) : undefined;
}

/** An image whose src names the paper, else the image of a text-less link to the paper. */
function thumbnail(imgs: Element[], id: string, base: string): string | undefined {
  const img =
    imgs.find((i) => i.getAttribute('src')!.includes(id)) ??
    imgs.find((i) => {
      const a = closestLink(i);
      return a !== null && collapse(a.textContent) === '' && paperIdFromUrl(a.getAttribute('href')!, base) === id;
    });
  if (!img) return undefined;
  try {
    const u = new URL(img.getAttribute('src')!, base);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Set the fields of `info` still missing from what `parts` shows. */
function fill(info: CardInfo, parts: Parts, base: string): void {
  info.abstract ??= longestParagraph(parts.ps, info.title);
  info.organization ??= organization(parts.links);
  info.upvotes ??= upvotes(parts.checkbox);
  info.thumbnail ??= thumbnail(parts.imgs, info.id, base);
  for (const k of ['abstract', 'organization', 'upvotes', 'thumbnail'] as const) {
    if (info[k] === undefined) delete info[k];
  }
}

/** What a card shows, read with textContent. `heading` defaults to the first heading for `id`. */
export function extractCard(
  root: Element,
  id: string,
  opts: { heading?: Element; baseUrl?: string } = {},
): CardInfo {
  const base = opts.baseUrl ?? DEFAULT_BASE;
  const heading =
    opts.heading ??
    Array.from(root.querySelectorAll(HEADING_SELECTOR)).find((h) => headingLink(h, base)?.id === id) ??
    root.querySelector('h1');
  const link = heading && !closestLink(heading) ? headingLink(heading, base)?.link : undefined;
  const title = collapse((link ?? heading)?.textContent);
  const info: CardInfo = { id, title };
  // Cards render the paper twice (desktop and mobile): read the heading's own copy, then let the
  // whole card fill whatever that copy lacks.
  let copy: Element = heading ?? root;
  while (copy.parentElement && copy.parentElement !== root) copy = copy.parentElement;
  if (copy.parentElement !== root || copy === heading) copy = root;
  fill(info, scan(copy), base);
  if (copy !== root && (!info.abstract || !info.organization || info.upvotes === undefined || !info.thumbnail)) {
    fill(info, scan(root), base);
  }
  return info;
}
