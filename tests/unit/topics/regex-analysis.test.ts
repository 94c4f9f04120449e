import { describe, expect, it } from 'vitest';
import { compileTopics, matchTopics, parseTerm } from '../../../utils/topics';
import { fastPattern, regexHazard, requiredLiteral, wordStartLiteral } from '../../../utils/topics/regex-analysis';
import type { Topic } from '../../../utils/types';

const CATASTROPHIC = [
  // nested repeats
  '(a+)+',
  '(a+)+$',
  '^(a+)+$',
  '(a*)*',
  '(a*)*b',
  '(\\w+\\s?)+',
  '(\\w+\\s?)+$',
  '(\\d+)*x',
  '((ab)*)+',
  '(x+x+)+y',
  '([a-z]+)*@',
  '(?:\\s*\\w+)+;',
  '(a{1,3})+b',
  '(ab?)+c',
  '(.*a){12}',
  '(?<word>\\w+)*!',
  // alternatives inside a repeat
  '(a|a)*',
  '(a|a)*b',
  '(a|aa)+$',
  '(a|b|ab)*c',
  '(?:\\w|\\d)+!',
  '(?:a|(b))*',
  // overlapping open-ended repeats (polynomial blow-up)
  '\\w+\\w+x',
  'a*a*a*b',
  '.*.*=.*',
  '\\s*\\s*$',
  'a.*b.*c',
  '.{0,1000}.{0,1000}x',
  'a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?a?aaaaaaaaaaaaaaaa',
  // backreferences
  '(a)\\1',
  '(a+)\\1+b',
  '(?<q>["\'])\\w*\\k<q>',
];

const ACCEPTED = [
  '\\bRL(HF|AIF)?\\b',
  'llama ?3(\\.\\d)?',
  'diffusion.*transformer',
  'large\\s+language\\s+models?',
  'gpt-?4o?',
  '\\b(?:text|image)-to-(?:video|3d)\\b',
  '[a-z]+coder\\b',
  '\\d+b\\s+param',
  'code.{0,80}generation',
  'a.{0,40}b.{0,40}c',
  '(?:ab)+c',
  '\\w+@\\w+',
  '[^ ]+ing\\b',
  'a+$',
  '(?=\\w*x)\\w+y',
  'x(?!y)\\w*z',
  '\\p{L}+\\d',
  '[a-z]{2,8}-bench\\b',
  '(?:agent|agents|agentic)\\b',
  'a?a?a?a?a?a?a?a?aaaaaaaa',
];

describe('regex safety', () => {
  it.each(CATASTROPHIC)('rejects /%s/', (pattern) => {
    const started = performance.now();
    expect(regexHazard(pattern)).not.toBeNull();
    const r = parseTerm(`/${pattern}/`);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^Invalid term "\/.*\/": (backreferences|a repeat inside|a repeated group|too many repeats)/);
    // Validation never runs the pattern on text: generous bound, it is ~0.1 ms.
    expect(performance.now() - started).toBeLessThan(250);
  });

  it.each(ACCEPTED)('accepts /%s/', (pattern) => {
    expect(regexHazard(pattern)).toBeNull();
    expect(parseTerm(`/${pattern}/`).ok).toBe(true);
  });

  // Accepted patterns are at worst quadratic in the field length (one open-ended repeat retried
  // from every position): ~0.1–0.3 s per pattern on 10,000 hostile characters, ~100× less on a
  // real 2,000-character abstract. Each one, alone, must be compiled, come back on every hostile
  // text within SAFE_MS, and give the answer the pattern itself gives. SAFE_MS is a safety bound,
  // not a speed target: a quadratic pattern takes ~1.5 s here when the 2 cores are shared with
  // other test runs, catastrophic backtracking takes minutes to years.
  const n = 10_000;
  const fill = (unit: string) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const HOSTILE_TEXTS: Array<[string, string]> = [
    ['a×10,000 then !', fill('a') + '!'],
    ['spaces', fill(' ')],
    ['digits', fill('1')],
    ['ab…', fill('ab')],
    ['a b …', fill('a b ')],
    ['diffusion …', fill('diffusion ')],
    ['agentic-…', fill('agentic-')],
    ['x + zero-width spaces', fill('x\u200b')], // the invisible-character path
    ['a1 …', fill('a1 ')],
  ];
  const SAFE_MS = 5000;
  const topicOf = (pattern: string, i = 0): Topic => ({ id: `r${i}`, name: `R${i}`, color: '#000000', include: [`/${pattern}/`], exclude: [], enabled: true, order: i });

  it.each(ACCEPTED)('compiles /%s/ and matches it on 10,000-character hostile texts within SAFE_MS each, as the pattern says', { timeout: 60_000 }, (pattern) => {
    const compiled = compileTopics([topicOf(pattern)]);
    expect(compiled.regexes).toHaveLength(1);
    const plain = new RegExp(pattern, 'iu');
    for (const [name, text] of HOSTILE_TEXTS) {
      const started = performance.now();
      const out = matchTopics(compiled, { title: text });
      const ms = performance.now() - started;
      expect(ms, `/${pattern}/ on ${name}: ${Math.round(ms)} ms`).toBeLessThan(SAFE_MS);
      expect(out.map((m) => m.topicId), `/${pattern}/ on ${name}`).toEqual(plain.test(text.replace(/\u200b/g, '')) ? ['r0'] : []);
    }
  });

  it('matches a hostile card in every field against every accepted pattern at once, within SAFE_MS per field', { timeout: 60_000 }, () => {
    const compiled = compileTopics(ACCEPTED.map(topicOf));
    expect(compiled.regexes).toHaveLength(ACCEPTED.length);
    const t = fill('a1 ');
    const started = performance.now();
    const out = matchTopics(compiled, { title: t, abstract: t, keywords: [t], organization: t });
    expect(performance.now() - started).toBeLessThan(4 * SAFE_MS);
    const expected = ACCEPTED.flatMap((p, i) => (new RegExp(p, 'iu').test(t) ? [`r${i}`] : []));
    expect(out.map((m) => m.topicId)).toEqual(expected);
  });

  // A refused pattern can still arrive as stored data (an old backup, a hand-edited file): it is
  // never compiled, so matching cannot hang on it.
  it.each(CATASTROPHIC)('never compiles the stored /%s/, and matching hostile texts with it comes back at once', (pattern) => {
    const compiled = compileTopics([{ ...topicOf(pattern), include: [`/${pattern}/`, 'fallback'] }]);
    expect(compiled.regexes).toHaveLength(0);
    for (const [name, text] of HOSTILE_TEXTS) {
      const started = performance.now();
      expect(matchTopics(compiled, { title: text })).toEqual([]);
      expect(performance.now() - started, `${name}`).toBeLessThan(SAFE_MS);
    }
  });
});

describe('requiredLiteral', () => {
  it.each([
    ['\\bRL(HF|AIF)?\\b', 'rl'],
    ['\\bgpt-?4o?\\b', 'gpt'],
    ['llama ?3(\\.\\d)?', 'llama'],
    ['Diffusion.*Transformer', 'transformer'],
    ['code.{0,80}generation', 'generation'],
    ['a{3}b', 'aaab'],
    ['c\\+\\+', 'c++'],
    ['x\\u0041y', 'xay'],
    ['ab|cd', null],
    ['\\d+', null],
    ['[ab]c', null],
    ['v(?:i)?t', null],
    ['é+té', null],
  ])('/%s/ → %j', (pattern, literal) => {
    expect(requiredLiteral(pattern)).toBe(literal);
  });
});

describe('wordStartLiteral', () => {
  it.each([
    ['\\bRL(HF|AIF)?\\b', 'rl'],
    ['\\bgpt-?4o?\\b', 'gpt'],
    ['\\bCode\\b', 'code'],
    ['\\bx{2}y+z', 'xxy'],
    ['\\bx\\u0041y', 'xay'],
    ['\\bab?c', null], // "a" alone is too short to be worth a lookup
    ['\\bR', null],
    ['RL\\b', null], // no leading \b
    ['\\b(RL|PPO)', null],
    ['\\bRL|PPO', null],
    ['\\B(?:rl)', null],
    ['\\b[Rr]L', null],
    ['\\b_rl', null],
    ['\\bé+té', null],
    ['^RL', null],
  ])('/%s/ → %j', (pattern, start) => {
    expect(wordStartLiteral(pattern)).toBe(start);
  });
});

describe('fastPattern', () => {
  it.each([
    ['\\bRL(HF|AIF)?\\b', '(?<!\\w)RL(HF|AIF)?\\b'],
    ['\\bcode\\b', '(?<!\\w)code(?!\\w)'],
    ['\\Bing\\b', '(?<=\\w)ing(?!\\w)'],
    ['\\b\\d+b\\b', '(?<!\\w)\\d+b(?!\\w)'],
    ['\\b(?:a|b)\\b', '\\b(?:a|b)\\b'],
    ['(?:\\bfoo|bar\\b)', '(?:(?<!\\w)foo|bar(?!\\w))'],
    ['[\\b]x\\b', '[\\b]x(?!\\w)'],
    ['\\\\b', '\\\\b'],
    ['-\\b-', '-\\b-'],
  ])('/%s/ → /%s/', (pattern, fast) => {
    expect(fastPattern(pattern)).toBe(fast);
  });

  it('finds exactly what the original finds', () => {
    const texts = ['RL, rlhf, CURL, RLAIFx, ſigma, Kelvin K, code_x, ing thing singing', 'é\u00e9code écode codeé 12b 3B b12b'];
    for (const p of ['\\bRL(HF|AIF)?\\b', '\\bcode\\b', '\\Bing\\b', '\\b\\d+b\\b', '\\bk', '\\bſ', 's\\b', '(?:\\bfoo|bar\\b)']) {
      for (const t of texts) {
        const all = (re: RegExp) => [...t.matchAll(re)].map((m) => [m.index, m[0]]);
        expect(all(new RegExp(fastPattern(p), 'giu'))).toEqual(all(new RegExp(p, 'giu')));
      }
    }
  });

  it('the required-text check agrees with iu case folding (ſ is s, K is k)', () => {
    const c = compileTopics([
      { id: 's', name: 'S', color: '#000000', include: ['/sigma/'], exclude: [], enabled: true, order: 0 },
      { id: 'k', name: 'K', color: '#000000', include: ['/kelvin/'], exclude: [], enabled: true, order: 1 },
    ]);
    expect(matchTopics(c, { title: 'ſigma and \u212Aelvin' }).map((m) => m.terms)).toEqual([['ſigma'], ['\u212Aelvin']]);
  });
});
