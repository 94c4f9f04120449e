/** Parse and validate topic terms (one per line) and topics. Syntax: see TERM_SYNTAX_HELP. */
import type { WordPattern } from './compile';
import { regexHazard } from './regex-analysis';
import { CJK, HIDDEN, MARK, SEP, WORD, kindAt, words } from './tokenize';

export const MAX_TERM_LENGTH = 200;
export const MAX_TERMS_PER_TOPIC = 200;
export const MAX_NAME_LENGTH = 60;

/** One word of a term: matched whole, or as a prefix when written `word*`. `text` is its lowercased key. */
export type { WordPattern };

export interface WordsTerm {
  /** 'word' (one word), 'prefix' (one `word*`), 'phrase' (several words, quoted or not). */
  kind: 'word' | 'prefix' | 'phrase';
  /** The line as written, trimmed (whitespace and invisible characters). */
  source: string;
  /** An exclusion term (leading `-`, or any term of the exclude list). */
  negate: boolean;
  words: WordPattern[];
}

export interface RegexTerm {
  kind: 'regex';
  source: string;
  negate: boolean;
  /** Body between the slashes; always compiled with flags `iu`. */
  pattern: string;
}

export type Term = WordsTerm | RegexTerm;

export type ParseResult = { ok: true; term: Term } | { ok: false; error: string };

const QUOTES: Record<string, string> = { '"': '"', '\u201c': '\u201d', '\u201d': '\u201d' };

const shorten = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
const fail = (source: string, reason: string): ParseResult => ({ ok: false, error: `Invalid term "${shorten(source)}": ${reason}` });

const EDGES = new RegExp('^[\\s\\p{Cf}]+|[\\s\\p{Cf}]+$', 'gu');
/** Trim whitespace and invisible characters (zero-width space, bidi marks) from both ends. */
const clean = (line: string) => line.replace(EDGES, '');

/** Lines that are not terms: blank, or starting with `#` (comments). */
export const isSkippedLine = (line: string) => {
  const t = clean(line);
  return t === '' || t.startsWith('#');
};

function parseRegex(source: string, body: string, negate: boolean): ParseResult {
  const close = body.lastIndexOf('/');
  if (close <= 0) return fail(source, 'missing the closing / of the regular expression');
  const pattern = body.slice(1, close);
  const flags = body.slice(close + 1);
  if (!/^[iu]*$/.test(flags)) return fail(source, `unsupported flags "${flags}" (regular expressions are always case-insensitive)`);
  if (pattern === '') return fail(source, 'empty regular expression');
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'iu');
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    // V8: "Invalid regular expression: /(a/iu: Unterminated group"
    const reason = msg.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
    return fail(source, reason.charAt(0).toLowerCase() + reason.slice(1));
  }
  const hazard = regexHazard(pattern);
  if (hazard) return fail(source, hazard);
  if (re.exec('') !== null) return fail(source, 'it matches empty text');
  return { ok: true, term: { kind: 'regex', source, negate, pattern } };
}

function parseWords(source: string, body: string, negate: boolean): ParseResult {
  const found = words(body);
  const pats: WordPattern[] = found.map((w) => ({ text: w.key, prefix: false }));
  let k = 0; // next word whose end we have not passed
  for (let i = 0; i < body.length; ) {
    const kw = kindAt(body, i);
    if (kw >> 2 === SEP) {
      const ch = String.fromCodePoint(body.codePointAt(i)!);
      if (ch !== '*') return fail(source, `unsupported character "${ch}" (use a /regular expression/ to match symbols)`);
      while (k < found.length && found[k]!.end < i) k++;
      const next = i + 1 < body.length ? kindAt(body, i + 1) >> 2 : SEP;
      if (found[k]?.end !== i || next === WORD || next === CJK || next === MARK || next === HIDDEN)
        return fail(source, '* goes at the end of a word, as in diffusion*');
      pats[k]!.prefix = true;
    }
    i += kw & 3;
  }
  if (pats.length === 0) return fail(source, 'it has no letters or digits');
  const kind = pats.length > 1 ? 'phrase' : pats[0]!.prefix ? 'prefix' : 'word';
  return { ok: true, term: { kind, source, negate, words: pats } };
}

/** Parse one line. Blank lines and `#` comments are errors here; `parseTerms` skips them. */
export function parseTerm(line: string): ParseResult {
  const source = clean(line);
  if (source === '') return fail(source, 'it is empty');
  if (source.length > MAX_TERM_LENGTH) return fail(source, `longer than ${MAX_TERM_LENGTH} characters`);
  if (source.startsWith('#')) return fail(source, 'lines starting with # are comments');
  const negate = source.startsWith('-');
  const body = negate ? source.slice(1).trimStart() : source;
  if (body === '') return fail(source, 'nothing after the -');
  if (negate && body.startsWith('-')) return fail(source, 'use a single - to exclude a term');
  if (body.startsWith('/')) return parseRegex(source, body, negate);
  const close = QUOTES[body.charAt(0)];
  if (close !== undefined) {
    const last = body.charAt(body.length - 1);
    if (body.length < 2 || (last !== close && last !== '"'))
      return fail(source, 'missing the closing quote');
    return parseWords(source, body.slice(1, -1), negate);
  }
  return parseWords(source, body, negate);
}

/** Parse a list of lines (or one newline-separated string), skipping blank lines and `#` comments. */
export function parseTerms(lines: string[] | string): { terms: Term[]; errors: string[] } {
  const list = typeof lines === 'string' ? lines.split(/\r\n|\r|\n/) : lines;
  const terms: Term[] = [];
  const errors: string[] = [];
  for (const line of list) {
    if (typeof line !== 'string' || isSkippedLine(line)) continue;
    const r = parseTerm(line);
    if (r.ok) terms.push(r.term);
    else errors.push(r.error);
  }
  return { terms, errors };
}

export interface TopicInputLike {
  name: string;
  include: string[] | string;
  exclude: string[] | string;
}

/** Every problem with a topic as typed in the form; [] when it can be saved. */
export function validateTopic(input: TopicInputLike): string[] {
  const errors: string[] = [];
  const name = String(input.name ?? '').trim();
  if (name === '') errors.push('The topic needs a name.');
  else if ([...name].length > MAX_NAME_LENGTH) errors.push(`The name is longer than ${MAX_NAME_LENGTH} characters.`);
  if (name.includes(',')) errors.push('The name cannot contain a comma.');
  const inc = parseTerms(input.include ?? []);
  const exc = parseTerms(input.exclude ?? []);
  errors.push(...inc.errors, ...exc.errors);
  const total = inc.terms.length + exc.terms.length + inc.errors.length + exc.errors.length;
  if (total > MAX_TERMS_PER_TOPIC) errors.push(`Too many terms (${total}); the limit is ${MAX_TERMS_PER_TOPIC}.`);
  if (inc.errors.length === 0 && !inc.terms.some((t) => !t.negate)) errors.push('Add at least one include term.');
  return errors;
}
