/**
 * Where a card's toggle goes, so that it never moves the site's layout:
 * - a card with a thumbnail: over the thumbnail's top-right corner (absolutely positioned in the
 *   element that holds the thumbnail link, beside the site's own "Submitted by" badge);
 * - a card without one (search results): the card root's bottom-right corner, absolutely positioned;
 * - a single paper page: inline after the title;
 * - an entry of a long list of lines (arXiv): at the end of its line, out of flow.
 * List cards render twice (desktop and mobile copies, one hidden by CSS): the toggle goes in the copy
 * that is visible now, and moves when the viewport changes which one that is.
 */
import { paperIdFromUrl } from '@/utils/detection/paper-id';
import { collapse } from '@/utils/text-ranges';

/** Marks an element we position the toggle in absolutely (the page stylesheet makes it a containing block). */
export const ANCHOR_ATTR = 'data-papershelf-anchor';

export type SpotKind = 'inline' | 'line' | 'corner' | 'bottom' | 'fixed';
export interface Spot {
  el: Element;
  kind: SpotKind;
}

// No z-index: the host is its spot's last child, so it paints above the thumbnail and the site's
// badge anyway, and 1,000 stacking contexts made the frame that shows them longer.
const STYLE: Record<SpotKind, string> = {
  inline: 'display:inline-block;vertical-align:middle;margin-left:12px;',
  // At the end of a line of a long list (arXiv entries), out of flow at its static position (no
  // insets: no containing block of ours needed), centred on an ~18 px line. An in-flow toggle made
  // every reveal re-lay out the list, and its pre-paint walked the whole page: ~30 ms a frame on a
  // 1,000-entry listing, against ~5 ms out of flow (measured in headless Chromium).
  line: 'position:absolute;margin:-4px 0 0 10px;',
  corner: 'position:absolute;top:8px;right:8px;max-width:calc(100% - 16px);',
  bottom: 'position:absolute;right:12px;bottom:10px;max-width:60%;',
  // A page with no place for it (alphaXiv without a title heading): a small control in the corner.
  fixed: 'position:fixed;top:12px;right:12px;z-index:2147483000;',
};

/** The places this card's toggle may go (one per rendered copy), best first. */
export function spotsFor(root: Element, id: string, heading: Element, paperPage: boolean): Spot[] {
  if (paperPage) return [{ el: heading, kind: 'inline' }];
  const spots: Spot[] = [];
  const links = new Set<Element>();
  for (const img of root.getElementsByTagName('img')) {
    // A thumbnail: a link to this paper holding an image and no text.
    const a = img.closest('a[href]');
    if (!a || links.has(a) || !root.contains(a)) continue;
    links.add(a);
    if (paperIdFromUrl(a.getAttribute('href')!) !== id || collapse(a.textContent ?? '')) continue;
    if (a.parentElement && a.parentElement !== root) spots.push({ el: a.parentElement, kind: 'corner' });
  }
  spots.push({ el: root, kind: 'bottom' });
  return spots;
}

/** Where each host was placed: its style without `display:none`. */
const placed = new WeakMap<HTMLElement, string>();

export function showHost(host: HTMLElement): void {
  if (host.style.display === 'none') host.style.cssText = placed.get(host) ?? '';
}

const isVisible = (el: Element) =>
  typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;

/** The first visible spot, else the first one. READS layout: batch calls before writes. */
export function pickSpot(spots: Spot[]): Spot {
  return spots.find((s) => isVisible(s.el)) ?? spots[0]!;
}

/** Put the host in `spot` (kept hidden if it is: see reveal.ts). */
export function placeHost(host: HTMLElement, spot: Spot, hidden = host.style.display === 'none'): void {
  if (host.parentElement === spot.el) return;
  placed.set(host, STYLE[spot.kind]);
  host.style.cssText = STYLE[spot.kind] + (hidden ? 'display:none;' : '');
  // Only the element holding an absolutely placed toggle becomes a containing block: styling every
  // card root so restyled 2,000 elements of an arXiv listing in one ~300 ms recalculation.
  if (spot.kind === 'corner' || spot.kind === 'bottom') spot.el.setAttribute(ANCHOR_ATTR, '');
  spot.el.append(host);
}
