/**
 * Site knowledge about arxiv.org and alphaxiv.org, and pure detection/extraction on their pages.
 * Structural, never by class names (tests/fixtures/arxiv has a listing with every class renamed):
 * - a listing entry is a `<dt>` holding `a[title="Abstract"]` (the id in its `id` attribute or href)
 *   and the `<dd>` right after it (arxiv-browse `templates/list/list_macros.html`);
 * - a search result is the `<li>` around a link to `/abs/<id>` whose text is `arXiv:<id>`;
 * - an abstract page carries `citation_*` meta tags (arxiv-browse `formatting/metatags.py`);
 * - alphaXiv pages take their id from the URL only.
 * Labels ("Title:", "Subjects:", "Authors:", "Comments:", "Abstract") are read from the text.
 */
import { ABSTRACT_MIN_CHARS } from './site';
import { normaliseId, parseArxivId, paperIdFromUrl } from './paper-id';
import type { CardInfo, PaperSource } from '../types';

/** Match patterns of the optional hosts (optional_host_permissions and the runtime content script). */
export const ARXIV_ORIGINS = ['https://arxiv.org/*', 'https://www.alphaxiv.org/*', 'https://alphaxiv.org/*'];

export type ArxivPageKind = 'listing' | 'search' | 'abs' | 'alphaxiv' | 'none';

const ARXIV_HOST = /^(www\.)?arxiv\.org$/;
const ALPHAXIV_HOST = /^(www\.)?alphaxiv\.org$/;
/** `/list/<archive or category>/<new|recent|pastweek|current|YYYY-MM|YYMM|YYYY>`, paging in the query. */
const LISTING = /^\/list\/[a-z-]+(?:\.[A-Za-z-]+)?\/(?:new|recent|pastweek|current|\d{4}-\d{2}|\d{4})$/;

/** Which site a page of ours is on: where a paper saved from it was first saved. */
export function sourceOfUrl(url: string | undefined): PaperSource {
  try {
    const host = new URL(url ?? '').hostname;
    if (ARXIV_HOST.test(host)) return 'arxiv';
    if (ALPHAXIV_HOST.test(host)) return 'alphaxiv';
  } catch {
    // not a URL: an extension page or nothing
  }
  return 'hf';
}

/** Which arXiv/alphaXiv page a URL is. */
export function arxivPageKind(url: string): ArxivPageKind {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'none';
  }
  if (u.protocol !== 'https:') return 'none';
  const path = u.pathname.length > 1 ? u.pathname.replace(/\/+$/, '') : u.pathname;
  if (ARXIV_HOST.test(u.hostname)) {
    if (LISTING.test(path)) return 'listing';
    if (path === '/search' || /^\/search\/[a-z-]+(?:\.[A-Za-z-]+)?$/.test(path)) return 'search';
    if (/^\/abs\//.test(path) && paperIdFromUrl(u.origin + path) !== null) return 'abs';
    return 'none';
  }
  if (ALPHAXIV_HOST.test(u.hostname)) return alphaxivPaper(url) ? 'alphaxiv' : 'none';
  return 'none';
}

/** The paper an alphaXiv URL shows (`/abs/<id>[vN]`, `/overview/<id>[vN]`); other ids are ignored. */
export function alphaxivPaper(url: string): { id: string; version?: number } | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (!ALPHAXIV_HOST.test(u.hostname)) return null;
  const m = /^\/(?:abs|overview)\/([^/]+(?:\/\d{7}(?:v\d+)?)?)\/?$/.exec(decodeURIComponent(u.pathname));
  return m ? parseArxivId(m[1]!) : null;
}

/** Whitespace runs → one space, trimmed. */
const collapse = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Text of `el` without the text of the given descendants (the "Title:" label, "▽ More" links). */
function textWithout(el: Element, skip: (e: Element) => boolean): string {
  let s = '';
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) s += c.nodeValue;
      else if (c.nodeType === 1 && !skip(c as Element)) walk(c);
    }
  };
  walk(el);
  return collapse(s);
}

/** `Label:` (or `Label` followed by a colon outside it) as an element's whole text. */
const labelOf = (el: Element): string | null => {
  if (el.childElementCount) return null;
  const m = /^([A-Z][A-Za-z-]*(?: [a-z]+)?):?$/.exec(collapse(el.textContent));
  return m ? m[1]! : null;
};

/**
 * Labelled fields inside `root`: for every leaf element whose text is a label ("Subjects:", the
 * `<td>` label of a table row), the text of its parent without the label. First one wins.
 */
export function labelledFields(root: Element): Map<string, Element> {
  const out = new Map<string, Element>();
  for (const el of Array.from(root.querySelectorAll('span,td,th,b,strong,em,dt'))) {
    const label = labelOf(el);
    if (!label || out.has(label) || !el.parentElement || el.parentElement === root) continue;
    out.set(label, el);
  }
  return out;
}

function fieldText(fields: Map<string, Element>, label: string): string | undefined {
  const el = fields.get(label);
  if (!el) return undefined;
  const t = textWithout(el.parentElement!, (e) => e === el).replace(/^:\s*/, '');
  return t || undefined;
}

/** "Computation and Language (cs.CL); Machine Learning (cs.LG)" → ["cs.CL", "cs.LG"]. */
export function subjectCodes(text: string | undefined): string[] {
  if (!text) return [];
  return [...text.matchAll(/\(([a-z-]+(?:\.[A-Za-z-]+)?)\)/g)].map((m) => m[1]!);
}

const AUTHOR_LINK = /(^|\/)a\/[^/]+|searchtype=author/;

/** Author names: the texts of links to author pages under `el`. */
function authorLinks(el: Element): string[] {
  return Array.from(el.querySelectorAll('a[href]'))
    .filter((a) => AUTHOR_LINK.test(a.getAttribute('href')!))
    .map((a) => collapse(a.textContent))
    .filter(Boolean);
}

/** What one arXiv entry shows, for topic matching and for a new record. */
export interface ArxivCardInfo extends CardInfo {
  comments?: string;
  subjects?: string[];
  primaryClass?: string;
}

/** One listing entry or search result, found but not read. `root` gets the toggle. */
export interface ArxivEntry {
  id: string;
  version?: number;
  /** The `<dt>` (listing) or `<li>` (search). */
  root: Element;
  /** The listing's `<dd>` (null on search results). */
  body: Element | null;
  /** The abstract link (listing) or `arXiv:<id>` link (search). */
  link: Element;
}

/** Listing entries in page order, one per `<dt>`; an id listed twice (new and replaced) gives two. */
export function findListingEntries(root: ParentNode): ArxivEntry[] {
  const out: ArxivEntry[] = [];
  const seen = new Set<Element>();
  for (const a of Array.from(root.querySelectorAll('dt a[title="Abstract"]'))) {
    const dt = a.closest('dt')!;
    if (seen.has(dt)) continue;
    const ref = parseArxivId(a.getAttribute('id') ?? '') ?? refFromHref(a.getAttribute('href'));
    if (!ref) continue;
    seen.add(dt);
    const next = dt.nextElementSibling;
    out.push({ id: ref.id, version: ref.version, root: dt, body: next?.localName === 'dd' ? next : null, link: a });
  }
  return out;
}

function refFromHref(href: string | null): { id: string; version?: number } | null {
  if (!href) return null;
  let u: URL;
  try {
    u = new URL(href, 'https://arxiv.org/');
  } catch {
    return null;
  }
  if (!ARXIV_HOST.test(u.hostname)) return null;
  const m = /^\/abs\/(.+?)\/?$/.exec(decodeURIComponent(u.pathname));
  return m ? parseArxivId(m[1]!) : null;
}

/** Read a listing entry: title, authors, comments, subjects (primary first), abstract (on /new). */
export function readListingEntry(e: ArxivEntry): ArxivCardInfo {
  const dd = e.body;
  if (!dd) return { id: e.id, title: e.id };
  const fields = labelledFields(dd);
  const subjectsText = fieldText(fields, 'Subjects');
  const subjects = subjectCodes(subjectsText);
  const titleLabel = fields.get('Title');
  const title = (titleLabel && textWithout(titleLabel.parentElement!, (x) => x === titleLabel)) || e.id;
  let abstract: string | undefined;
  for (const p of Array.from(dd.getElementsByTagName('p'))) {
    const t = collapse(p.textContent);
    if (t.length >= ABSTRACT_MIN_CHARS && (!abstract || t.length > abstract.length)) abstract = t;
  }
  const authors = authorLinks(dd);
  return compactInfo({
    id: e.id,
    title,
    abstract,
    authors: authors.length ? authors : undefined,
    comments: fieldText(fields, 'Comments'),
    subjects: subjects.length ? subjects : undefined,
    primaryClass: subjects[0],
  });
}

/** Search results (`/search/?query=…`), in page order. */
export function findSearchResults(root: ParentNode): ArxivEntry[] {
  const out: ArxivEntry[] = [];
  const seen = new Set<Element>();
  for (const a of Array.from(root.querySelectorAll('li a[href]'))) {
    const m = /^arXiv:(\S+)$/.exec(collapse(a.textContent));
    if (!m) continue;
    const ref = refFromHref(a.getAttribute('href'));
    if (!ref || ref.id !== normaliseId(m[1]!)) continue;
    const li = a.closest('li')!;
    if (seen.has(li)) continue;
    seen.add(li);
    out.push({ id: ref.id, version: ref.version, root: li, body: null, link: a });
  }
  return out;
}

/** Read a search result: title (the first paragraph without a label or the id link), authors, abstract. */
export function readSearchResult(e: ArxivEntry): ArxivCardInfo {
  const li = e.root;
  const fields = labelledFields(li);
  let title: string | undefined;
  for (const p of Array.from(li.getElementsByTagName('p'))) {
    if (p.contains(e.link) || Array.from(p.children).some((c) => labelOf(c))) continue;
    title = collapse(p.textContent);
    if (title) break;
  }
  // The abstract field holds a short and a full copy: the longest child, without its More/Less link.
  let abstract: string | undefined;
  const absLabel = fields.get('Abstract');
  if (absLabel) {
    for (const c of Array.from(absLabel.parentElement!.children)) {
      if (c === absLabel) continue;
      const t = textWithout(c, (x) => x.localName === 'a').replace(/…$/, '');
      if (!abstract || t.length > abstract.length) abstract = t;
    }
  }
  const subjects: string[] = [];
  for (const el of Array.from(li.querySelectorAll('span,div'))) {
    if (el.childElementCount) continue;
    const t = collapse(el.textContent);
    if (/^[a-z-]+\.[A-Za-z-]+$/.test(t) && !subjects.includes(t)) subjects.push(t);
  }
  const authorsLabel = fields.get('Authors');
  const authors = authorsLabel ? authorLinks(authorsLabel.parentElement!) : [];
  return compactInfo({
    id: e.id,
    title: title || e.id,
    abstract: abstract && abstract.length >= ABSTRACT_MIN_CHARS ? abstract : undefined,
    authors: authors.length ? authors : undefined,
    comments: fieldText(fields, 'Comments'),
    subjects: subjects.length ? subjects : undefined,
    primaryClass: subjects[0],
  });
}

/** `<meta name=…>` contents, in document order. */
function metas(doc: ParentNode, name: string): string[] {
  return Array.from(doc.querySelectorAll(`meta[name="${name}"]`))
    .map((m) => collapse(m.getAttribute('content')))
    .filter(Boolean);
}

/** "Rossi, Sofia" → "Sofia Rossi" (citation_author is "Last, First"). */
export function citationName(s: string): string {
  const i = s.indexOf(',');
  return i < 0 ? s : collapse(`${s.slice(i + 1)} ${s.slice(0, i)}`);
}

/** "2025/06/01" → "2025-06-01T00:00:00.000Z". */
function citationDate(s: string | undefined): string | undefined {
  const m = s && /^(\d{4})\/(\d{2})\/(\d{2})$/.exec(s);
  return m ? `${m[1]}-${m[2]}-${m[3]}T00:00:00.000Z` : undefined;
}

/** An abstract page: the record from its `citation_*` tags and the primary subject; the title heading. */
export interface AbsPage {
  info: ArxivCardInfo;
  /** The page's title heading (the toggle goes after it), if found. */
  heading: Element | null;
}

export function readAbsPage(doc: Document, url: string): AbsPage | null {
  const fromMeta = parseArxivId(metas(doc, 'citation_arxiv_id')[0] ?? '');
  const fromUrl = refFromHref(url);
  const id = fromMeta?.id ?? fromUrl?.id;
  if (!id) return null;
  const title = metas(doc, 'citation_title')[0];
  const authors = metas(doc, 'citation_author').map(citationName);
  const fields = doc.body ? labelledFields(doc.body) : new Map<string, Element>();
  const subjects = subjectCodes(fieldText(fields, 'Subjects'));
  // The title heading: the h1 whose text (without its "Title:" label) is the citation title,
  // else the one holding a "Title:" label.
  let heading: Element | null = null;
  for (const h of Array.from(doc.querySelectorAll('h1'))) {
    const label = Array.from(h.children).find((c) => labelOf(c) === 'Title');
    const text = textWithout(h, (c) => c === label);
    if ((title && text === title) || (!heading && label)) heading = h;
    if (title && text === title) break;
  }
  return {
    heading,
    info: compactInfo({
      id,
      title: title ?? (heading ? textWithout(heading, (c) => labelOf(c) === 'Title') : id),
      abstract: metas(doc, 'citation_abstract')[0],
      authors: authors.length ? authors : undefined,
      publishedAt: citationDate(metas(doc, 'citation_date')[0]),
      comments: fieldText(fields, 'Comments'),
      subjects: subjects.length ? subjects : undefined,
      primaryClass: subjects[0],
    }),
  };
}

/** An alphaXiv paper page: the id from the URL, the title heading (if any), the abstract. */
export function readAlphaxivPage(doc: Document, url: string): AbsPage | null {
  const ref = alphaxivPaper(url);
  if (!ref) return null;
  const docTitle = collapse(doc.title).replace(/\s*\|\s*alphaXiv$/i, '');
  const h1s = Array.from(doc.querySelectorAll('h1')).filter((h) => collapse(h.textContent));
  const heading = h1s.find((h) => collapse(h.textContent) === docTitle) ?? h1s[0] ?? null;
  let abstract: string | undefined;
  for (const p of Array.from(doc.body?.getElementsByTagName('p') ?? [])) {
    const t = collapse(p.textContent);
    if (t.length >= ABSTRACT_MIN_CHARS && (!abstract || t.length > abstract.length)) abstract = t;
  }
  return {
    heading,
    info: compactInfo({ id: ref.id, title: (heading ? collapse(heading.textContent) : docTitle) || ref.id, abstract }),
  };
}

function compactInfo(o: ArxivCardInfo): ArxivCardInfo {
  for (const k of Object.keys(o) as (keyof ArxivCardInfo)[]) if (o[k] === undefined) delete o[k];
  return o;
}
