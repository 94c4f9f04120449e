/**
 * Static analysis of a user's regular expression, which must already compile with `u` (strict
 * syntax): `regexHazard` says whether it could backtrack catastrophically; `requiredLiteral` finds
 * text every match contains, so the matcher can skip a field after one fast native search;
 * `fastPattern` rewrites word boundaries into a form V8 runs quickly under `iu`.
 *
 * JavaScript has no regex timeout, so a bad pattern would freeze every huggingface.co/papers tab.
 * regexHazard is conservative. Rejected:
 * - backreferences (`\1`, `\k<name>`);
 * - a repeated group (`*`, `+`, `{n,m}` with m > 1) that contains any repeat or any `|`:
 *   `(a+)+`, `(a*)*`, `(a|a)*`, `(\w+\s?)+`, `(ab?)+`;
 * - too many repeats that can overlap with what follows them. Each variable repeat costs its
 *   number of choices (`?` 2, `{2,5}` 4, open-ended `*`/`+`/`{n,}` counts as 10,000), unless it ends the
 *   pattern or is followed by a literal character it cannot match (`\s+x`, `[a-z]+:`). The product
 *   of the costs must stay ≤ 50,000: one `.*` is fine, `.*x.*y` is not (use `.{0,80}`).
 */

import { type Node, parse } from './regex-parse';

export const OPEN_ENDED_COST = 10_000;
export const COST_LIMIT = 50_000;

class Unsafe extends Error {}

const variable = (n: Node) => n.max > n.min;
const hasBackref = (alts: Node[][]): boolean => alts.some((seq) => seq.some((n) => n.kind === 'backref' || hasBackref(n.alts)));
const hasRepeat = (alts: Node[][]): boolean => alts.some((seq) => seq.some((n) => variable(n) || hasRepeat(n.alts)));
const hasAlt = (alts: Node[][]): boolean => alts.length > 1 || alts.some((seq) => seq.some((n) => hasAlt(n.alts)));

/** Product of the choices of the repeats that can overlap what follows them; throws Unsafe. */
function cost(alts: Node[][], top: boolean): number {
  let total = 1;
  for (const seq of alts) {
    seq.forEach((n, k) => {
      if (n.kind === 'group' && n.max > 1) {
        if (hasRepeat(n.alts)) throw new Unsafe('a repeat inside a repeated group, like (a+)+, can take forever; remove one of the repeats');
        if (hasAlt(n.alts)) throw new Unsafe('a repeated group with alternatives, like (a|b)*, can take forever; use a character class like [ab]*');
      }
      if (n.kind === 'group') total *= cost(n.alts, false);
      // Lookarounds are atomic: their cost adds to the rest instead of multiplying it.
      else if (n.kind === 'assert' && cost(n.alts, n.src.startsWith('(?=') || n.src.startsWith('(?!')) > COST_LIMIT) total = Infinity;
      if (!variable(n)) return;
      const next = seq[k + 1];
      if (top && !next) return; // a final repeat never has to give anything back
      if (n.kind === 'atom' && next?.kind === 'atom' && next.literal !== undefined && next.min >= 1 &&
          !new RegExp(`^(?:${n.src})$`, 'iu').test(next.literal)) return; // \s+x: x stops the repeat
      total *= n.max === Infinity ? OPEN_ENDED_COST : n.max - n.min + 1;
    });
  }
  return total;
}

/** Why `pattern` is unsafe to run on untrusted text, or null. `pattern` must compile with `u`. */
export function regexHazard(pattern: string): string | null {
  const alts = parse(pattern);
  if (hasBackref(alts)) return 'backreferences are not supported';
  try {
    const c = cost(alts, true);
    if (c > COST_LIMIT)
      return 'too many repeats that can overlap, like .*x.*, which can take forever; use a bounded repeat like .{0,80} or a "phrase"';
    return null;
  } catch (e) {
    if (e instanceof Unsafe) return e.message;
    throw e;
  }
}

/**
 * The longest run of plain ASCII characters every match contains, lowercased (`\bgpt-?4o?\b` →
 * "gpt"), or null when there is none of at least 2 characters. Search for it with flags `iu`.
 */
export function requiredLiteral(pattern: string): string | null {
  const alts = parse(pattern);
  if (alts.length !== 1) return null;
  let best = '';
  let run = '';
  const close = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (const n of alts[0]!) {
    if (n.kind === 'assert') continue; // zero-width: the characters around it are still adjacent
    const lit = n.kind === 'atom' && n.literal !== undefined && n.literal.charCodeAt(0) < 128 ? n.literal.toLowerCase() : undefined;
    if (lit === undefined || n.min === 0) {
      close();
      continue;
    }
    run += lit.repeat(Math.min(n.min, 50));
    if (n.max !== n.min) close();
  }
  close();
  return best.length >= 2 ? best : null;
}

/**
 * The ASCII letters and digits, lowercased, that every match starts with right after a leading
 * `\b` (`\bRL(HF)?\b` → "rl"), or null (no such start, or shorter than 2). In ASCII text such a
 * match starts a word, as the tokenizer reads words, that starts with them: the matcher runs the
 * regex only on fields where one does.
 */
export function wordStartLiteral(pattern: string): string | null {
  const alts = parse(pattern);
  if (alts.length !== 1) return null;
  const seq = alts[0]!;
  if (seq[0]?.kind !== 'assert' || seq[0].src !== '\\b') return null;
  let out = '';
  for (let k = 1; k < seq.length; k++) {
    const n = seq[k]!;
    if (n.kind !== 'atom' || n.literal === undefined || !/^[A-Za-z0-9]$/.test(n.literal) || n.min === 0) break;
    out += n.literal.toLowerCase().repeat(Math.min(n.min, 50));
    if (n.max !== n.min) break;
  }
  return out.length >= 2 ? out : null;
}

const wordAtom = (n: Node | undefined) =>
  n !== undefined && n.kind === 'atom' && n.min >= 1 && (/^\w$/.test(n.literal ?? '') || n.src === '\\w' || n.src === '\\d');

/**
 * The same pattern with each \b or \B next to a word-character atom written as the one-sided
 * lookaround it then means: `\bRL` → `(?<!\w)RL`, `ing\b` → `ing(?!\w)`. Same matches; V8 runs a
 * leading \b under the `iu` flags about 40× slower, as it can no longer look for the letter first.
 */
export function fastPattern(pattern: string): string {
  const edits: Array<[number, string]> = [];
  const walk = (alts: Node[][]): void =>
    alts.forEach((seq) =>
      seq.forEach((n, k) => {
        walk(n.alts);
        if (n.at === undefined) return;
        const boundary = n.src === '\\b';
        if (wordAtom(seq[k + 1])) edits.push([n.at, boundary ? '(?<!\\w)' : '(?<=\\w)']);
        else if (wordAtom(seq[k - 1])) edits.push([n.at, boundary ? '(?!\\w)' : '(?=\\w)']);
      }),
    );
  walk(parse(pattern));
  let out = pattern;
  for (const [at, rep] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + rep + out.slice(at + 2);
  return out;
}
