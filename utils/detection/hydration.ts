/**
 * Read the site's hydration JSON (Svelte props in `data-props`): `DailyPapers` lists
 * (`dailyPapers`, `searchResults`, or any other array of `{ paper, thumbnail, … }` items) and
 * `PaperContent` (`{ paper }`). Everything in it is untrusted: each field is type-checked and
 * malformed islands are skipped, never thrown on.
 */
import { runSteps } from './steps';
import type { CardInfo } from '../types';
import { httpUrl } from '../fields';
import { normaliseId } from './paper-id';
import { HYDRATION_SELECTOR } from './site';

type Obj = Record<string, unknown>;

const MAX_TEXT = 20_000;
const MAX_LIST = 2_000;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const own = (o: Obj, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** Whitespace runs → one space, trimmed; strings without runs (most) skip the rewrite. */
function str(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = (/\s\s|[^\S ]/.test(v) ? v.replace(/\s+/g, ' ') : v).trim().slice(0, MAX_TEXT);
  return s || undefined;
}

/**
 * An absolute http(s) URL already in the form URL would give it (lower-case host, a path, nothing
 * URL would encode or resolve): taken as is, which spares 2,000 URL parses on a 1,000-card page.
 */
const PLAIN_URL = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?\/(?![^?#]*\/\.)[^\s"'<>\\^`{|}%]*$/;

function link(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  return PLAIN_URL.test(s) ? s : httpUrl(s);
}

function isoDate(v: unknown): string | undefined {
  const s = str(v);
  return s && !Number.isNaN(Date.parse(s)) ? s : undefined;
}

function strings(v: unknown, pick: (x: unknown) => unknown = (x) => x): string[] | undefined {
  if (!Array.isArray(v)) return undefined;
  const out = v.slice(0, MAX_LIST).map((x) => str(pick(x))).filter((x): x is string => x !== undefined);
  return out.length ? out : undefined;
}

/** One `{ paper, thumbnail, … }` item (or a bare paper object) → id and what it tells us. */
function readItem(item: unknown, abstracts: boolean): Partial<CardInfo> | null {
  if (!isObj(item)) return null;
  const paper = isObj(own(item, 'paper')) ? (own(item, 'paper') as Obj) : item;
  const rawId = own(paper, 'id');
  const id = typeof rawId === 'string' ? normaliseId(rawId) : null;
  if (!id) return null;
  const org = own(paper, 'organization');
  const upvotes = own(paper, 'upvotes');
  const fields: Partial<CardInfo> = {
    id,
    title: str(own(paper, 'title')) ?? str(own(item, 'title')),
    abstract: abstracts ? (str(own(paper, 'summary')) ?? str(own(item, 'summary'))) : undefined,
    authors: strings(own(paper, 'authors'), (a) => (isObj(a) ? own(a, 'name') : undefined)),
    publishedAt: isoDate(own(paper, 'publishedAt')) ?? isoDate(own(item, 'publishedAt')),
    aiKeywords: strings(own(paper, 'ai_keywords')),
    githubRepo: link(own(paper, 'githubRepo')),
    organization: isObj(org) ? (str(own(org, 'fullname')) ?? str(own(org, 'name'))) : undefined,
    upvotes: typeof upvotes === 'number' && Number.isInteger(upvotes) && upvotes >= 0 ? upvotes : undefined,
    thumbnail: link(own(item, 'thumbnail')),
  };
  for (const k of Object.keys(fields) as (keyof CardInfo)[]) if (fields[k] === undefined) delete fields[k];
  return fields;
}

function itemsOf(props: unknown, target: string | null): unknown[] {
  if (!isObj(props)) return [];
  if (target === 'PaperContent') return [own(props, 'paper')];
  return Object.keys(props).flatMap((k) => {
    const v = own(props, k);
    return Array.isArray(v) ? v.slice(0, MAX_LIST) : [];
  });
}

/**
 * Paper facts from every hydration island in `doc`, by id. The first island to give a field wins.
 * `abstracts: false` leaves abstracts out (the content script matches the abstract the card shows,
 * and normalising 1,000 abstracts it would drop costs ~10 ms on a large page).
 */
export function readHydration(doc: Document, opts: { abstracts?: boolean } = {}): Map<string, Partial<CardInfo>> {
  return runSteps(readHydrationInSteps(doc, opts));
}

/** Items read between two yields of `readHydrationInSteps`. */
const STEP = 250;

/** `readHydration` as a generator that yields between its parts (a 1,000-paper island takes ~30 ms). */
export function* readHydrationInSteps(doc: Document, { abstracts = true } = {}): Generator<void, Map<string, Partial<CardInfo>>> {
  const out = new Map<string, Partial<CardInfo>>();
  const islands = Array.from(doc.querySelectorAll(HYDRATION_SELECTOR));
  for (const el of islands) {
    yield;
    let props: unknown;
    try {
      props = JSON.parse(el.getAttribute('data-props') ?? '');
    } catch {
      continue;
    }
    const items = itemsOf(props, el.getAttribute('data-target'));
    for (let i = 0; i < items.length; i++) {
      if (i % STEP === 0) yield;
      const fields = readItem(items[i], abstracts);
      if (!fields?.id) continue;
      out.set(fields.id, { ...fields, ...out.get(fields.id) });
    }
  }
  return out;
}
