/**
 * BibTeX syntax: a small hand parser (no parser library in the runtime bundle) from .bib text to
 * entries with their raw fields. Syntax errors name the line.
 */

export interface BibEntry {
  type: string;
  key: string;
  /** lower-cased field name → raw value (delimiters removed, `#` joined, macros expanded) */
  fields: Map<string, string>;
}

export const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
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
