import { describe, expect, it } from 'vitest';
import { compileTopics, matchTopics, parseTerm, type MatchFields, type TopicMatch } from '../../../utils/topics';
import { words } from '../../../utils/topics/tokenize';
import { merge, wordSpans } from './reference';
import type { Topic } from '../../../utils/types';

let seq = 0;
function topic(include: string[], rest: Partial<Topic> = {}): Topic {
  seq++;
  return { id: `t${seq}`, name: `Topic ${seq}`, color: '#123456', include, exclude: [], enabled: true, order: seq, ...rest };
}

/** Matches of one topic made of `include` on a card whose title is `title`. */
function one(include: string[], title: string, exclude: string[] = []): TopicMatch | undefined {
  return matchTopics(compileTopics([topic(include, { exclude })]), { title })[0];
}

/** The highlighted pieces of each field, by slicing the given strings with the ranges. */
function pieces(m: TopicMatch | undefined, fields: MatchFields): string[] {
  return (m?.ranges ?? []).map((r) => `${r.field}:${fields[r.field]!.slice(r.start, r.end)}`);
}

describe('matchTopics: term syntax', () => {
  it.each([
    // plain words: whole word, any case; hyphens and punctuation split words
    ['diffusion', 'Diffusion Models Beat GANs', ['Diffusion']],
    ['diffusion', 'DIFFUSION', ['DIFFUSION']],
    ['diffusion', 'Latent-Diffusion for video', ['Diffusion']],
    ['diffusion', "diffusion's limits", ['diffusion']],
    ['diffusion', 'diffusion_model', ['diffusion']],
    ['diffusion', 'Scaling diffusions', []],
    ['diffusion', 'nondiffusion baselines', []],
    ['diffusion', 'diffusion2 is a name', []],
    ['LLM', 'LLM-based RTL generation', ['LLM']],
    ['LLM', 'LLMs as programmers', []],
    ['LLM', '(LLM)', ['LLM']],
    ['DiT', 'Scalable DiT models', ['DiT']],
    ['DiT', 'We edit code', []],
    ['PPO', 'Proximal Policy Optimization (PPO), aimed', ['PPO']],
    // a hyphenated term is a phrase: any mix of spaces and dashes between its words
    ['LLM-based', 'advancing LLM-based RTL code', ['LLM-based']],
    ['LLM-based', 'an llm based agent', ['llm based']],
    ['LLM-based', 'LLM\u2013based (en dash)', ['LLM\u2013based']],
    ['LLM-based', 'LLM - based', ['LLM - based']],
    ['LLM-based', 'LLM: based', []],
    ['LLM-based', 'LLM/based', []],
    ['LLM-based', 'LLMbased', []],
    ['LLM-based', 'LLM-based-ish', ['LLM-based']],
    ['repository-level', 'executes repository-level test cases', ['repository-level']],
    // prefixes
    ['diffusion*', 'diffusion', ['diffusion']],
    ['diffusion*', 'Diffusions and diffusional flows', ['Diffusions', 'diffusional']],
    ['diffusion*', 'diffusion-based priors', ['diffusion']],
    ['diffusion*', 'nondiffusion', []],
    ['diffusion*', 'diffusio', []],
    ['RL*', 'RLHF and RLAIF, not CURL', ['RLHF', 'RLAIF']],
    ['agent*', 'Spec2RTL-Agent, multi-agent and agentic', ['Agent', 'agent', 'agentic']],
    // phrases, quoted or not
    ['code generation', 'Competition-Level Code Generation with AlphaCode', ['Code Generation']],
    ['"code generation"', 'Code-Generation', ['Code-Generation']],
    ['code generation', 'code\n   generation', ['code\n   generation']],
    ['code generation', 'code\u2014generation', ['code\u2014generation']],
    ['code generation', 'code, generation', []],
    ['code generation', 'codegeneration', []],
    ['code generation', 'code generations', []],
    ['code generation', 'generation code', []],
    ['code generation', 'code', []],
    ['code llm*', 'open-access code LLMs are', ['code LLMs']],
    ['code llm*', 'Code-LLM', ['Code-LLM']],
    ['code llm*', 'code large language models', []],
    ['diffusion* model*', 'Diffusion-Models and diffusional modelling', ['Diffusion-Models', 'diffusional modelling']],
    // regular expressions: always case-insensitive
    ['/\\bRL(HF|AIF)?\\b/', 'RL, rlhf and RLAIF; not CURL or RLHFX', ['RL', 'rlhf', 'RLAIF']],
    ['/llama ?3(\\.\\d)?/', 'Llama 3.1 and LLaMA3', ['Llama 3.1', 'LLaMA3']],
    ['/diffusion.*transformer/', 'Diffusion with a Transformer backbone', ['Diffusion with a Transformer']],
    ['/c\\+\\+/', 'synthesizable C++ code', ['C++']],
    ['/\\bx?/', 'no empty matches: x', ['x']],
  ])('%s in %j → %j', (term, title, expected) => {
    const m = one([term], title);
    expect(pieces(m, { title })).toEqual(expected.map((e) => `title:${e}`));
    // terms: whitespace collapsed, deduped case-insensitively
    const seen = new Set<string>();
    const terms = expected.map((e) => e.replace(/\s+/g, ' ')).filter((e) => !seen.has(e.toLowerCase()) && seen.add(e.toLowerCase()));
    expect(m?.terms ?? []).toEqual(terms);
  });
});

describe('matchTopics: fields, ranges and terms', () => {
  const fields: MatchFields = {
    title: 'Diffusion Models: diffusion everywhere',
    abstract: 'We train DIFFUSION models. Diffusion!',
    keywords: ['diffusion', 'image generation'],
    organization: 'Diffusion Lab',
  };

  it('ranges slice the given strings exactly; terms are deduped case-insensitively in reading order', () => {
    const m = one(['diffusion', 'image generation', 'lab'], fields.title);
    expect(m).toBeDefined();
    const [r] = matchTopics(compileTopics([topic(['diffusion', 'image generation', 'lab'])]), fields);
    expect(pieces(r, fields)).toEqual([
      'title:Diffusion',
      'title:diffusion',
      'abstract:DIFFUSION',
      'abstract:Diffusion',
    ]);
    expect(r!.terms).toEqual(['Diffusion', 'image generation', 'Lab']);
  });

  it('overlapping matches merge into one range', () => {
    const title = 'Diffusion models and diffusion model distillation';
    const m = one(['diffusion', 'diffusion model*', 'model distillation'], title);
    expect(pieces(m, { title })).toEqual(['title:Diffusion models', 'title:diffusion model distillation']);
    // "Diffusion" and "diffusion" lie inside longer matches: not repeated in the tooltip terms
    expect(m!.terms).toEqual(['Diffusion models', 'diffusion model', 'model distillation']);
    // a phrase overlapping itself
    const m2 = one(['a b a'], 'a b a b a');
    expect(m2).toMatchObject({ terms: ['a b a'], ranges: [{ field: 'title', start: 0, end: 9 }] });
  });

  it('matches keywords and organization without ranges', () => {
    const [m] = matchTopics(compileTopics([topic(['code generation', 'llama'])]), {
      title: 'AceCoder',
      keywords: ['LLM', 'code generation'],
      organization: 'Meta Llama',
    });
    expect(m).toMatchObject({ terms: ['code generation', 'Llama'], ranges: [] });
  });

  it('a phrase never spans two keywords or two fields', () => {
    const c = compileTopics([topic(['code generation'])]);
    expect(matchTopics(c, { title: 'Neural code', abstract: 'generation of text', keywords: ['code', 'generation'] })).toEqual([]);
  });

  it('returns topic id, name and colour, in topic order (by `order`, then list order)', () => {
    const a = topic(['diffusion'], { id: 'a', name: 'A', color: '#aa0000', order: 2 });
    const b = topic(['diffusion'], { id: 'b', name: 'B', color: '#00bb00', order: 1 });
    const c = topic(['models'], { id: 'c', name: 'C', color: '#0000cc', order: 1 });
    const ms = matchTopics(compileTopics([a, b, c]), fields);
    expect(ms.map((m) => [m.topicId, m.name, m.color])).toEqual([
      ['b', 'B', '#00bb00'],
      ['c', 'C', '#0000cc'],
      ['a', 'A', '#aa0000'],
    ]);
  });

  it('takes missing fields and empty strings', () => {
    const c = compileTopics([topic(['diffusion'])]);
    expect(matchTopics(c, { title: '' })).toEqual([]);
    expect(matchTopics(c, { title: '', abstract: '', keywords: [], organization: '' })).toEqual([]);
    expect(matchTopics(compileTopics([]), fields)).toEqual([]);
  });

  it('keeps no state between cards', () => {
    const c = compileTopics([topic(['diffusion']), topic(['survey'])]);
    expect(matchTopics(c, { title: 'A survey of diffusion' })).toHaveLength(2);
    expect(matchTopics(c, { title: 'Nothing here' })).toEqual([]);
    expect(matchTopics(c, { title: 'diffusion' }).map((m) => m.terms)).toEqual([['diffusion']]);
  });
});

describe('matchTopics: exclusion wins', () => {
  const diffusion = (rest: Partial<Topic>) => compileTopics([topic(['diffusion'], rest)]);

  it.each([
    ['exclude list, same field', { exclude: ['survey'] }, { title: 'A survey of diffusion' }],
    ['exclude list, other field', { exclude: ['survey'] }, { title: 'Diffusion', abstract: 'This survey covers…' }],
    ['exclude list, keyword', { exclude: ['benchmark'] }, { title: 'Diffusion', keywords: ['benchmark'] }],
    ['exclude list, organization', { exclude: ['Acme Corp'] }, { title: 'Diffusion', organization: 'ACME corp' }],
    ['- line in include', { include: ['diffusion', '-survey'] }, { title: 'Diffusion: a survey' }],
    ['- phrase', { include: ['diffusion', '-"code of conduct"'] }, { title: 'Diffusion code-of-conduct' }],
    ['- prefix', { include: ['diffusion', '-surv*'] }, { title: 'Diffusion surveys' }],
    ['- regex', { include: ['diffusion', '-/\\bv\\d\\b/'] }, { title: 'Diffusion v2' }],
    ['exclude regex', { exclude: ['/sur(vey)?/'] }, { title: 'Diffusion sur' }],
    ['exclusion matching the include word', { exclude: ['diffusion'] }, { title: 'Diffusion' }],
    ['leading - in the exclude list', { exclude: ['-survey'] }, { title: 'Diffusion survey' }],
  ] as Array<[string, Partial<Topic>, MatchFields]>)('%s', (_, rest, fields) => {
    expect(matchTopics(diffusion(rest), fields)).toEqual([]);
    // …and without the excluded word the topic matches
    expect(matchTopics(diffusion(rest), { title: 'Diffusion' }).length).toBe(rest.exclude?.includes('diffusion') ? 0 : 1);
  });

  it('an exclusion only affects its own topic', () => {
    const c = compileTopics([topic(['diffusion'], { exclude: ['survey'] }), topic(['diffusion'])]);
    expect(matchTopics(c, { title: 'A survey of diffusion' }).map((m) => m.topicId)).toEqual([`t${seq}`]);
  });
});

describe('compileTopics: stored data', () => {
  it('skips disabled topics and topics that cannot match', () => {
    const c = compileTopics([
      topic(['diffusion'], { id: 'off', enabled: false }),
      topic(['-diffusion'], { id: 'only-exclusions' }),
      topic([], { id: 'empty' }),
      topic(['diffusion'], { id: 'on' }),
    ]);
    expect(c.topics.map((t) => t.id)).toEqual(['on']);
    expect(matchTopics(c, { title: 'diffusion' }).map((m) => m.topicId)).toEqual(['on']);
  });

  it('skips invalid stored terms without breaking the other terms or topics', () => {
    const broken = topic(['C++', '/(a+)+/', '/(unterminated/', '"open quote', 'x'.repeat(300), '', '# note', 'diffusion'], {
      id: 'broken',
      exclude: ['/(b|b)*/', '--'],
    });
    const weird = { ...topic([]), id: 'weird', include: 'not an array', exclude: null } as unknown as Topic;
    const mixed = { ...topic([]), id: 'mixed', include: [42, null, 'denoising'], exclude: [{}] } as unknown as Topic;
    const c = compileTopics([broken, weird, mixed, null as unknown as Topic]);
    expect(c.topics.map((t) => t.id)).toEqual(['broken', 'mixed']);
    expect(matchTopics(c, { title: 'Denoising diffusion with C++ (a)' }).map((m) => [m.topicId, m.terms])).toEqual([
      ['broken', ['diffusion']],
      ['mixed', ['Denoising']],
    ]);
  });

  it('uses at most 200 terms per topic', () => {
    const many = Array.from({ length: 250 }, (_, i) => `word${i}`);
    const c = compileTopics([topic(many)]);
    expect(matchTopics(c, { title: 'word199' })).toHaveLength(1);
    expect(matchTopics(c, { title: 'word200' })).toEqual([]);
  });

  it('tolerates duplicate terms', () => {
    const m = one(['diffusion', 'Diffusion', '"diffusion"'], 'diffusion');
    expect(m).toMatchObject({ terms: ['diffusion'], ranges: [{ field: 'title', start: 0, end: 9 }] });
  });
});

describe('matchTopics: unicode', () => {
  it.each([
    // accents matter, case does not; composed and decomposed forms are the same word
    ['café', 'Le Café du code', ['Café']],
    ['café', 'Le Cafe\u0301 du code', ['Cafe\u0301']],
    ['cafe\u0301', 'Le Café du code', ['Café']],
    ['café', 'cafe', []],
    ['étude', 'ÉTUDE COMPARÉE', ['ÉTUDE']],
    ['Straße', 'STRASSE und Straße', ['Straße']],
    ['οδος', 'ΟΔΟΣ', ['ΟΔΟΣ']],
    // compatibility forms: ligatures, fullwidth, mathematical letters
    ['fine-tuning', 'Efficient ﬁne-tuning of code models', ['ﬁne-tuning']],
    ['LLM', 'ＬＬＭ agents', ['ＬＬＭ']],
    ['diffusion', '𝐃𝐢𝐟𝐟𝐮𝐬𝐢𝐨𝐧 𝐌𝐨𝐝𝐞𝐥𝐬', ['𝐃𝐢𝐟𝐟𝐮𝐬𝐢𝐨𝐧']],
    // CJK has no spaces: a term matches inside a run, character by character
    ['扩散模型', '基于扩散模型的图像生成', ['扩散模型']],
    ['扩散模型', '扩散 模型', ['扩散 模型']],
    ['扩散模型', '扩散，模型', []],
    ['扩散', 'GPT扩散', ['扩散']],
    ['GPT', 'GPT扩散', ['GPT']],
    ['大規模言語モデル', '大規模言語モデルによるコード生成', ['大規模言語モデル']],
    ['データ', 'データセット', ['データ']],
    // Hangul, Arabic and Hebrew use spaces: whole words
    ['모델', '언어 모델 학습', ['모델']],
    ['모델', '언어모델', []],
    ['نموذج', 'هذا نموذج لغوي', ['نموذج']],
    ['מודל', 'מודל שפה גדול', ['מודל']],
    // emoji and symbols separate words
    ['diffusion', '🚀Diffusion🔥 models', ['Diffusion']],
    ['code generation', 'code 👩‍💻 generation', []],
    ['rocket', '🚀\uFE0F rocket', ['rocket']],
    // invisible characters are ignored: they can neither hide a word nor split one
    ['LLM', 'LL\u200bM agents', ['LL\u200bM']],
    ['LLM', 'L\u200dL\u200cM', ['L\u200dL\u200cM']],
    ['diffusion', 'dif\u00adfusion', ['dif\u00adfusion']],
    ['LLM', '\u200fLLM\u200e here', ['LLM']],
    ['LLM', '\u2067LLM\u2069', ['LLM']],
    ['code generation', 'code\u200b \u200bgeneration', ['code\u200b \u200bgeneration']],
    ['/rlhf/', 'RL\u200bHF', ['RL\u200bHF']],
    ['/\\bRL\\b/', 'RL\u2060HF', []],
    // İ lowercases to two code units: offsets must still be right
    ['istanbul', 'İstanbul diffusion', []],
    ['diffusion', 'İİİ diffusion İ', ['diffusion']],
    ['i̇stanbul', 'İstanbul', ['İstanbul']],
  ])('%s in %j → %j', (term, title, expected) => {
    const m = one([term], title);
    expect(pieces(m, { title })).toEqual(expected.map((e) => `title:${e}`));
    expect(m?.terms ?? []).toEqual(expected.map((e) => e.replace(/[\u00ad\u200b-\u200f\u2060-\u2069\ufeff]/g, '').replace(/\s+/g, ' ')));
  });
});

describe('matchTopics: shared and colliding terms', () => {
  it('dedupes tooltip terms by matched words, not by spelling', () => {
    const title = 'Code LLM, code-LLM and ｃｏｄｅ ＬＬＭ';
    const m = one(['code llm'], title);
    expect(pieces(m, { title })).toEqual(['title:Code LLM', 'title:code-LLM', 'title:ｃｏｄｅ ＬＬＭ']);
    expect(m!.terms).toEqual(['Code LLM']);
  });

  it('short prefixes (1 and 2 characters)', () => {
    expect(one(['x*'], 'XGBoost, x, and a box')?.terms).toEqual(['XGBoost', 'x']);
    expect(one(['rl*'], 'RL, RLHF, curl')?.terms).toEqual(['RL', 'RLHF']);
    expect(one(['é*'], 'Étude, etude, éte')?.terms).toEqual(['Étude', 'éte']);
  });

  it('words whose hashes collide are still told apart', () => {
    // hashKey("c0") === hashKey("an") (99·31 + 48 === 97·31 + 110)
    expect(one(['c0'], 'an')).toBeUndefined();
    expect(one(['an'], 'c0')).toBeUndefined();
    expect(one(['c0', 'an'], 'an c0')?.terms).toEqual(['an', 'c0']);
    expect(one(['c0*'], 'anything')).toBeUndefined();
  });

  it('one term in many topics, and phrases sharing a first word', () => {
    const c = compileTopics([
      topic(['code generation'], { id: 'a' }),
      topic(['code llm*', 'code generation'], { id: 'b' }),
      topic(['code'], { id: 'c', exclude: ['code generation'] }),
      topic(['code generation models'], { id: 'd' }),
    ]);
    const title = 'Code LLMs for code generation';
    const ms = matchTopics(c, { title });
    expect(ms.map((m) => [m.topicId, m.terms])).toEqual([
      ['a', ['code generation']],
      ['b', ['Code LLMs', 'code generation']],
    ]);
    expect(matchTopics(c, { title: 'Code generation models' }).map((m) => m.topicId)).toEqual(['a', 'b', 'd']);
  });

  it('a regex used by several topics runs once and counts for each', () => {
    const c = compileTopics([topic(['/\\bRL(HF)?\\b/'], { id: 'a' }), topic(['agents', '/\\bRL(HF)?\\b/'], { id: 'b' }), topic(['x'], { id: 'c', exclude: [] })]);
    expect(c.regexes).toHaveLength(1);
    expect(matchTopics(c, { title: 'RLHF for agents' }).map((m) => [m.topicId, m.terms])).toEqual([
      ['a', ['RLHF']],
      ['b', ['RLHF', 'agents']],
    ]);
  });
});

describe('matchTopics agrees with a plain word-by-word reading', () => {
  // The matcher reads ASCII words inline and looks them up by hash; this reference reads every
  // word with the shared tokenizer (`words`) and compares keys as strings.
  const POOL = ['code', 'Code', 'CODE', 'gen', 'generation', 'llm', 'LLMs', 'a', 'b', 'ab', ' ', ' ', '  ', '-', '–', ',', '.', '\n', 'é', 'café', 'Cafe\u0301', '\u200b', '扩散', '模型', '🚀', 'x1', '_', "'"];
  const TERMS = ['code', 'code generation', 'llm*', 'a b', 'ab*', 'café', '扩散模型', 'x1', 'gen*', 'code llm*'];

  const reference = (title: string) => merge(wordSpans(TERMS, title));

  it('on 2,000 generated titles', () => {
    const c = compileTopics([topic(TERMS)]);
    let seed = 42;
    const rand = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    let withMatches = 0;
    for (let t = 0; t < 2000; t++) {
      const title = Array.from({ length: 1 + rand(12) }, () => POOL[rand(POOL.length)]).join(rand(2) ? ' ' : '');
      const got = (matchTopics(c, { title })[0]?.ranges ?? []).map((r) => [r.start, r.end]);
      expect(got, JSON.stringify(title)).toEqual(reference(title));
      if (got.length) withMatches++;
    }
    expect(withMatches).toBeGreaterThan(500);
  });
});
