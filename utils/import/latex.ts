/** LaTeX-ish BibTeX field text → plain Unicode, and BibTeX author lists → names. */

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
