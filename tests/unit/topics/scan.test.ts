/**
 * The matcher's fast paths (ASCII words read inline and found by hash, phrases checked when the
 * scan reaches their next word, regexes skipped on ASCII fields where no word starts as they must)
 * against plain readings: the shared tokenizer word by word, and each regex run on the whole text.
 */
import { describe, expect, it } from 'vitest';
import { compileTopics, matchTopics, parseTerm } from '../../../utils/topics';
import { merge, wordSpans } from './reference';
import type { Topic } from '../../../utils/types';

const topic = (include: string[]): Topic => ({ id: 't', name: 'T', color: '#123456', include, exclude: [], enabled: true, order: 0 });


/** Spans of regex terms: each run on the whole title (no invisible characters in these titles). */
function regexSpans(patterns: string[], title: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  for (const p of patterns) for (const m of title.matchAll(new RegExp(p, 'giu'))) if (m[0] !== '') spans.push([m.index, m.index + m[0].length]);
  return spans;
}

function generator(seed: number) {
  return (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
}

const ranges = (terms: string[], title: string) =>
  (matchTopics(compileTopics([topic(terms)]), { title })[0]?.ranges ?? []).map((r) => [r.start, r.end]);

describe('word and phrase terms agree with a word-by-word reading', () => {
  const POOL = [
    'code', 'Code', 'gen', 'generation', 'of', 'conduct', 'llm', 'LLMs', 'a', 'b', 'ab', 'café', 'Cafe\u0301', 'é', '扩散', '模型',
    ' ', ' ', ' ', '  ', '-', '\u2013', '\u00a0', '\u200b', '\u00ad', ',', '.', '(', '_', "'", '\u2019', 'x1', '\u017f', '\u212a', '🚀',
  ];
  const TERMS = [
    'code', 'code generation', 'code of conduct', 'code llm*', 'llm*', 'a b', 'a b a', 'ab* b', 'b a*', 'code café',
    'gen* é', 'café code', '扩散模型', '扩散 code', 'x1 x1', 'llms ab', 'of*',
  ];

  it.each([1, 2, 3])('on 3,000 generated titles (seed %i)', (seed) => {
    const rand = generator(seed);
    let withMatches = 0;
    for (let t = 0; t < 3000; t++) {
      const title = Array.from({ length: 1 + rand(16) }, () => POOL[rand(POOL.length)]).join(rand(3) ? ' ' : '');
      const got = ranges(TERMS, title);
      expect(got, JSON.stringify(title)).toEqual(merge(wordSpans(TERMS, title)));
      if (got.length) withMatches++;
    }
    expect(withMatches).toBeGreaterThan(1000);
  });
});

describe('regex terms agree with running the regex on the text', () => {
  // Letters that fold to ASCII under `iu` (ſ → s, Kelvin sign → k), "_" (a \w character the
  // tokenizer splits words at) and non-ASCII letters right before a match.
  const POOL = ['RL', 'rl', 'Rlhf', 'RLHF', 'rlaif', 'x', 'CURL', '_', 'é', '\u017fs', '\u017f', '\u212a', '\u212al', 'kl', 'ss', 's1', 'gpt', '4o', '-', ' ', ' ', ', ', '(', ')'];
  const PATTERNS = ['\\bRL(HF|AIF)?\\b', '\\bkl\\w*', '\\bss\\d?', '\\bgpt-?4o?\\b', 'rl\\b'];

  it.each([1, 2, 3])('on 3,000 generated titles (seed %i)', (seed) => {
    const rand = generator(seed);
    const terms = PATTERNS.map((p) => `/${p}/`);
    const compiled = compileTopics([topic(terms)]);
    let withMatches = 0;
    for (let t = 0; t < 3000; t++) {
      const title = Array.from({ length: 1 + rand(10) }, () => POOL[rand(POOL.length)]).join(rand(2) ? ' ' : '');
      const got = (matchTopics(compiled, { title, abstract: title })[0]?.ranges ?? []).filter((r) => r.field === 'title').map((r) => [r.start, r.end]);
      expect(got, JSON.stringify(title)).toEqual(merge(regexSpans(PATTERNS, title)));
      if (got.length) withMatches++;
    }
    expect(withMatches).toBeGreaterThan(1000);
  });

  it('a \\b regex still runs on fields with characters past ASCII', () => {
    expect(ranges(['/\\bkl\\w*/'], '\u212alein')).toEqual([[0, 5]]); // Kelvin sign: no ASCII word starts with "kl"
    expect(ranges(['/\\bRL\\b/'], 'éRL')).toEqual([[1, 3]]); // "érl" is one word to the tokenizer
    expect(ranges(['/\\bRL\\b/'], '_RL')).toEqual([]);
    expect(ranges(['/\\bRL\\b/'], 'the RL step')).toEqual([[4, 6]]);
  });
});
