/**
 * Where a card's toggle goes: inside the card's title heading, floated right, so it sits beside the
 * title without moving the site's layout. List cards render the title twice (desktop and mobile
 * copies, one hidden by CSS): the toggle goes in the copy that is visible now, and moves when the
 * viewport changes which one that is.
 */
import { collapse } from '@/utils/text-ranges';

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';

const isVisible = (el: Element) =>
  typeof el.checkVisibility === 'function' ? el.checkVisibility() : el.getClientRects().length > 0;

/** The headings of `root` that carry the paper's title (its desktop and mobile copies). */
export function titleHeadings(root: Element, title: string, first: Element): Element[] {
  const out = [first];
  for (const h of root.querySelectorAll(HEADINGS)) if (h !== first && collapse(h.textContent ?? '') === title) out.push(h);
  return out;
}

/** The heading to mount in: the first visible copy, else the first one. READS layout: batch it. */
export function pickHeading(headings: Element[]): Element {
  return headings.find(isVisible) ?? headings[0]!;
}

export function placeHost(host: HTMLElement, heading: Element): void {
  if (host.parentElement !== heading) heading.prepend(host);
}
