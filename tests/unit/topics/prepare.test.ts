import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { topics as benchTopics } from '../../../bench/generate';
import {
  EXAMPLE_TOPICS,
  compilePrepared,
  compileTopics,
  matchableTopics,
  matchTopics,
  prepareTopics,
  type CompiledTopics,
  type MatchFields,
  type PreparedTopic,
  type TopicMatch,
} from '../../../utils/topics';
import type { Topic } from '../../../utils/types';
import { SITE_DIR } from '../../fixtures/site';

const FIXTURES = SITE_DIR;

interface FixturePaper {
  paper: { id: string; title: string; summary?: string; ai_keywords?: string[]; organization?: { fullname?: string } | null };
}
const papers = (JSON.parse(readFileSync(join(FIXTURES, 'papers.json'), 'utf8')) as FixturePaper[]).map((x) => x.paper);
const cards: MatchFields[] = papers.map((p) => ({ title: p.title, abstract: p.summary, keywords: p.ai_keywords, organization: p.organization?.fullname }));

let seq = 0;
const topic = (include: string[], rest: Partial<Topic> = {}): Topic => {
  seq++;
  return { id: `t${seq}`, name: `Topic ${seq}`, color: '#123456', include, exclude: [], enabled: true, order: seq, ...rest };
};

/** Through storage or a message: what `browser.storage` or `sendMessage` would hand back. */
const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

const plain = (ms: TopicMatch[]) => ms.map((m) => ({ topicId: m.topicId, name: m.name, color: m.color, terms: m.terms, ranges: m.ranges }));

/** Every card's matches with both compilations, as plain data. */
function both(topics: Topic[], fields: MatchFields[]): { direct: unknown; prepared: unknown } {
  const a = compileTopics(topics);
  const b = compilePrepared(roundTrip(prepareTopics(topics)));
  return { direct: fields.map((f) => plain(matchTopics(a, f))), prepared: fields.map((f) => plain(matchTopics(b, f))) };
}

/** Titles mixing the syntaxes' edge cases: case, dashes, Unicode, invisible characters, CJK. */
const EDGE_TITLES = [
  'Diffusion Models Beat GANs; latent-diffusion and DIFFUSIONAL flows',
  'LLM-based RTL generation with code LLMs, Code-LLM and ｃｏｄｅ ＬＬＭ',
  'RL, rlhf and RLAIF; not CURL or RLHFX. Llama 3.1 and LLaMA3',
  'co\u00addiffusion, L\u200bLM, ﬁne-tuning a café and Cafe\u0301',
  '扩散模型 and 扩散 模型, synthesizable C++ code',
  'an c0 x1 XGBoost, x, and a box; Étude, etude, éte',
  'A survey of code generation (code of conduct)',
];

const SYNTAX_TOPICS: Topic[] = [
  topic(['diffusion', 'diffusion model*', 'latent*', 'DiT'], { exclude: ['nondiffusion'] }),
  topic(['LLM-based', 'code llm*', '"code generation"', 'c0', 'an', 'x*', 'é*'], { exclude: ['"code of conduct"'] }),
  topic(['/\\bRL(HF|AIF)?\\b/', '/llama ?3(\\.\\d)?/', '/c\\+\\+/', '/diffusion.*model/', 'café', '扩散模型', 'fine-tuning']),
  topic(['survey', '-code of conduct', 'code generation']),
  topic(['llm', 'code llm*', 'LLM-based'], { order: -1 }),
  topic(['diffusion'], { enabled: false }),
  topic(['(broken', '/(a+)+/', '# a comment', ''], { exclude: ['x'] }), // nothing valid to include
];

describe('prepareTopics + compilePrepared', () => {
  it.each([
    ['EXAMPLE_TOPICS', EXAMPLE_TOPICS.map((t, i) => ({ ...t, id: `ex${i}`, order: i }))],
    ['the benchmark topics', benchTopics()],
    ['the syntax topics', SYNTAX_TOPICS],
  ])('match exactly like compileTopics with %s, on the fixture papers and edge titles', (_, topics) => {
    const fields = [...cards, ...EDGE_TITLES.map((title) => ({ title, abstract: title.toUpperCase(), keywords: [title], organization: title }))];
    const { direct, prepared } = both(topics as Topic[], fields);
    expect(prepared).toEqual(direct);
    expect((direct as unknown[][]).some((ms) => ms.length > 0)).toBe(true);
  });

  it('gives plain JSON: a round trip through JSON changes nothing', () => {
    for (const topics of [SYNTAX_TOPICS, benchTopics()]) {
      const p = prepareTopics(topics);
      expect(roundTrip(p)).toStrictEqual(p);
      const walk = (x: unknown): void => {
        if (typeof x === 'string') return;
        expect(Array.isArray(x) || Object.getPrototypeOf(x) === Object.prototype, JSON.stringify(x)).toBe(true);
        for (const v of Object.values(x as object)) walk(v);
      };
      walk(p);
    }
  });

  it('keeps parsed, deduplicated, enabled, ordered terms; drops what compileTopics drops', () => {
    const t = topic(['Diffusion*', 'code generation', 'Code-Generation', '/\\bRL(HF)?\\b/', '-nope', '(bad', '# c', '/(a+)+/'], {
      id: 'a',
      name: 'A',
      color: '#abcdef',
      exclude: ['survey', '"survey"', '/(a|a)*/'],
      order: 5,
    });
    const first = topic(['x'], { id: 'first', order: 1 });
    const off = topic(['x'], { id: 'off', enabled: false });
    const empty = topic(['-only an exclusion'], { id: 'empty' });
    expect(prepareTopics([t, off, empty, first])).toEqual<PreparedTopic[]>([
      { id: 'first', name: first.name, color: '#123456', include: [['x']], exclude: [] },
      {
        id: 'a',
        name: 'A',
        color: '#abcdef',
        include: [['diffusion*'], ['code', 'generation'], { regex: '(?<!\\w)RL(HF)?\\b', literal: 'rl', wordStart: 'rl' }],
        exclude: [['nope'], ['survey']],
      },
    ]);
    expect(compileTopics([t, off, empty, first]).topics.map((x) => x.id)).toEqual(['first', 'a']);
  });

  it('gives the same terms again, as copies (parsed lines are cached)', () => {
    const t = topic(['Diffusion*', '/\\bRL\\b/', 'code generation']);
    const first = prepareTopics([t]);
    (first[0]!.include[0] as string[]).push('changed');
    (first[0]!.include[1] as { regex: string }).regex = 'changed';
    expect(prepareTopics([t])).toEqual([{ ...first[0], include: [['diffusion*'], { regex: '(?<!\\w)RL(?!\\w)', literal: 'rl', wordStart: 'rl' }, ['code', 'generation']] }]);
  });

  it('counts invalid lines, not blank lines or comments, against MAX_TERMS_PER_TOPIC', () => {
    const include = [...Array.from({ length: 199 }, (_, i) => (i % 2 ? `(bad${i}` : `word${i}`)), '', '# note', '   ', 'last', 'over'];
    const [p] = prepareTopics([topic(include, { exclude: ['excluded'] })]);
    expect(p!.include).toHaveLength(101); // 100 valid words among the first 199 lines, and "last"
    expect(p!.include.at(-1)).toEqual(['last']);
    expect(p!.exclude).toEqual([]);
  });

  it('matchableTopics lists the topics prepareTopics keeps, in its order, with their id, name and colour', () => {
    const late = topic([...Array.from({ length: 200 }, (_, i) => `(bad${i}`), 'valid but past the limit']);
    const malformed = [null, { id: 'no-lists', name: 'N', color: '#000000', enabled: true, order: 0 }, { ...topic(['ok']), include: 'ok' }] as unknown as Topic[];
    const sets: Topic[][] = [SYNTAX_TOPICS, benchTopics(), [late, ...malformed, ...SYNTAX_TOPICS.slice(0, 3)], [], [topic(['-only an exclusion', '# c', ''])]];
    for (const topics of sets) {
      const expected = prepareTopics(topics).map(({ id, name, color }) => ({ id, name, color }));
      expect(matchableTopics(topics)).toEqual(expected);
    }
    expect(matchableTopics(SYNTAX_TOPICS).map((t) => t.name)).toEqual(['Topic 5', 'Topic 1', 'Topic 2', 'Topic 3', 'Topic 4']);
  });

  it('compilePrepared never throws on malformed data and skips what it cannot use', () => {
    const good: PreparedTopic = { id: 'ok', name: 'OK', color: '#000000', include: [['diffusion']], exclude: [] };
    const junk = [
      null,
      'topic',
      42,
      { id: 'no-include' },
      { id: 'bad-terms', name: 'B', color: '#111111', include: [[], [''], ['*'], ['a*b'], [1], 'diffusion', { regex: '(' , literal: '' }, { regex: 'x' }], exclude: 'x' },
      { id: 'bad-exclude', name: 'C', color: '#222222', include: [['diffusion']], exclude: [null, [3], { regex: ')', literal: '' }] },
      good,
    ] as unknown as PreparedTopic[];
    let c: CompiledTopics | undefined;
    expect(() => (c = compilePrepared(junk))).not.toThrow();
    expect(c!.topics.map((t) => t.id)).toEqual(['bad-exclude', 'ok']);
    expect(matchTopics(c!, { title: 'Diffusion' }).map((m) => m.topicId)).toEqual(['bad-exclude', 'ok']);
    expect(compilePrepared(null as unknown as PreparedTopic[]).topics).toEqual([]);
  });
});
