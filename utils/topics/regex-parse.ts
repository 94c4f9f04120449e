/**
 * A small parser for JavaScript regular expressions that already compile with flag `u` (so their
 * syntax is valid and strict): enough structure for regex-analysis.ts (groups, alternatives,
 * repeats, assertions, literal characters), not a general-purpose one.
 */

export interface Node {
  /** 'assert': ^ $ \b \B and lookarounds (src starts with "(?"); 'backref': \1, \k<name>. */
  kind: 'atom' | 'assert' | 'group' | 'backref';
  src: string;
  /** Offset in the pattern, for \b and \B. */
  at?: number;
  /** A single literal character, for atoms. */
  literal?: string;
  min: number;
  max: number;
  alts: Node[][];
}

const QUANT = /(?:([*+?])|\{(\d+)(,(\d*))?\})\??/y;

const CONTROL: Record<string, string> = { n: '\n', r: '\r', t: '\t', f: '\f', v: '\v', '0': '\0' };

/** The alternatives of pattern `p`, each a sequence of nodes. `p` must compile with flag `u`. */
export function parse(p: string): Node[][] {
  let i = 0;
  /** Just past the next `ch` from `from` (or the end: never loop on input we do not expect). */
  const past = (ch: string, from: number) => {
    const j = p.indexOf(ch, from);
    return j < 0 ? p.length : j + 1;
  };

  function alternatives(): Node[][] {
    const alts: Node[][] = [[]];
    while (i < p.length && p[i] !== ')') {
      if (p[i] === '|') {
        i++;
        alts.push([]);
        continue;
      }
      alts[alts.length - 1]!.push(item());
    }
    return alts;
  }

  function escape(start: number): Node {
    const c = p[i + 1] ?? '';
    i += 2;
    if (/[1-9]/.test(c) || c === 'k') {
      i = c === 'k' ? past('>', i) : i + (/^\d*/.exec(p.slice(i))?.[0].length ?? 0);
      return { kind: 'backref', src: p.slice(start, i), min: 1, max: 1, alts: [] };
    }
    if (c === 'b' || c === 'B') return { kind: 'assert', src: p.slice(start, i), at: start, min: 1, max: 1, alts: [] };
    let literal: string | undefined = CONTROL[c] ?? c;
    if ((c === 'p' || c === 'P' || c === 'u') && p[i] === '{') i = past('}', i);
    else if (c === 'u') i += 4;
    else if (c === 'x') i += 2;
    else if (c === 'c') i += 1;
    if (/[dDwWsSpP]/.test(c)) literal = undefined;
    else if (c === 'u' || c === 'x') literal = String.fromCodePoint(parseInt(p.slice(start + 2, i).replace(/[{}]/g, ''), 16));
    else if (c === 'c') literal = String.fromCharCode(p.charCodeAt(i - 1) % 32);
    return { kind: 'atom', src: p.slice(start, i), literal, min: 1, max: 1, alts: [] };
  }

  function item(): Node {
    const start = i;
    const c = p[i]!;
    let node: Node;
    if (c === '(') {
      i++;
      let kind: Node['kind'] = 'group';
      if (p[i] === '?') {
        if (p[i + 1] === '=' || p[i + 1] === '!') (i += 2), (kind = 'assert');
        else if (p[i + 1] === '<' && (p[i + 2] === '=' || p[i + 2] === '!')) (i += 3), (kind = 'assert');
        else if (p[i + 1] === '<') i = past('>', i);
        else i = past(':', i); // (?: and modifier groups like (?i:
      }
      const alts = alternatives();
      i++; // ')'
      node = { kind, src: p.slice(start, i), min: 1, max: 1, alts };
    } else if (c === '[') {
      i++;
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1;
      i++;
      node = { kind: 'atom', src: p.slice(start, i), min: 1, max: 1, alts: [] };
    } else if (c === '\\') {
      node = escape(start);
    } else if (c === '^' || c === '$') {
      i++;
      node = { kind: 'assert', src: c, min: 1, max: 1, alts: [] };
    } else {
      const ch = String.fromCodePoint(p.codePointAt(i)!);
      i += ch.length;
      node = { kind: 'atom', src: ch, literal: c === '.' ? undefined : ch, min: 1, max: 1, alts: [] };
    }
    QUANT.lastIndex = i;
    const q = QUANT.exec(p);
    if (q) {
      i += q[0].length;
      if (q[1]) [node.min, node.max] = q[1] === '*' ? [0, Infinity] : q[1] === '+' ? [1, Infinity] : [0, 1];
      else {
        node.min = Number(q[2]);
        node.max = q[3] === undefined ? node.min : q[4] ? Number(q[4]) : Infinity;
      }
    }
    return node;
  }

  return alternatives();
}
