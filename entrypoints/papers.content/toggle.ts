/** The save toggle: one per card, in an open shadow root so site and extension styles stay apart. */
import { HOOK } from '@/utils/hooks';

// Colours follow the site's theme: the page stylesheet (marks.ts) sets `color-scheme` on the host
// from `html.dark` or prefers-color-scheme, and light-dark() picks from it (inherited into the shadow).
// Each light-dark() comes after a plain light value, for browsers without it (Chrome < 123).
const CSS = `
:host { all: initial; color-scheme: light; max-width: 50%; }
@media (prefers-color-scheme: dark) { :host { color-scheme: dark; } }
/* At most half the title's width: topic chips give way, the button never. */
.wrap {
  display: flex; align-items: center; gap: 4px; max-width: 100%;
  font: 500 12px/1 system-ui, -apple-system, 'Segoe UI', sans-serif;
}
button {
  flex: none; display: inline-flex; align-items: center; gap: 4px; height: 26px; margin: 0; padding: 0 10px 0 8px;
  border-radius: 13px; font: inherit; letter-spacing: .01em; cursor: pointer;
  border: 1px solid #d1d5db;
  border: 1px solid light-dark(#d1d5db, #374151);
  background: #fff;
  background: light-dark(#fff, #111827);
  color: #374151;
  color: light-dark(#374151, #e5e7eb);
  box-shadow: 0 1px 2px rgb(0 0 0 / .06);
  box-shadow: 0 1px 2px light-dark(rgb(0 0 0 / .06), rgb(0 0 0 / .4));
  transition: background-color .12s, border-color .12s, color .12s;
}
button:hover {
  border-color: #8b5cf6;
  border-color: light-dark(#8b5cf6, #a78bfa);
  color: #5b21b6;
  color: light-dark(#5b21b6, #ddd6fe);
}
button:focus-visible {
  outline: 2px solid #6d28d9;
  outline: 2px solid light-dark(#6d28d9, #a78bfa);
  outline-offset: 2px;
}
/* Saved: solid violet, white text, filled bookmark (7:1 light, 5.7:1 dark). */
button[aria-pressed="true"] {
  color: #fff;
  background: #6d28d9;
  background: light-dark(#6d28d9, #7c3aed);
  border-color: #6d28d9;
  border-color: light-dark(#6d28d9, #8b5cf6);
}
button[aria-pressed="true"]:hover {
  color: #fff;
  background: #5b21b6;
  background: light-dark(#5b21b6, #6d28d9);
}
button[aria-pressed="true"] path { fill: currentColor; }
button[aria-busy="true"] { opacity: .6; cursor: progress; }
svg { width: 13px; height: 13px; flex: none; }
/* Topic chips, whole or not at all: one row; chips that do not fit wrap onto hidden rows (the empty
   ::before keeps the first row from taking a chip too wide for it). */
.why {
  flex: 0 1 auto; min-width: 0; max-width: 240px; height: 17px; overflow: hidden;
  display: flex; flex-wrap: wrap; justify-content: flex-end; gap: 0 3px;
}
.why::before { content: ''; height: 17px; }
.why:empty { display: none; }
.chip {
  flex: none; white-space: nowrap; padding: 3px 6px; border-radius: 9px; color: #fff; font-size: 11px; line-height: 1;
  text-shadow: 0 0 2px rgb(0 0 0 / .45); box-shadow: inset 0 0 0 1px rgb(0 0 0 / .12);
}
.err {
  flex: 0 1 auto; min-width: 0; max-width: 200px; font-size: 11px; line-height: 1.3;
  color: #b91c1c;
  color: light-dark(#b91c1c, #fca5a5);
}
@media (forced-colors: active) {
  button { border-color: ButtonText; }
  button[aria-pressed="true"] { background: Highlight; color: HighlightText; border-color: Highlight; }
}
`;

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * The shadow content of one toggle, built once per document and cloned for each card (one native
 * clone instead of a dozen createElement/setAttribute calls: 1,000 cards are a hot path):
 * `<span.wrap><span.why/><button><svg/><span/></button><span.err role=status/></span>`.
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
  wrap.append(why, button, err);
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
}

/** Build a toggle. `onToggle(nextSaved)` is called on click; it must update the state itself. */
export function createToggle(doc: Document, id: string, onToggle: (wantSaved: boolean) => void): Toggle {
  const host = doc.createElement('span');
  host.setAttribute(HOOK.toggleHost, id);
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(doc, shadow);
  const wrap = prototypeFor(doc).cloneNode(true) as Element;
  shadow.append(wrap);
  const why = wrap.firstElementChild as HTMLElement;
  const button = why.nextElementSibling as HTMLButtonElement;
  const label = button.lastElementChild as HTMLElement;
  const err = wrap.lastElementChild as HTMLElement;
  // Position: set by placement.ts where the host is mounted.

  // Keep clicks and keys from reaching the site's card handlers (links, navigation).
  for (const type of ['click', 'mousedown', 'pointerdown', 'keydown'] as const) host.addEventListener(type, stop);
  button.addEventListener('click', onButtonClick);
  onToggleOf.set(button, () => {
    if (button.getAttribute('aria-busy') !== 'true') onToggle(button.getAttribute('aria-pressed') !== 'true');
  });

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
  };
  return t;
}
