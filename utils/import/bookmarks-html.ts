/**
 * Netscape bookmark file (every browser, Raindrop, Pinboard) → papers. Parsed with an inert
 * `DOMParser` document: nothing in it runs, loads, or reaches a live page.
 *
 * Tags are the `TAGS` attribute plus the name of every enclosing folder, except browser root
 * folders (`PERSONAL_TOOLBAR_FOLDER` / `UNFILED_BOOKMARKS_FOLDER`) and an outermost folder named
 * "Papershelf" (the wrapper our exporter writes).
 */
import { paperIdFromUrl } from '../detection/paper-id';
import { oneLine } from '../fields';
import { combineDuplicates, loosePaper } from './loose';
import type { ParseOutput } from './validate';

type DomParserCtor = new () => DOMParser;

/** Unix seconds (or milliseconds / microseconds, which some tools write) → ISO. */
function stamp(v: string | null): string | undefined {
  if (!v || !/^\d{1,17}$/.test(v.trim())) return undefined;
  let t = Number(v);
  if (t > 1e14) t /= 1e6;
  else if (t > 1e11) t /= 1e3;
  return t > 0 ? new Date(Math.round(t * 1000)).toISOString() : undefined;
}

/** The `<H3>` naming a folder's `<DL>`: its previous sibling, or (after a folder `<DD>`) in the `<DT>` before. */
function header(dl: Element): Element | undefined {
  let h = dl.previousElementSibling;
  while (h && h.tagName !== 'H3' && h.tagName !== 'DT' && h.tagName !== 'DL') h = h.previousElementSibling;
  if (h?.tagName === 'H3') return h;
  const dd = dl.parentElement;
  if (h || dd?.tagName !== 'DD' || dd.previousElementSibling?.tagName !== 'DT') return undefined;
  return [...dd.previousElementSibling.children].find((c) => c.tagName === 'H3');
}

/** Names of the folders around `a`, outermost first; system roots left out. */
function folders(a: Element): string[] {
  const names: string[] = [];
  for (let el = a.parentElement; el; el = el.parentElement) {
    if (el.tagName !== 'DL') continue;
    const h = header(el);
    if (!h) continue;
    if (h.hasAttribute('personal_toolbar_folder') || h.hasAttribute('unfiled_bookmarks_folder')) {
      names.unshift('');
      continue;
    }
    names.unshift(oneLine(h.textContent ?? ''));
  }
  if (names[0] === 'Papershelf') names.shift();
  return names.filter(Boolean);
}

/** The link's text, leaving out `<script>`/`<style>` contents (an explicit stack: any depth is fine). */
function linkText(a: Element): string {
  let out = '';
  const stack: Node[] = [a];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.nodeType === 3) out += n.nodeValue ?? '';
    else if (n.nodeType === 1 && !['SCRIPT', 'STYLE', 'TEMPLATE'].includes((n as Element).tagName))
      for (let c = n.lastChild; c; c = c.previousSibling) stack.push(c);
  }
  return out;
}

/** The `<DD>` description right after the bookmark's `<DT>`, if any. */
function description(a: Element): string {
  const dt = a.parentElement;
  const next = dt?.tagName === 'DT' ? dt.nextElementSibling : null;
  if (next?.tagName !== 'DD') return '';
  // the DD's own text, not that of a list the parser may have nested in it
  return [...next.childNodes]
    .filter((n) => n.nodeName !== 'DL')
    .map((n) => n.textContent ?? '')
    .join('')
    .trim();
}

export function parseBookmarksHtml(
  text: string,
  now: Date,
  Parser: DomParserCtor | undefined = (globalThis as { DOMParser?: DomParserCtor }).DOMParser,
): ParseOutput {
  const out: ParseOutput = { papers: [], topics: [], skipped: 0, errors: [], warnings: [] };
  if (!Parser) return (out.errors.push('Bookmark files can only be read in a browser page (no DOMParser here).'), out);
  const doc = new Parser().parseFromString(text, 'text/html');
  const nowIso = now.toISOString();
  const papers = [];
  for (const a of doc.querySelectorAll('a')) {
    const id = paperIdFromUrl((a.getAttribute('href') ?? '').trim());
    if (!id) {
      out.skipped++;
      continue;
    }
    const savedAt = stamp(a.getAttribute('add_date'));
    papers.push(
      loosePaper(
        {
          id,
          title: linkText(a),
          savedAt,
          updatedAt: stamp(a.getAttribute('last_modified')) ?? savedAt,
          tags: [...(a.getAttribute('tags') ?? '').split(','), ...folders(a)],
          note: description(a),
        },
        nowIso,
      ),
    );
  }
  out.papers = combineDuplicates(papers).papers;
  return out;
}
