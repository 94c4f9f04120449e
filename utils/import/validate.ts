/**
 * Untrusted values → clean `Paper` / `Topic` records. Fresh objects are built field by field
 * (never a spread of the input), unknown keys are dropped, and nothing recurses into unknown values.
 */
import { DEFAULT_TOPIC_COLOR, compact, httpUrl, isTopicColor, isoDate } from '../fields';
import { hfPaperUrl, normaliseId } from '../detection/paper-id';
import { PAPER_SOURCES, type Paper, type SeenEntry, type Topic } from '../types';

export const LIMITS = {
  fileBytes: 50 * 1024 * 1024,
  papers: 50_000,
  topics: 500,
  /** seen papers in a backup */
  seen: 200_000,
  title: 1000,
  /** summary and note */
  text: 100_000,
  /** any other string */
  short: 1000,
  /** items in any list (authors, tags, keywords, topic terms) */
  list: 10_000,
} as const;

/** What each format's parser returns. When `errors` is non-empty nothing may be imported. */
export interface ParseOutput {
  papers: Paper[];
  topics: Topic[];
  /** papers seen on the site (Papershelf JSON backups from version 2) */
  seen?: SeenEntry[];
  /** entries that do not point to a paper */
  skipped: number;
  errors: string[];
  warnings: string[];
}

export interface ValidateContext {
  /** default for `savedAt`/`updatedAt` */
  nowIso: string;
  /** truncation notices go here */
  warnings: string[];
  /** names of ignored unknown keys */
  ignored?: Set<string>;
}

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
export const isForbiddenKey = (k: string) => FORBIDDEN.has(k);

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A short, safe description of any JSON value, for messages. */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return quote(v);
  if (typeof v === 'object') return 'an object';
  return String(v);
}

export const quote = (s: string) => JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);

/** Forbidden keys anywhere inside `root`, found with an explicit stack (deep nesting is safe). */
export function forbiddenKeys(root: Record<string, unknown>, path: string): string[] {
  const found: string[] = [];
  for (const k of Object.keys(root)) if (FORBIDDEN.has(k)) found.push(`${path}.${k}: forbidden key`);
  const stack: unknown[] = Object.values(root);
  while (stack.length && found.length < 5) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const x of v) if (typeof x === 'object' && x !== null) stack.push(x);
    } else if (isRecord(v)) {
      for (const k of Object.keys(v)) {
        if (FORBIDDEN.has(k)) found.push(`${path}: contains the forbidden key "${k}"`);
        const x = v[k];
        if (typeof x === 'object' && x !== null) stack.push(x);
      }
    }
  }
  return found;
}

/** Cut to `max` UTF-16 units without leaving half a surrogate pair. */
export const cut = (s: string, max: number) => s.slice(0, /[\uD800-\uDBFF]/.test(s[max - 1] ?? '') ? max - 1 : max);

type Opt = { required?: boolean; max?: number; truncate?: boolean; nonEmpty?: boolean; unique?: boolean };

/** Typed readers for one record's fields; each problem is pushed to `errors` as `path.key: …`. */
function reader(raw: Record<string, unknown>, path: string, errors: string[], ctx: ValidateContext) {
  const get = (k: string) => (Object.hasOwn(raw, k) ? raw[k] : undefined);
  const fail = (at: string, msg: string) => void errors.push(`${at}: ${msg}`);
  const checkString = (v: unknown, at: string, o: Opt): string | undefined => {
    const max = o.max ?? LIMITS.short;
    if (typeof v !== 'string') return fail(at, `expected ${o.nonEmpty ? 'a non-empty string' : 'a string'}, found ${describe(v)}`);
    if (o.nonEmpty && !v.trim()) return fail(at, `expected a non-empty string, found ${describe(v)}`);
    if (v.length <= max) return v;
    if (!o.truncate) return fail(at, `longer than ${max} characters`);
    ctx.warnings.push(`${at}: cut to ${max} characters`);
    return cut(v, max);
  };
  const absent = (k: string, o: Opt = {}) => {
    const v = get(k);
    if (v !== undefined && v !== null) return false;
    if (o.required) fail(`${path}.${k}`, 'missing');
    return true;
  };
  return {
    string: (k: string, o: Opt = {}) => (absent(k, o) ? undefined : checkString(get(k), `${path}.${k}`, o)),
    list(k: string, o: Opt = {}): string[] | undefined {
      if (absent(k, o)) return undefined;
      const v = get(k);
      if (!Array.isArray(v)) return fail(`${path}.${k}`, `expected an array of strings, found ${describe(v)}`);
      if (v.length > LIMITS.list) return fail(`${path}.${k}`, `more than ${LIMITS.list} items`);
      const out: string[] = [];
      v.forEach((x, i) => {
        const s = checkString(x, `${path}.${k}[${i}]`, o);
        if (s !== undefined) out.push(s);
      });
      return o.unique ? [...new Set(out)] : out;
    },
    boolean(k: string): boolean | undefined {
      if (absent(k)) return undefined;
      const v = get(k);
      return typeof v === 'boolean' ? v : fail(`${path}.${k}`, `expected true or false, found ${describe(v)}`);
    },
    count(k: string): number | undefined {
      if (absent(k)) return undefined;
      const v = get(k);
      return Number.isSafeInteger(v) && (v as number) >= 0
        ? (v as number)
        : fail(`${path}.${k}`, `expected a whole number ≥ 0, found ${describe(v)}`);
    },
    number(k: string): number | undefined {
      if (absent(k)) return undefined;
      const v = get(k);
      return typeof v === 'number' && Number.isFinite(v) ? v : fail(`${path}.${k}`, `expected a number, found ${describe(v)}`);
    },
    oneOf<T extends string>(k: string, allowed: readonly T[]): T | undefined {
      const s = absent(k) ? undefined : checkString(get(k), `${path}.${k}`, { max: 100 });
      if (s === undefined) return undefined;
      return (allowed as readonly string[]).includes(s)
        ? (s as T)
        : fail(`${path}.${k}`, `${quote(s)} is not one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
    },
    date(k: string): string | undefined {
      const s = absent(k) ? undefined : checkString(get(k), `${path}.${k}`, { max: 100 });
      if (s === undefined) return undefined;
      return isoDate(s) ?? fail(`${path}.${k}`, `${quote(s)} is not an ISO date`);
    },
    url(k: string): string | undefined {
      const s = absent(k) ? undefined : checkString(get(k), `${path}.${k}`, { max: 2000 });
      if (s === undefined) return undefined;
      return httpUrl(s) !== undefined ? s : fail(`${path}.${k}`, `${quote(s)} is not an http(s) URL`);
    },
    /** Unknown keys are dropped; their names (up to 20) are collected for one warning. */
    ignoreUnknown(known: readonly string[]) {
      for (const k of Object.keys(raw))
        if (!known.includes(k) && !FORBIDDEN.has(k) && ctx.ignored && ctx.ignored.size < 20) ctx.ignored.add(k);
    },
  };
}

const PAPER_KEYS = [
  'id', 'title', 'authors', 'summary', 'publishedAt', 'savedAt', 'updatedAt', 'url', 'thumbnail', 'upvotes',
  'organization', 'githubRepo', 'aiKeywords', 'primaryClass', 'tags', 'note', 'read', 'enrichedAt', 'enrichAttempts',
  'source', 'notOnHfAt',
] as const;

/**
 * A Papershelf backup record → a `Paper`, or every problem found as `path.field: …`.
 * `id` and `title` are required; other fields default (`authors` [], `tags` [], `note` '',
 * `read` false, `updatedAt` ← `savedAt` ← now). `url` is always rebuilt from the id.
 */
export function validatePaper(raw: unknown, path: string, ctx: ValidateContext): Paper | string[] {
  if (!isRecord(raw)) return [`${path}: expected an object, found ${describe(raw)}`];
  const errors = forbiddenKeys(raw, path);
  const r = reader(raw, path, errors, ctx);
  const rawId = r.string('id', { required: true, max: 100 });
  const id = rawId === undefined ? null : normaliseId(rawId);
  if (rawId !== undefined && !id) errors.push(`${path}.id: ${quote(rawId)} is not an arXiv id`);
  const title = r.string('title', { required: true, max: LIMITS.title, truncate: true });
  const savedAt = r.date('savedAt');
  const updatedAt = r.date('updatedAt');
  r.string('url', { max: 2000 });
  r.ignoreUnknown(PAPER_KEYS);
  const paper = compact<Paper>({
    id: id ?? '',
    title: title ?? '',
    authors: r.list('authors') ?? [],
    summary: r.string('summary', { max: LIMITS.text, truncate: true }),
    publishedAt: r.date('publishedAt'),
    savedAt: savedAt ?? ctx.nowIso,
    updatedAt: updatedAt ?? savedAt ?? ctx.nowIso,
    url: hfPaperUrl(id ?? ''),
    thumbnail: r.url('thumbnail'),
    upvotes: r.count('upvotes'),
    organization: r.string('organization'),
    githubRepo: r.url('githubRepo'),
    aiKeywords: r.list('aiKeywords', { nonEmpty: true }),
    primaryClass: r.string('primaryClass', { max: 100 }),
    tags: r.list('tags', { nonEmpty: true, unique: true }) ?? [],
    note: r.string('note', { max: LIMITS.text, truncate: true }) ?? '',
    read: r.boolean('read') ?? false,
    enrichedAt: r.date('enrichedAt'),
    enrichAttempts: r.count('enrichAttempts'),
    source: r.oneOf('source', PAPER_SOURCES),
    notOnHfAt: r.date('notOnHfAt'),
  });
  return errors.length ? errors : paper;
}

const TOPIC_KEYS = ['id', 'name', 'color', 'include', 'exclude', 'enabled', 'order', 'updatedAt'] as const;

/**
 * A backup topic → a `Topic`, or its problems. `id` and `name` are required; `color` must be
 * "#rrggbb" (default DEFAULT_TOPIC_COLOR, as a topic saved without one); terms default to [], `enabled` to true, `order` to 0.
 */
export function validateTopic(raw: unknown, path: string, ctx: ValidateContext): Topic | string[] {
  if (!isRecord(raw)) return [`${path}: expected an object, found ${describe(raw)}`];
  const errors = forbiddenKeys(raw, path);
  const r = reader(raw, path, errors, ctx);
  const color = r.string('color', { max: 7 });
  if (color !== undefined && !isTopicColor(color)) errors.push(`${path}.color: ${quote(color)} is not a "#rrggbb" colour`);
  r.ignoreUnknown(TOPIC_KEYS);
  const topic = compact<Topic>({
    id: r.string('id', { required: true, nonEmpty: true, max: 200 }) ?? '',
    name: r.string('name', { required: true, nonEmpty: true, max: 200 }) ?? '',
    color: color ?? DEFAULT_TOPIC_COLOR,
    include: r.list('include', { nonEmpty: true }) ?? [],
    exclude: r.list('exclude', { nonEmpty: true }) ?? [],
    enabled: r.boolean('enabled') ?? true,
    order: r.number('order') ?? 0,
    updatedAt: r.date('updatedAt'),
  });
  return errors.length ? errors : topic;
}
