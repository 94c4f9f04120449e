/**
 * Reading a card: what it shows (title, abstract, organization, upvotes, thumbnail), with
 * textContent only. Pure DOM.
 */
import type { CardInfo } from '../types';
import { closestLink, headingLink } from './card-headings';
import { paperIdFromUrl } from './paper-id';
import { ABSTRACT_MIN_CHARS, HEADING_SELECTOR, SITE_SECTIONS } from './site';

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
export function longestParagraph(ps: Element[], title: string): string | undefined {
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
