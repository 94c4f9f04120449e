import { describe, expect, it } from 'vitest';
import { MAX_TERMS_PER_TOPIC, parseTerm, parseTerms, validateTopic } from '../../../utils/topics';

const words = (line: string) => {
  const r = parseTerm(line);
  if (!r.ok) throw new Error(r.error);
  return r.term.kind === 'regex' ? r.term.pattern : r.term.words.map((w) => w.text + (w.prefix ? '*' : '')).join(' ');
};

describe('parseTerm: accepted syntax', () => {
  it.each([
    // [line, kind, negate, words or regex body]
    ['diffusion', 'word', false, 'diffusion'],
    ['  Diffusion  ', 'word', false, 'diffusion'],
    ['DiT', 'word', false, 'dit'],
    ['GPT4', 'word', false, 'gpt4'],
    ['diffusion*', 'prefix', false, 'diffusion*'],
    ['RL*', 'prefix', false, 'rl*'],
    ['code generation', 'phrase', false, 'code generation'],
    ['code   generation', 'phrase', false, 'code generation'],
    ['"software engineering"', 'phrase', false, 'software engineering'],
    ['\u201csoftware engineering\u201d', 'phrase', false, 'software engineering'],
    ['"LLM"', 'word', false, 'llm'],
    ['LLM-based', 'phrase', false, 'llm based'],
    ['repository-level', 'phrase', false, 'repository level'],
    ['code llm*', 'phrase', false, 'code llm*'],
    ['diffusion* model*', 'phrase', false, 'diffusion* model*'],
    ['"code llm*"', 'phrase', false, 'code llm*'],
    ['-survey', 'word', true, 'survey'],
    ['- survey', 'word', true, 'survey'],
    ['-"code of conduct"', 'phrase', true, 'code of conduct'],
    ['-/\\bsurvey\\b/', 'regex', true, '\\bsurvey\\b'],
    ['/\\bRL(HF|AIF)?\\b/', 'regex', false, '\\bRL(HF|AIF)?\\b'],
    ['/rl(hf)?/i', 'regex', false, 'rl(hf)?'],
    ['/a/b/', 'regex', false, 'a/b'],
    ['/diffusion.*transformer/', 'regex', false, 'diffusion.*transformer'],
    ['/llama ?3(\\.\\d)?/', 'regex', false, 'llama ?3(\\.\\d)?'],
    ['/large\\s+language\\s+models?/', 'regex', false, 'large\\s+language\\s+models?'],
    ['Café', 'word', false, 'café'],
    ['Cafe\u0301', 'word', false, 'café'],
    ['ÉTUDE', 'word', false, 'étude'],
    ['ﬁne-tuning', 'phrase', false, 'fine tuning'],
    ['ＬＬＭ', 'word', false, 'llm'],
    ['ΟΔΟΣ', 'word', false, 'οδοσ'],
    ['扩散模型', 'phrase', false, '扩 散 模 型'],
    ['大規模言語モデル', 'phrase', false, '大 規 模 言 語 モ デ ル'],
    ['트랜스포머', 'word', false, '트랜스포머'],
    ['نموذج', 'word', false, 'نموذج'],
    ['LL\u200bM', 'word', false, 'llm'],
    ['\u200fLLM\u200e', 'word', false, 'llm'],
  ] as const)('%j → %s', (line, kind, negate, body) => {
    const r = parseTerm(line);
    expect(r.ok && r.term.kind).toBe(kind);
    expect(r.ok && r.term.negate).toBe(negate);
    expect(r.ok && r.term.source).toBe(line.trim().replace(/^\u200f|\u200e$/g, ''));
    expect(words(line)).toBe(body);
  });
});

describe('parseTerm: errors name the term and the reason', () => {
  it.each([
    ['', 'Invalid term "": it is empty'],
    ['   ', 'Invalid term "": it is empty'],
    ['# comment', 'Invalid term "# comment": lines starting with # are comments'],
    ['-', 'Invalid term "-": nothing after the -'],
    ['--survey', 'Invalid term "--survey": use a single - to exclude a term'],
    ['---', 'Invalid term "---": use a single - to exclude a term'],
    ['C++', 'Invalid term "C++": unsupported character "+" (use a /regular expression/ to match symbols)'],
    ['GPT-4.5', 'Invalid term "GPT-4.5": unsupported character "." (use a /regular expression/ to match symbols)'],
    ['🚀 rocket', 'Invalid term "🚀 rocket": unsupported character "🚀" (use a /regular expression/ to match symbols)'],
    ['*', 'Invalid term "*": * goes at the end of a word, as in diffusion*'],
    ['*diffusion', 'Invalid term "*diffusion": * goes at the end of a word, as in diffusion*'],
    ['diff*sion', 'Invalid term "diff*sion": * goes at the end of a word, as in diffusion*'],
    ['diffusion**', 'Invalid term "diffusion**": * goes at the end of a word, as in diffusion*'],
    ['code *', 'Invalid term "code *": * goes at the end of a word, as in diffusion*'],
    ['"code generation', 'Invalid term ""code generation": missing the closing quote'],
    ['"', 'Invalid term """: missing the closing quote'],
    ['""', 'Invalid term """": it has no letters or digits'],
    ['" - "', 'Invalid term "" - "": it has no letters or digits'],
    ['\u200b', 'Invalid term "": it is empty'],
    ['\u0301', 'Invalid term "\u0301": it has no letters or digits'],
    ['/(a/', 'Invalid term "/(a/": unterminated group'],
    ['/[a/', 'Invalid term "/[a/": unterminated character class'],
    ['/a{2,1}/', 'Invalid term "/a{2,1}/": numbers out of order in {} quantifier'],
    ['/\\p{Nope}/', 'Invalid term "/\\p{Nope}/": invalid property name'],
    ['/abc', 'Invalid term "/abc": missing the closing / of the regular expression'],
    ['/', 'Invalid term "/": missing the closing / of the regular expression'],
    ['//', 'Invalid term "//": empty regular expression'],
    ['/abc/g', 'Invalid term "/abc/g": unsupported flags "g" (regular expressions are always case-insensitive)'],
    ['/abc/xyz', 'Invalid term "/abc/xyz": unsupported flags "xyz" (regular expressions are always case-insensitive)'],
    ['/a*/', 'Invalid term "/a*/": it matches empty text'],
    ['/(rl)?/', 'Invalid term "/(rl)?/": it matches empty text'],
    ['/(a)\\1/', 'Invalid term "/(a)\\1/": backreferences are not supported'],
    ['/(?<x>a)\\k<x>/', 'Invalid term "/(?<x>a)\\k<x>/": backreferences are not supported'],
    ['/(a+)+$/', 'Invalid term "/(a+)+$/": a repeat inside a repeated group, like (a+)+, can take forever; remove one of the repeats'],
    ['/(a|a)*b/', 'Invalid term "/(a|a)*b/": a repeated group with alternatives, like (a|b)*, can take forever; use a character class like [ab]*'],
    ['/a.*b.*c/', 'Invalid term "/a.*b.*c/": too many repeats that can overlap, like .*x.*, which can take forever; use a bounded repeat like .{0,80} or a "phrase"'],
  ])('%j', (line, error) => {
    expect(parseTerm(line)).toEqual({ ok: false, error });
  });

  it('caps term length at 200 characters and shortens long terms in messages', () => {
    expect(parseTerm('a'.repeat(200)).ok).toBe(true);
    const r = parseTerm('a'.repeat(201));
    expect(r).toEqual({ ok: false, error: `Invalid term "${'a'.repeat(57)}…": longer than 200 characters` });
  });
});

describe('parseTerms', () => {
  it('skips blank lines and # comments, trims, and collects every error', () => {
    const { terms, errors } = parseTerms(['  diffusion ', '', '   ', '# my note', 'C++', '-survey', '/(a/']);
    expect(terms.map((t) => t.source)).toEqual(['diffusion', '-survey']);
    expect(errors).toEqual([
      'Invalid term "C++": unsupported character "+" (use a /regular expression/ to match symbols)',
      'Invalid term "/(a/": unterminated group',
    ]);
  });

  it('accepts the raw textarea value (any newline style)', () => {
    const { terms, errors } = parseTerms('diffusion\r\ncode generation\n\n# x\rDiT\n');
    expect(errors).toEqual([]);
    expect(terms.map((t) => t.kind)).toEqual(['word', 'phrase', 'word']);
  });
});

describe('validateTopic', () => {
  const ok = { name: 'Diffusion', include: ['diffusion'], exclude: [] as string[] };

  it('accepts a good topic', () => {
    expect(validateTopic(ok)).toEqual([]);
    expect(validateTopic({ name: ' RL & agents ', include: 'agent*\n-user agent', exclude: 'survey' })).toEqual([]);
  });

  it.each([
    [{ ...ok, name: '' }, ['The topic needs a name.']],
    [{ ...ok, name: '   ' }, ['The topic needs a name.']],
    [{ ...ok, name: 'x'.repeat(61) }, ['The name is longer than 60 characters.']],
    [{ ...ok, name: 'Code, LLMs' }, ['The name cannot contain a comma.']],
    [{ ...ok, include: [] }, ['Add at least one include term.']],
    [{ ...ok, include: ['', '# only a comment'] }, ['Add at least one include term.']],
    [{ ...ok, include: ['-survey'] }, ['Add at least one include term.']],
    [{ ...ok, include: ['C++'] }, ['Invalid term "C++": unsupported character "+" (use a /regular expression/ to match symbols)']],
    [{ ...ok, exclude: ['/(a+)+/'] }, ['Invalid term "/(a+)+/": a repeat inside a repeated group, like (a+)+, can take forever; remove one of the repeats']],
    [
      { name: ',', include: ['"x'], exclude: [] },
      ['The name cannot contain a comma.', 'Invalid term ""x": missing the closing quote'],
    ],
  ])('%j', (input, errors) => {
    expect(validateTopic(input)).toEqual(errors);
  });

  it('counts a 60-character name (in characters, not UTF-16 units) as fine', () => {
    expect(validateTopic({ ...ok, name: 'x'.repeat(60) })).toEqual([]);
    expect(validateTopic({ ...ok, name: '🧪'.repeat(60) })).toEqual([]);
  });

  it(`caps terms per topic at ${MAX_TERMS_PER_TOPIC}`, () => {
    const many = Array.from({ length: 150 }, (_, i) => `word${i}`);
    expect(validateTopic({ ...ok, include: many.slice(0, 100), exclude: many.slice(100) })).toEqual([]);
    expect(validateTopic({ ...ok, include: many, exclude: many.slice(0, 51) })).toEqual(['Too many terms (201); the limit is 200.']);
  });
});
