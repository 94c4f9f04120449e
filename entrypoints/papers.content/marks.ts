/**
 * Topic marks on the page: `data-papershelf-*` attributes on card roots, painted by one injected
 * stylesheet; matched words highlighted with the CSS Custom Highlight API (no DOM rewriting).
 */
import { HOOK } from '@/utils/hooks';
import { ANCHOR_ATTR } from './placement';
import type { CardMatch as TopicMatch } from '@/utils/protocol/messages';
import type { DisplayMode } from '@/utils/types';

export const STYLE_ID = 'papershelf-page-style';
/** The "N papers hidden" bar's host. */
export const BAR_ATTR = 'data-papershelf-bar';

/**
 * Our in-page UI follows the site's theme. huggingface.co themes with Tailwind's `dark` class on
 * <html> (its body carries `dark:` utilities): there the class alone decides, so a user who chose
 * the light theme on a dark system gets light toggles. Pages without class theming follow
 * prefers-color-scheme.
 */

/** Chrome 133+ colours rings from the card's own attribute (page.css); others need a stylesheet. */
const attrColors = () => typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('x: attr(x type(*))');

/**
 * The run-time page stylesheet where `attr()` cannot colour the rings: each topic colour as a rule.
 * The ring is set directly (box-shadow does not inherit), not through an inherited custom property:
 * that restyled every element inside 1,000 coloured cards (~150 ms) instead of the 1,000 cards.
 */
export function pageCss(topics: ReadonlyArray<{ color: string }>): string {
  return [...new Set(topics.map((t) => t.color.toLowerCase()))]
    .filter((c) => /^#[0-9a-f]{6}$/.test(c)) // the background validates colours; a selector is no place to trust one
    .map((c) => `[data-papershelf-id][data-papershelf-topics][data-papershelf-color="${c}"] { box-shadow: 0 0 0 2px ${c} !important; }`)
    .join('\n');
}

/**
 * Adding a stylesheet restyles the whole page (~100 ms on a 1,000-card page), so where page.css
 * can colour rings by itself (Chrome) none is added.
 */
export function installPageStyle(doc: Document, topics: ReadonlyArray<{ color: string }>): void {
  if (attrColors()) return;
  const css = pageCss(topics);
  let style = doc.getElementById(STYLE_ID);
  if (style?.textContent === css) return;
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    (doc.head ?? doc.documentElement).append(style);
  }
  style.textContent = css;
}

export function removePageStyle(doc: Document): void {
  doc.getElementById(STYLE_ID)?.remove();
}

/** Set (or clear) the topic and display-mode attributes of one card root. */
export function markCard(root: Element, matches: TopicMatch[], mode: DisplayMode, anyTopics: boolean, revealHidden: boolean, dimSeen = false): void {
  if (matches.length) {
    root.setAttribute(HOOK.topics, matches.map((m) => m.name).join(','));
    root.setAttribute('data-papershelf-color', matches[0]!.color.toLowerCase());
  } else {
    root.removeAttribute(HOOK.topics);
    root.removeAttribute('data-papershelf-color');
  }
  const off = !matches.length && anyTopics;
  toggleAttr(root, HOOK.dimmed, (off && (mode === 'dim' || (mode === 'hide' && revealHidden))) || (dimSeen && root.hasAttribute(HOOK.seen)));
  toggleAttr(root, HOOK.hidden, off && mode === 'hide' && !revealHidden);
}

export function unmarkCard(root: Element): void {
  for (const a of [HOOK.id, HOOK.topics, HOOK.dimmed, HOOK.hidden, HOOK.fresh, HOOK.seen, HOOK.recommended, 'data-papershelf-color', ANCHOR_ATTR]) root.removeAttribute(a);
  for (const el of root.querySelectorAll(`[${ANCHOR_ATTR}]`)) el.removeAttribute(ANCHOR_ATTR);
}

function toggleAttr(el: Element, name: string, on: boolean) {
  if (on) {
    if (!el.hasAttribute(name)) el.setAttribute(name, '');
  } else if (el.hasAttribute(name)) el.removeAttribute(name);
}

/** The "N papers hidden — show" bar, so nothing is hidden silently. */
export function hiddenBar(doc: Document, onShow: () => void): { el: HTMLElement; set(n: number, revealed: boolean): void } {
  const el = doc.createElement('div');
  el.setAttribute(BAR_ATTR, '');
  el.style.cssText = 'position:fixed;bottom:16px;left:50%;transform:translateX(-50%);z-index:2147483000;';
  const shadow = el.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = `div{font:13px system-ui,sans-serif;background:#1f2937;color:#fff;padding:8px 12px;border-radius:10px;display:flex;gap:10px;align-items:center;box-shadow:0 4px 12px rgb(0 0 0/.25)}button{font:inherit;background:#7c3aed;color:#fff;border:0;border-radius:6px;padding:4px 10px;cursor:pointer}button:focus-visible{outline:2px solid #fff}`;
  const box = doc.createElement('div');
  box.setAttribute('role', 'status');
  const text = doc.createElement('span');
  const button = doc.createElement('button');
  button.type = 'button';
  button.addEventListener('click', onShow);
  box.append(text, button);
  shadow.append(style, box);
  return {
    el,
    set(n, revealed) {
      el.hidden = n === 0;
      text.textContent = `${n} paper${n === 1 ? '' : 's'} ${revealed ? 'not matching your topics' : 'hidden by Papershelf topics'}`;
      button.textContent = revealed ? 'Hide again' : 'Show';
    },
  };
}
