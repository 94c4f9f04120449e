/** The save toggle: one per card, in an open shadow root so site and extension styles stay apart. */
import { HOOK } from '@/utils/hooks';

const CSS = `
:host { all: initial; }
.wrap { display: inline-flex; align-items: center; gap: 4px; font: 500 12px/1 system-ui, sans-serif; }
button {
  display: inline-flex; align-items: center; gap: 4px; height: 26px; padding: 0 9px 0 7px; cursor: pointer;
  border-radius: 13px; border: 1px solid #d1d5db; background: #fff; color: #374151; font: inherit;
  box-shadow: 0 1px 2px rgb(0 0 0 / .06);
}
button:hover { border-color: #8b5cf6; color: #5b21b6; }
button:focus-visible { outline: 2px solid #7c3aed; outline-offset: 2px; }
button[aria-pressed="true"] { background: #6d28d9; border-color: #6d28d9; color: #fff; }
button[aria-busy="true"] { opacity: .6; cursor: progress; }
svg { width: 13px; height: 13px; flex: none; }
button[aria-pressed="true"] path { fill: currentColor; }
.why { display: inline-flex; gap: 3px; max-width: 240px; overflow: hidden; flex-wrap: wrap; justify-content: flex-end; }
.chip { padding: 3px 6px; border-radius: 9px; color: #fff; white-space: nowrap; font-size: 11px; }
.err { color: #b91c1c; font-size: 11px; max-width: 200px; }
@media (prefers-color-scheme: dark) {
  button { background: #111827; color: #e5e7eb; border-color: #374151; }
  button[aria-pressed="true"] { background: #7c3aed; border-color: #7c3aed; }
  .err { color: #fca5a5; }
}
`;

const SVG_NS = 'http://www.w3.org/2000/svg';

function bookmarkIcon(doc: Document): SVGElement {
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
  return svg;
}

export interface Toggle {
  host: HTMLElement;
  setSaved(saved: boolean): void;
  setBusy(busy: boolean): void;
  setError(message: string | null): void;
  setTopics(chips: Array<{ name: string; color: string; terms: string[] }>): void;
}

/** Build a toggle. `onToggle(nextSaved)` is called on click; it must update the state itself. */
export function createToggle(doc: Document, id: string, inline: boolean, onToggle: (wantSaved: boolean) => void): Toggle {
  const host = doc.createElement('span');
  host.setAttribute(HOOK.toggleHost, id);
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const wrap = doc.createElement('span');
  wrap.className = 'wrap';
  const why = doc.createElement('span');
  why.className = 'why';
  const button = doc.createElement('button');
  button.type = 'button';
  button.setAttribute(HOOK.save, '');
  const label = doc.createElement('span');
  button.append(bookmarkIcon(doc), label);
  const err = doc.createElement('span');
  err.className = 'err';
  err.setAttribute('role', 'status');
  wrap.append(why, button, err);
  shadow.append(style, wrap);
  // List cards: floated right inside the title heading. Paper page: inline after the title.
  host.style.cssText = inline
    ? 'display:inline-block;vertical-align:middle;margin-left:12px;'
    : 'float:right;margin:0 0 4px 12px;position:relative;z-index:1;';

  // Keep clicks and keys from reaching the site's card handlers (links, navigation).
  for (const type of ['click', 'mousedown', 'pointerdown', 'keydown'] as const)
    host.addEventListener(type, (e) => e.stopPropagation());
  button.addEventListener('click', (e) => {
    e.preventDefault();
    if (button.getAttribute('aria-busy') === 'true') return;
    onToggle(button.getAttribute('aria-pressed') !== 'true');
  });

  const t: Toggle = {
    host,
    setSaved(saved) {
      button.setAttribute('aria-pressed', String(saved));
      button.setAttribute('aria-label', saved ? 'Remove from Papershelf' : 'Save to Papershelf');
      button.title = saved ? 'Saved in Papershelf — click to remove' : 'Save to Papershelf';
      label.textContent = saved ? 'Saved' : 'Save';
    },
    setBusy(busy) {
      button.setAttribute('aria-busy', String(busy));
    },
    setError(message) {
      err.textContent = message ?? '';
    },
    setTopics(chips) {
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
  t.setSaved(false);
  return t;
}
