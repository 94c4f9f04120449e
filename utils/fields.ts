/**
 * One rule per fact of a record, for every way in (a save from a page, the HF API, an import):
 * dates, links, one-line text, absent fields, and the colour a topic gets when it has none.
 */

/** The colour of a topic saved or imported without a valid one. */
export const DEFAULT_TOPIC_COLOR = '#6d28d9';

/** A topic colour as stored: "#rrggbb". */
export const isTopicColor = (v: unknown): v is string => typeof v === 'string' && /^#[0-9a-f]{6}$/i.test(v);

const ISO = /^(\d{4})-(\d{2})-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A valid ISO 8601 date or date-time, normalised to `toISOString()`; undefined for anything else,
 * impossible dates included (2025-02-30 and 2025-02-29 are refused, never rolled over to March).
 * A date-time without a zone is read as UTC.
 */
export function isoDate(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  const m = ISO.exec(s);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d); // (Date.UTC would read years 0-99 as 1900-1999)
  if (day.getUTCMonth() !== mo - 1 || day.getUTCDate() !== d) return undefined; // no rolling over
  const t = Date.parse(m[4] && !m[5] ? `${s}Z` : s);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/** An absolute http: or https: URL, as URL writes it (`href`); undefined for anything else. */
export function httpUrl(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Whitespace runs (newlines included) → one space; control characters dropped. */
export const oneLine = (s: string) => s.replace(/(?!\s)\p{Cc}/gu, '').replace(/\s+/g, ' ').trim();

/** Drop undefined fields (in place) so records stay small and exports stay lossless. */
export function compact<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}
