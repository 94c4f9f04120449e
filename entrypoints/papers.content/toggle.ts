/** The save toggle: one per card, in an open shadow root so site and extension styles stay apart. */
import { HOOK } from '@/utils/hooks';

// Minified by Vite into a string (comments and spaces are not shipped).
import CSS from './toggle.css?inline';

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The shadow content of one toggle, built once per document and cloned for each card (one native
 * clone instead of a dozen createElement/setAttribute calls: 1,000 cards are a hot path):
 * `<span.wrap><span.why/><span.new>New</span><button><svg/><span/></button><span.err role=status/></span>`
 * (the "New" chip shows while the host has `data-new`: a paper never seen before this page load).
 */
const prototypes = new WeakMap<Document, Element>();
function prototypeFor(doc: Document): Element {
  let wrap = prototypes.get(doc);
  if (wrap) return wrap;
  const svg = doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  const path = doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', 'M6 3h12a1 1 0 0 1 1 1v17l-7-4-7 4V4a1 1 0 0 1 1-1z');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '2');
  path.setAttribute('stroke-linejoin', 'round');
  svg.append(path);
  wrap = doc.createElement('span');
  wrap.className = 'wrap';
  const why = doc.createElement('span');
  why.className = 'why';
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute(HOOK.save, '');
  const label = doc.createElement('span');
  button.append(svg, label);
  // Built in the "not saved" state, so that most toggles need no change after cloning.
  setButtonState(button, label, false);
  const err = doc.createElement('span');
  err.className = 'err';
  err.setAttribute('role', 'status');
  const fresh = doc.createElement('span');
  fresh.className = 'new';
  fresh.textContent = 'New';
  fresh.title = 'Not seen before this visit';
  wrap.append(why, fresh, button, err);
  prototypes.set(doc, wrap);
  return wrap;
}

function setButtonState(button: HTMLButtonElement, label: HTMLElement, saved: boolean): void {
  button.setAttribute('aria-pressed', String(saved));
  // The name starts with the visible text ("Saved"), and says what a click does.
  button.setAttribute('aria-label', saved ? 'Saved — Remove from Papershelf' : 'Save to Papershelf');
  button.title = saved ? 'Saved in Papershelf — click to remove' : 'Save to Papershelf';
  label.textContent = saved ? 'Saved' : 'Save';
}

/** What a click on a host's button does; listeners are shared, not one closure per card. */
const onToggleOf = new WeakMap<EventTarget, () => void>();
const stop = (e: Event) => e.stopPropagation();
function onButtonClick(e: Event) {
  e.preventDefault();
  onToggleOf.get(e.currentTarget!)?.();
}

let shared: CSSStyleSheet | null | undefined;

/**
 * On the host of a page that themes itself by class (html.dark; its body carries Tailwind's
 * `dark:` classes, as huggingface.co's does), so the page stylesheet follows that class and not
 * the system's preference. Set on each host when it is built, off the page: the rule it replaces,
 * `:root:not(:has(> body[class*="dark:"])) [data-papershelf-toggle]`, made every restyle of a card
 * evaluate `:has()` (setting the card hooks on a 1,000-entry arXiv listing: 152 ms of style against
 * 21 ms without it, measured in headless Chromium).
 */
export const THEME_ATTR = 'data-papershelf-theme';

/**
 * One constructed stylesheet shared by every toggle's shadow root (1,000 cards → one sheet, not
 * 1,000 <style> elements). Where adopting fails (e.g. some Firefox content-script contexts),
 * each root gets its own <style>.
 */
function adoptStyles(doc: Document, shadow: ShadowRoot): void {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(CSS);
    } catch {
      shared = null;
    }
  }
  if (shared) {
    try {
      shadow.adoptedStyleSheets = [shared];
      return;
    } catch {
      shared = null;
    }
  }
  const style = doc.createElement('style');
  style.textContent = CSS;
  shadow.append(style);
}

export interface Toggle {
  host: HTMLElement;
  setSaved(saved: boolean): void;
  setBusy(busy: boolean): void;
  setError(message: string | null): void;
  setTopics(chips: Array<{ name: string; color: string; terms: string[] }>): void;
  /**
   * The "Like your library" chip with its reason (null: none) and its "Not interested" button; or,
   * `hidden`, the chip that says the card was hidden from recommendations, with its Undo button.
   */
  setRecommended(reason: string | null, onClick?: () => void, hidden?: boolean): void;
}

/** Build a toggle. `onToggle(nextSaved)` is called on click; it must update the state itself. */
export function createToggle(doc: Document, id: string, onToggle: (wantSaved: boolean) => void): Toggle {
  const host = doc.createElement('span');
  host.setAttribute(HOOK.toggleHost, id);
  if (doc.body?.className.includes('dark:')) host.setAttribute(THEME_ATTR, 'class');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(doc, shadow);
  const wrap = prototypeFor(doc).cloneNode(true) as Element;
  shadow.append(wrap);
  const why = wrap.firstElementChild as HTMLElement;
  const button = why.nextElementSibling!.nextElementSibling as HTMLButtonElement;
  const label = button.lastElementChild as HTMLElement;
  const err = wrap.lastElementChild as HTMLElement;
  // Position: set by placement.ts where the host is mounted.

  // Keep clicks and keys from reaching the site's card handlers (links, navigation).
  for (const type of ['click', 'mousedown', 'pointerdown', 'keydown'] as const) host.addEventListener(type, stop);
  button.addEventListener('click', onButtonClick);
  onToggleOf.set(button, () => {
    if (button.getAttribute('aria-busy') !== 'true') onToggle(button.getAttribute('aria-pressed') !== 'true');
  });

  let rec: Element | undefined;
  const t: Toggle = {
    host,
    setSaved(saved) {
      if (button.getAttribute('aria-pressed') !== String(saved)) setButtonState(button, label, saved);
    },
    setBusy(busy) {
      button.setAttribute('aria-busy', String(busy));
    },
    setError(message) {
      err.textContent = message ?? '';
    },
    setTopics(chips) {
      if (!chips.length && !why.firstChild) return;
      why.replaceChildren(
        ...chips.map((c) => {
          const chip = doc.createElement('span');
          chip.className = 'chip';
          chip.style.background = c.color;
          chip.textContent = c.name;
          chip.title = `Matches topic “${c.name}”: ${c.terms.join(', ')}`;
          return chip;
        }),
      );
    },
    setRecommended(reason, onClick, hidden) {
      rec?.remove();
      rec = undefined;
      if (reason === null) return;
      rec = doc.createElement('span');
      rec.className = 'chip rec';
      rec.setAttribute('role', 'note');
      const text = hidden ? 'Hidden from recommendations' : 'Like your library';
      rec.ariaLabel = hidden ? text : `${text}: ${reason}`;
      (rec as HTMLElement).title = reason;
      const no = doc.createElement('button');
      no.textContent = hidden ? 'Undo' : '×';
      no.title = no.ariaLabel = hidden ? 'Undo' : 'Not interested';
      no.onclick = (e) => {
        e.preventDefault(); // the card may be a link
        onClick?.();
      };
      rec.append(text, no);
      why.before(rec);
    },
  };
  return t;
}
