/**
 * BibTeX → papers, with a small hand parser (no parser library in the runtime bundle). Entries
 * that name an arXiv paper are kept; others are counted as skipped. Syntax errors name the line.
 */
import { normaliseId, paperIdFromUrl } from '../paper-id';
import { combineDuplicates, isoDate, loosePaper, type ParseOutput } from './validate';

export interface BibEntry {
  type: string;
  key: string;
  /** lower-cased field name → raw value (delimiters removed, `#` joined, macros expanded) */
  fields: Map<string, string>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const NAME = /[^\s"#%'(),={}]+/y;
const ENTRY_START = /@[ \t]*([A-Za-z][\w-]*)[ \t\r\n]*([{(])/y;

/** Entries of a .bib file, or syntax errors as "BibTeX line N: …". */
export function parseBibtexEntries(text: string): { entries: BibEntry[]; errors: string[]; warnings: string[] } {
  const entries: BibEntry[] = [];
  const errors: string[] = [];
  const warnings: string[] = [];
  const macros = new Map(MONTHS.map((m, i) => [m, String(i + 1)]));
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (at: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  class Syntax extends Error {
    constructor(at: number, msg: string, readonly fatal = false) {
      super(`BibTeX line ${lineOf(at)}: ${msg}`);
    }
  }
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const name = () => {
    NAME.lastIndex = i;
    const m = NAME.exec(text);
    if (m) i = NAME.lastIndex;
    return m?.[0] ?? '';
  };
  const shown = () => (i < text.length ? JSON.stringify(text[i]) : 'the end of the file');
  /** Index of the `}` closing the `{` at `open`, counting raw braces as BibTeX does. */
  const closing = (open: number) => {
    let depth = 0;
    for (let k = open; k < text.length; k++) {
      if (text[k] === '{') depth++;
      else if (text[k] === '}' && --depth === 0) return k;
    }
    return -1;
  };
  /** A value that swallowed the next field lost its closing delimiter. */
  const runsOn = (start: number, end: number, field: string, close: string) => {
    const next = /\n[ \t]*([A-Za-z][\w-]*)[ \t]*=[ \t]*[{"\d]/.exec(text.slice(start, end + 1));
    if (next)
      throw new Syntax(start, `the value of "${field}" runs into the field "${next[1]}" below it (a ${close} is missing?).`, true);
  };
  const value = (field: string): string => {
    let out = '';
    for (;;) {
      ws();
      const start = i;
      const c = text[i];
      if (c === '{') {
        const end = closing(i);
        if (end < 0) throw new Syntax(start, `the value of "${field}" opens a { that is never closed (unbalanced braces).`, true);
        runsOn(start, end, field, '}');
        out += text.slice(i + 1, end);
        i = end + 1;
      } else if (c === '"') {
        let depth = 0;
        for (i++; i < text.length && !(text[i] === '"' && depth === 0); i++) {
          if (text[i] === '{') depth++;
          if (text[i] === '}' && --depth < 0) break;
        }
        if (text[i] !== '"') throw new Syntax(start, `the value of "${field}" opens a " that is never closed.`, true);
        runsOn(start, i, field, '"');
        out += text.slice(start + 1, i++);
      } else if (c !== undefined && /\w/.test(c)) {
        const word = name();
        const macro = macros.get(word.toLowerCase());
        if (macro === undefined && !/^\d+$/.test(word)) warnings.push(`BibTeX line ${lineOf(start)}: unknown @string "${word}", kept as text.`);
        out += macro ?? word;
      } else throw new Syntax(i, `expected a value for "${field}", found ${shown()}.`);
      ws();
      if (text[i] !== '#') return out;
      i++;
    }
  };
  const entry = (type: string, close: string, start: number) => {
    const open = i - 1;
    ws();
    if (type === 'comment' || type === 'preamble') {
      if (close === ')') throw new Syntax(start, `@${type}(…) is not supported; use @${type}{…}.`);
      const end = closing(open);
      if (end < 0) throw new Syntax(start, `@${type} is never closed (unbalanced braces).`, true);
      i = end + 1;
      return;
    }
    if (type === 'string') {
      const key = name();
      ws();
      if (!key || text[i] !== '=') throw new Syntax(i, `expected "name = value" in @string, found ${shown()}.`);
      i++;
      macros.set(key.toLowerCase(), value(key));
      ws();
      if (text[i++] !== close) throw new Syntax(i - 1, `expected ${close} to end @string, found ${shown()}.`);
      return;
    }
    const key = /[^\s,{}()]*/y;
    key.lastIndex = i;
    const e: BibEntry = { type, key: key.exec(text)![0], fields: new Map() };
    i = key.lastIndex;
    const label = `@${type}{${e.key}}`;
    for (;;) {
      ws();
      if (text[i] === close) break;
      if (text[i] !== ',') {
        if (i >= text.length) throw new Syntax(start, `${label} is never closed (missing ${close}).`, true);
        throw new Syntax(i, `expected "," or "${close}" in ${label}, found ${shown()}.`);
      }
      i++;
      ws();
      if (text[i] === close) break;
      const field = name().toLowerCase();
      if (!field) throw new Syntax(i, `expected a field name in ${label}, found ${shown()}.`);
      ws();
      if (text[i] !== '=') throw new Syntax(i, `expected "=" after "${field}" in ${label}, found ${shown()}.`);
      i++;
      const v = value(field);
      if (!e.fields.has(field)) e.fields.set(field, v);
    }
    i++;
    if (/^[ \t]*,[ \t]*\r?\n[ \t]*[A-Za-z][\w-]*[ \t]*=/.test(text.slice(i, i + 200)))
      throw new Syntax(i - 1, `${label} ends here, but more fields follow (one } too many?).`);
    entries.push(e);
  };

  while (i < text.length && errors.length < 20) {
    const c = text[i];
    if (c === '%') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl + 1;
    } else if (c === '}') {
      errors.push(`BibTeX line ${lineOf(i)}: a } outside any entry (unbalanced braces: one too many before it?).`);
      i++;
    } else if (c === '@') {
      ENTRY_START.lastIndex = i;
      const m = ENTRY_START.exec(text);
      const atLineStart = /(^|\n)[ \t]*$/.test(text.slice(Math.max(0, i - 200), i));
      const start = i;
      try {
        if (!m) {
          if (atLineStart && /@[ \t]*[A-Za-z]/y.test(text.slice(i, i + 50))) throw new Syntax(i, 'an @entry must be followed by { or (.');
          i++;
          continue;
        }
        i = ENTRY_START.lastIndex;
        entry(m[1]!.toLowerCase(), m[2] === '{' ? '}' : ')', start);
      } catch (err) {
        if (!(err instanceof Syntax)) throw err;
        errors.push(err.message);
        if (err.fatal) break;
        // resume at the next line that starts an entry
        const next = /\n[ \t]*@/g;
        next.lastIndex = Math.max(i, start + 1);
        i = next.exec(text) ? next.lastIndex - 1 : text.length;
      }
    } else i++;
  }
  return { entries, errors, warnings };
}

// ── LaTeX → text ────────────────────────────────────────────────────────────

/** `\"o` → o + U+0308: the accent command → its combining mark (composed by NFC at the end). */
const ACCENTS = new Map([...'"\'`^~=.uvHckrdb'].map((c, i) => [c, '\u0308\u0301\u0300\u0302\u0303\u0304\u0307\u0306\u030C\u030B\u0327\u0328\u030A\u0323\u0331'[i]!]));
/** Command → text: escaped specials, spacing commands, letters and named symbols ("name text" pairs). */
const SYMBOLS = new Map<string, string>([
  ...[...'&%$#_{}'].map((c) => [c, c] as const),
  ...[...' \\,;'].map((c) => [c, ' '] as const),
  ...[...'-/@'].map((c) => [c, ''] as const),
  ...(
    'ss ß o ø O Ø ae æ AE Æ oe œ OE Œ aa å AA Å l ł L Ł i ı j ȷ textbackslash \\ textbraceleft { textbraceright } ' +
    'textasciitilde ~ textasciicircum ^ textless < textgreater > textbar | textunderscore _ textendash – textemdash — ' +
    'textquoteleft ‘ textquoteright ’ textquotedblleft “ textquotedblright ” textellipsis … ldots … dots … S § P ¶ ' +
    'copyright © textregistered ® texttrademark ™ pounds £ euro € textdegree ° LaTeX LaTeX TeX TeX BibTeX BibTeX'
  )
    .split(' ')
    .flatMap((w, i, all) => (i % 2 ? [] : [[w, all[i + 1]!] as const])),
]);
/** Commands whose braced argument is kept as plain text. */
const WRAPPERS = new Set(
  'emph textit textbf textsc texttt textrm textsf textup textsl textmd textnormal mbox hbox text url NoCaseChange nocase'.split(' '),
);
const COMMAND = /\\([A-Za-z]+|[^A-Za-z])/y;

function convert(s: string, depth: number): string {
  let out = '';
  let i = 0;
  /** The braced group at `i` (to its closing brace or the end), or one character. */
  const argument = () => {
    while (s[i] === ' ') i++;
    if (s[i] === '{') {
      let d = 0;
      const start = i;
      for (; i < s.length; i++) {
        if (s[i] === '{') d++;
        else if (s[i] === '}' && --d === 0) break;
      }
      return s.slice(start + 1, i++);
    }
    if (s[i] === '\\') {
      COMMAND.lastIndex = i;
      const m = COMMAND.exec(s);
      i = m ? COMMAND.lastIndex : i + 1;
      return (m && SYMBOLS.get(m[1]!)) ?? '';
    }
    return s[i++] ?? '';
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === '{' || c === '}') i++;
    else if (c === '~') {
      out += ' ';
      i++;
    } else if (c === '$') {
      // math stays as written, delimiters included
      let end = i + 1;
      while (end < s.length && !(s[end] === '$' && s[end - 1] !== '\\')) end++;
      out += s.slice(i, end + 1);
      i = end + 1;
    } else if (c === '\\') {
      COMMAND.lastIndex = i;
      const m = COMMAND.exec(s);
      if (!m) {
        out += c;
        i++;
        continue;
      }
      const cmd = m[1]!;
      i = COMMAND.lastIndex;
      const word = /^[A-Za-z]/.test(cmd);
      const accent = ACCENTS.get(cmd);
      const symbol = SYMBOLS.get(cmd);
      if (accent && (!word || /^\s*[{\\A-Za-z]/.test(s.slice(i, i + 3)))) {
        const base = depth > 20 ? argument() : convert(argument(), depth + 1);
        const first = base.charAt(0).replace('ı', 'i').replace('ȷ', 'j');
        out += first ? first + accent + base.slice(1) : '';
      } else if (symbol !== undefined) {
        out += symbol;
        if (s.startsWith('{}', i)) i += 2;
        else if (word && cmd.length <= 2) while (s[i] === ' ') i++;
      } else if (WRAPPERS.has(cmd)) {
        while (s[i] === ' ') i++;
      } else out += '\\' + cmd;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** LaTeX-ish field text → plain Unicode: `{\"o}` → ö, `\&` → &, braces dropped, `$math$` kept. */
export const latexToText = (s: string) => convert(s, 0).replace(/\s+/g, ' ').trim().normalize('NFC');

/** Splits at `sep` only outside braces. */
function splitTop(s: string, sep: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}') depth--;
    else if (depth === 0) {
      sep.lastIndex = i;
      const m = sep.exec(s);
      if (m) {
        parts.push(s.slice(start, i));
        start = i + m[0].length;
        i = start - 1;
      }
    }
  }
  parts.push(s.slice(start));
  return parts;
}

/** "Vaswani, Ashish and Noam Shazeer and others" → ["Ashish Vaswani", "Noam Shazeer"]. */
export function bibAuthors(raw: string): string[] {
  return splitTop(raw, /\s+and\s+/iy)
    .map((name) => {
      const [last = '', ...rest] = splitTop(name, /,/y).map((p) => p.trim());
      // "Last, First" and "Last, Jr, First"
      const parts = rest.length === 2 ? [rest[1], last, rest[0]] : rest.length === 1 ? [rest[0], last] : [last];
      return latexToText(parts.filter(Boolean).join(' '));
    })
    .filter((a) => a && a.toLowerCase() !== 'others');
}

const ID_IN_TEXT = /\barxiv\b(?:\s+preprint)?\s*:?\s*(?:abs\/)?([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?/i;

/** The arXiv id an entry names (eprint, url, DOI, or "arXiv preprint arXiv:…" text), or null. */
export function bibArxivId(f: Map<string, string>): string | null {
  const get = (k: string) => latexToText(f.get(k) ?? '');
  const prefix = (get('archiveprefix') || get('eprinttype')).toLowerCase();
  const eprint = get('eprint');
  if (eprint && (!prefix || prefix === 'arxiv')) {
    const id = normaliseId(eprint) ?? paperIdFromUrl(eprint);
    if (id) return id;
  }
  for (const k of ['url', 'howpublished', 'eprint', 'note', 'pdf', 'link']) {
    for (const url of (f.get(k) ?? '').match(/https?:\/\/[^\s{}"\\]+/g) ?? []) {
      const id = paperIdFromUrl(url);
      if (id) return id;
    }
  }
  const doi = /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\.(.+)$/i.exec(get('doi'));
  if (doi && normaliseId(doi[1]!)) return normaliseId(doi[1]!);
  // DBLP: journal = {CoRR}, volume = {abs/1706.03762}
  if (/^corr$/i.test(get('journal')) && /^abs\//.test(get('volume'))) {
    const id = normaliseId(get('volume').slice(4));
    if (id) return id;
  }
  for (const k of ['journal', 'note', 'howpublished', 'booktitle', 'publisher', 'number']) {
    const m = ID_IN_TEXT.exec(get(k));
    if (m && normaliseId(m[1]!)) return normaliseId(m[1]!);
  }
  return null;
}

/** `date` (biblatex) > year + month > year alone (as 1 January). */
function bibDate(f: Map<string, string>): string | undefined {
  const date = latexToText(f.get('date') ?? '');
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(date)) return date.length === 7 ? `${date}-01` : date;
  const year = /^\d{4}$/.exec(latexToText(f.get('year') ?? ''))?.[0];
  if (!year) return undefined;
  const month = latexToText(f.get('month') ?? '').toLowerCase();
  const m = /^\d{1,2}$/.test(month) ? +month : MONTHS.indexOf(month.slice(0, 3)) + 1;
  return `${year}-${String(m >= 1 && m <= 12 ? m : 1).padStart(2, '0')}-01`;
}

/** JabRef "2025-06-26T10:00:00", BibDesk "2025-06-26 10:00:00 +0000" → ISO; anything else → undefined. */
const stamp = (v: string) => (v ? isoDate(v.replace(/^(\S+) (\d)/, '$1T$2').replace(/ ([+-]\d{2}:?\d{2})$/, '$1')) : undefined);

export function parseBibtex(text: string, now: Date): ParseOutput {
  const { entries, errors, warnings } = parseBibtexEntries(text);
  const out: ParseOutput = { papers: [], topics: [], skipped: 0, errors, warnings };
  if (errors.length) return out;
  if (!entries.length) return (errors.push('No BibTeX entries found in the file.'), out);
  const nowIso = now.toISOString();
  const papers = [];
  for (const e of entries) {
    const id = bibArxivId(e.fields);
    if (!id) {
      out.skipped++;
      continue;
    }
    const text = (k: string) => latexToText(e.fields.get(k) ?? '');
    papers.push(
      loosePaper(
        {
          id,
          title: text('title'),
          authors: bibAuthors(e.fields.get('author') ?? ''),
          summary: text('abstract'),
          publishedAt: bibDate(e.fields),
          savedAt: stamp(text('creationdate') || text('date-added') || text('timestamp')),
          updatedAt: stamp(text('modificationdate') || text('date-modified')),
          primaryClass: text('primaryclass'),
          tags: text('keywords').split(/[,;]/),
        },
        nowIso,
      ),
    );
  }
  const { papers: unique, repeated } = combineDuplicates(papers);
  for (const id of repeated) warnings.push(`${id} appears in more than one entry; they were combined.`);
  out.papers = unique;
  return out;
}
