/**
 * Where a card's toggle goes, so that it never moves the site's layout:
 * - a card with a thumbnail: over the thumbnail's top-right corner (absolutely positioned in the
 *   element that holds the thumbnail link, beside the site's own "Submitted by" badge);
 * - a card without one (search results): the card root's bottom-right corner, absolutely positioned;
 * - a single paper page: inline after the title.
 * List cards render twice (desktop and mobile copies, one hidden by CSS): the toggle goes in the copy
 * that is visible now, and moves when the viewport changes which one that is.
 */
import { paperIdFromUrl } from '@/utils/paper-id';
import { collapse } from '@/utils/text-ranges';

/** Marks an element we position the toggle in (the page stylesheet makes it a containing block). */
export const ANCHOR_ATTR = 'data-papershelf-anchor';

export type SpotKind = 'inline' | 'corner' | 'bottom';
export interface Spot {
  el: Element;
  kind: SpotKind;
}

const STYLE: Record<SpotKind, string> = {
  inline: 'display:inline-block;vertical-align:middle;margin-left:12px;',
  corner: 'position:absolute;top:8px;right:8px;z-index:2;max-width:calc(100% - 16px);',
  bottom: 'position:absolute;right:12px;bottom:10px;z-index:2;max-width:60%;',
};

/** The places this card's toggle may go (one per rendered copy), best first. */
export function spotsFor(root: Element, id: string, heading: Element, paperPage: boolean): Spot[] {
  if (paperPage) return [{ el: heading, kind: 'inline' }];
  const spots: Spot[] = [];
  for (const a of root.querySelectorAll('a[href]')) {
    // A thumbnail: a link to this paper holding an image and no text.
    if (!a.querySelector('img') || collapse(a.textContent ?? '') || paperIdFromUrl(a.getAttribute('href')!) !== id) continue;
    if (a.parentElement && a.parentElement !== root) spots.push({ el: a.parentElement, kind: 'corner' });
  }
  spots.push({ el: root, kind: 'bottom' });
  return spots;
}

const isVisible = (el: Element) =>
  typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;

/** The first visible spot, else the first one. READS layout: batch calls before writes. */
export function pickSpot(spots: Spot[]): Spot {
  return spots.find((s) => isVisible(s.el)) ?? spots[0]!;
}

export function placeHost(host: HTMLElement, spot: Spot): void {
  if (host.parentElement === spot.el) return;
  host.style.cssText = STYLE[spot.kind];
  if (spot.kind === 'corner') spot.el.setAttribute(ANCHOR_ATTR, '');
  spot.el.append(host);
}
