/** The regex pass over one field: each distinct regex runs once, only if its required text occurs. */
import type { CompiledTopics } from './compile';
import type { ScanState } from './scan-state';
import { HIDDEN, kindAt } from './tokenize';

const MAX_REGEX_HITS = 100;

/** `text` without invisible characters, and for each of its UTF-16 units the offset in `text`. */
function strip(text: string): { subject: string; map: number[] } {
  const map: number[] = [];
  let subject = '';
  for (let i = 0; i < text.length; ) {
    const kw = kindAt(text, i);
    const w = kw & 3;
    if (kw >> 2 !== HIDDEN) {
      subject += text.slice(i, i + w);
      for (let j = 0; j < w; j++) map.push(i + j);
    }
    i += w;
  }
  map.push(text.length);
  return { subject, map };
}

/**
 * Record the regex terms found in `text` in `s`, after scanWords has read it: what it noted there
 * (`s.nonAscii`, `s.gates`) tells which regexes cannot match; when it saw invisible characters
 * (`s.hidden`), the regexes run on the text without them.
 */
export function scanRegexes(c: CompiledTopics, s: ScanState, text: string, field: number): void {
  const hidden = s.hidden;
  const litState = s.literals;
  const { subject, map } = hidden ? strip(text) : { subject: text, map: null };
  for (const { re, literal, gate, refs } of c.regexes) {
    if (refs.every((r) => s.excluded(r.topic))) continue;
    if (gate >= 0 && !s.nonAscii) {
      if (s.gates[gate] === 0) continue; // no word starts as every match must
    } else if (literal >= 0 && !hidden) {
      let has = litState[literal]!;
      if (has === 0) litState[literal] = has = c.literals[literal]!.test(text) ? 1 : 2;
      if (has === 2) continue;
    }
    re.lastIndex = 0;
    for (let n = 0; n < MAX_REGEX_HITS; n++) {
      const m = re.exec(subject);
      if (m === null) break;
      if (m[0].length === 0) {
        re.lastIndex = m.index + 1;
        continue;
      }
      const start = map ? map[m.index]! : m.index;
      const end = map ? map[m.index + m[0].length - 1]! + 1 : m.index + m[0].length;
      for (const r of refs) s.record(r.topic, r.negate, field, start, end, text, null, 0);
    }
  }
}
