import { describe, expect, it } from 'vitest';
import { countTerms, countText, Lexicon, Recommender, stem, termWeights, textOf, THRESHOLD, type RecCard, type RecPaper, type Recommendation } from '@/utils/recommend';
import { CARDS, card, paperOf, SUBJECTS } from './corpus';
import { referenceScores } from './reference';

/** A small seeded generator (mulberry32), so a failing sequence can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Scores to 9 decimals: float sums in another order differ in the last bits. */
const rounded = (recs: Recommendation[]) => recs.map((r) => ({ ...r, score: r.score.toFixed(9) }));

describe('vectorising', () => {
  it('drops stop words, numbers and one-letter words; splits hyphens; plural stemming keeps readable words', () => {
    const counts = new Map<string, number>();
    const surface = new Map<string, string>();
    countTerms('We propose Dense-Retrieval of 3 retrievers: the retriever and queries, a b', counts, surface);
    expect([...counts]).toEqual([
      ['dense', 1],
      ['retrieval', 1],
      ['retriever', 2],
      ['query', 1],
    ]);
    expect(surface.get('retriever')).toBe('retrievers');
    expect(stem('classes')).toBe('class');
    expect(stem('analysis')).toBe('analysis');
    expect(stem('embeddings', 'none')).toBe('embeddings');
  });

  it('the lexicon reads the same terms, counts and order as countTerms (fixture corpus, random texts, both stemmings)', () => {
    const rand = rng(7);
    const pool = ['Retrieval', 'retrievers', 'the', 'of', 'dense-retrieval', 'Ünïcode', 'naïve', '2024', 'x1', 'a', 'B2B', 'classes', 'analysis', '—', 'über', 'queries', 'GPT-4o', '3d', 'LLMs', '北京'];
    const random = Array.from({ length: 300 }, () =>
      Array.from({ length: 1 + Math.floor(rand() * 40) }, () => (rand() < 0.2 ? `w${Math.floor(rand() * 5000).toString(36)}q` : pool[Math.floor(rand() * pool.length)]!)).join(rand() < 0.5 ? ' ' : ', '),
    );
    for (const how of ['plural', 'none'] as const) {
      const lex = new Lexicon(how);
      // Twice over: the second pass finds every word already known (and the table was grown in between).
      for (const text of [...CARDS.map(textOf), ...random, ...CARDS.map(textOf), ...random]) {
        const expected = new Map<string, number>();
        countTerms(text, expected, undefined, how);
        const { ids, counts } = lex.count(text);
        expect(ids.map((id, i) => [lex.terms[id], counts[i]])).toEqual([...expected]);
      }
      expect(lex.words).toBeGreaterThan(1000);
      // A card's title read once and counted twice: what reading textOf gives.
      for (const c of [...CARDS, { id: 'k', title: 'Keywords only', keywords: ['dense retrieval', 'rerankers'] }, { id: 'e', title: '' }]) {
        expect(countText(lex, c)).toEqual(lex.count(textOf(c)));
      }
    }
  });

  it('weights are sublinear in tf and unit length', () => {
    const w = termWeights('search search search code');
    expect(w.get('search')! / w.get('code')!).toBeCloseTo(1 + Math.log(3));
    expect([...w.values()].reduce((s, x) => s + x * x, 0)).toBeCloseTo(1);
  });
});

describe('scores', () => {
  it('equal the plain reference implementation (library, tags, negatives, page idf)', () => {
    const papers: RecPaper[] = CARDS.slice(0, 20).map((c, i) => paperOf(c, i % 3 === 0 ? ['even'] : i % 3 === 1 ? ['odd', 'x'] : []));
    const negatives = [card('2506.14850'), card('2506.13111')];
    const model = Recommender.build(papers, negatives);
    const ref = referenceScores(papers, negatives, CARDS);
    const got = new Map(model.recommend(CARDS, Infinity, -Infinity).map((r) => [r.id, r.score]));
    expect([...got.keys()].sort()).toEqual([...ref.keys()].filter((id) => ref.get(id)! > 0 || got.has(id)).sort());
    for (const [id, s] of got) expect(s, id).toBeCloseTo(ref.get(id)!, 3);
  });

  it('a library of retrieval papers: the recommended cards of the mixed page are the retrieval papers', () => {
    const { saved, related } = SUBJECTS.retrieval;
    const papers = saved.map((id) => paperOf(card(id)));
    const ref = referenceScores(papers, [], CARDS);
    const expected = [...ref].filter(([, s]) => s >= THRESHOLD).map(([id]) => id).sort();
    const got = Recommender.build(papers).recommend(CARDS, 50).map((r) => r.id).sort();
    expect(got).toEqual(expected);
    expect(got).toEqual([...related].sort());
  });

  it('gives the reason: shared words, the most similar saved paper, the tag of a tag profile', () => {
    const { saved } = SUBJECTS.retrieval;
    const model = Recommender.build([
      ...saved.map((id) => paperOf(card(id), ['search'])),
      paperOf(card('2506.13370'), ['search']),
      ...['2506.13000', '2506.13074', '2506.14221', '2506.14554', '2506.13592', '2506.14184'].map((id) => paperOf(card(id))),
    ]);
    const top = model.recommend(CARDS, 50).find((r) => r.tag !== undefined);
    expect(top!.tag).toBe('search');
    const plain = Recommender.build(saved.map((id) => paperOf(card(id)))).recommend(CARDS, 1)[0]!;
    expect(plain.tag).toBeUndefined();
    expect(plain.reason).toBe(`${plain.terms.join(', ')} — like “${plain.like!.title}”`);
    expect(top!.terms.length).toBe(3);
    expect(saved.concat('2506.13370')).toContain(top!.like!.id);
    expect(top!.reason).toBe(`${top!.terms.join(', ')} — like “${top!.like!.title}” (tag “search”)`);
  });

  it('never recommends saved papers or negatives; a negative lowers similar papers', () => {
    const { saved } = SUBJECTS.retrieval;
    const model = Recommender.build(saved.map((id) => paperOf(card(id))));
    const before = new Map(model.recommend(CARDS, Infinity, -Infinity).map((r) => [r.id, r.score]));
    for (const id of saved) expect(before.has(id)).toBe(false);
    model.notInterested(card('2506.13370'));
    const after = new Map(model.recommend(CARDS, Infinity, -Infinity).map((r) => [r.id, r.score]));
    expect(after.has('2506.13370')).toBe(false);
    // UniXcoder shares much with the negative (code search with queries): it scores lower.
    expect(after.get('2506.13333')!).toBeLessThan(before.get('2506.13333')!);
    expect(model.isNegative('2506.13370')).toBe(true);
    // Undone: recommended again, with the score it had.
    model.forgetNegative('2506.13370');
    expect(model.isNegative('2506.13370')).toBe(false);
    const undone = new Map(model.recommend(CARDS, Infinity, -Infinity).map((r) => [r.id, r.score]));
    expect(undone.get('2506.13370')).toBeCloseTo(before.get('2506.13370')!, 12);
    expect(undone.get('2506.13333')).toBeCloseTo(before.get('2506.13333')!, 12);
  });

  it('a tag is a profile of its own from MIN_TAG_PAPERS papers on', () => {
    const four = ['2506.13296', '2506.13962', '2506.14036', '2506.14628'].map((id) => paperOf(card(id), ['ir']));
    const others = CARDS.slice(45).map((c) => paperOf(c)); // none of the five
    const m4 = Recommender.build([...four, ...others]);
    expect(m4.recommend(CARDS, 50, 0).some((r) => r.tag === 'ir')).toBe(false);
    const m5 = Recommender.build([...four, paperOf(card('2506.13370'), ['ir']), ...others]);
    expect(m5.recommend(CARDS, 50, 0).some((r) => r.tag === 'ir')).toBe(true);
  });
});

describe('incremental updates', () => {
  it('any sequence of saves, removals, re-tags, imports, "Not interested" and its undo gives exactly the model a full rebuild gives (property test, 40 sequences)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const rand = rng(seed);
      const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)]!;
      const tagsFor = () => ['a', 'b', 'c'].filter(() => rand() < 0.4);
      const model = new Recommender();
      const library = new Map<string, RecPaper>();
      const negatives = new Map<string, ReturnType<typeof card>>();
      for (let step = 0; step < 60; step++) {
        const r = rand();
        if (r < 0.45) {
          const p = paperOf(pick(CARDS), tagsFor());
          model.upsert(p);
          library.set(p.id, p);
        } else if (r < 0.65 && library.size) {
          const id = pick([...library.keys()]);
          model.remove(id);
          library.delete(id);
        } else if (r < 0.8 && library.size) {
          const p = { ...library.get(pick([...library.keys()]))!, tags: tagsFor() };
          model.upsert(p);
          library.set(p.id, p);
        } else if (r < 0.9) {
          for (let i = 0; i < 5; i++) {
            const p = paperOf(pick(CARDS), tagsFor());
            model.upsert(p);
            library.set(p.id, p);
          }
        } else if (r < 0.95 || !negatives.size) {
          const c = pick(CARDS);
          model.notInterested(c);
          negatives.set(c.id, c);
        } else {
          const id = pick([...negatives.keys()]);
          model.forgetNegative(id);
          negatives.delete(id);
        }
      }
      const rebuilt = Recommender.build(library.values(), negatives.values());
      expect(model.canonical(), `seed ${seed}`).toEqual(rebuilt.canonical());
      expect(rounded(model.recommend(CARDS, 10, 0))).toEqual(rounded(rebuilt.recommend(CARDS, 10, 0)));
    }
  });
});

describe('most similar saved paper', () => {
  /** A random corpus over a small vocabulary: many shared terms, and exact duplicates (ties). */
  function corpus(rand: () => number, n: number, prefix: string): RecPaper[] {
    const words = Array.from({ length: 80 }, (_, i) => `term${i.toString(36)}x`);
    const text = (len: number) => Array.from({ length: len }, () => words[Math.floor(rand() ** 2 * words.length)]!).join(' ');
    const out: RecPaper[] = [];
    for (let i = 0; i < n; i++) {
      const twin = out.length && rand() < 0.15 ? out[Math.floor(rand() * out.length)] : undefined;
      const tags = ['a', 'b'].filter(() => rand() < 0.5);
      out.push(twin ? { ...twin, id: `${prefix}${i}`, tags } : { id: `${prefix}${i}`, title: text(3 + Math.floor(rand() * 5)), summary: text(5 + Math.floor(rand() * 40)), tags });
    }
    return out;
  }
  const cardOf = (p: RecPaper): RecCard => ({ id: `card-${p.id}`, title: p.title, abstract: p.summary });

  it('found for all recommended cards in one pass (an inverted index of the cards) equals a pass over the library per card, on random corpora, before and after saves, removals and re-tags', () => {
    for (let seed = 1; seed <= 12; seed++) {
      const rand = rng(seed * 101);
      const library = corpus(rand, 150 + Math.floor(rand() * 150), 'p');
      const cards = corpus(rand, 120, 'c').map(cardOf);
      const model = Recommender.build(library);
      const live = new Map(library.map((p) => [p.id, p]));
      // Rounds of changes between scorings.
      for (const changes of [0, 5, 30, 90, 3]) {
        const indexed = model.recommend(cards, Infinity, -Infinity);
        const linear = model.recommend(cards, Infinity, -Infinity, true, true);
        expect(indexed, `seed ${seed}, after ${changes}`).toEqual(linear);
        expect(indexed.filter((r) => r.like).length).toBeGreaterThan(cards.length / 2);
        const fresh = corpus(rand, changes, `n${changes}-`);
        for (const p of fresh) {
          const r = rand();
          const ids = [...live.keys()];
          if (r < 0.4) {
            model.upsert(p);
            live.set(p.id, p);
          } else if (r < 0.7) {
            const id = ids[Math.floor(rand() * ids.length)]!;
            model.remove(id);
            live.delete(id);
          } else {
            const q = { ...live.get(ids[Math.floor(rand() * ids.length)]!)!, tags: rand() < 0.5 ? ['a'] : ['b'] };
            model.upsert(q);
            live.set(q.id, q);
          }
        }
      }
    }
  });

  it('a lexicon filled by pages with words the model never kept starts again from the model: same recommendations', () => {
    const library = SUBJECTS.retrieval.saved.map((id) => paperOf(card(id)));
    const fresh = Recommender.build(library);
    const used = Recommender.build(library);
    // 220 cards of 1,000 made-up words each: 220,000 words no paper has.
    const junk = Array.from({ length: 220 }, (_, i) => ({ id: `junk${i}`, title: 'x', abstract: Array.from({ length: 1000 }, (_, j) => `zq${(i * 1000 + j).toString(36)}`).join(' ') }));
    used.recommend(junk, 5, -Infinity);
    const lexWords = (m: Recommender) => (m as unknown as { lex: Lexicon }).lex.words;
    expect(lexWords(used)).toBeGreaterThan(200_000);
    expect(used.recommend(CARDS, 50, 0)).toEqual(fresh.recommend(CARDS, 50, 0));
    expect(lexWords(used)).toBeLessThan(lexWords(fresh) + 100);
    used.upsert(paperOf(card('2506.13370')));
    fresh.upsert(paperOf(card('2506.13370')));
    expect(used.canonical()).toEqual(fresh.canonical());
    expect(used.recommend(CARDS, 50, 0)).toEqual(fresh.recommend(CARDS, 50, 0));
  });

  it('ties go to the paper saved first, in both passes', () => {
    const p: RecPaper = { id: 'x1', title: 'dense retrieval reranking', summary: 'dense passage retrieval with rerankers', tags: [] };
    const model = Recommender.build([p, { ...p, id: 'x2' }, { ...p, id: 'x0' }]);
    const card = { id: 'c', title: 'dense retrieval', abstract: 'reranking passages' };
    expect(model.recommend([card], 1, -Infinity)[0]!.like!.id).toBe('x1');
    model.remove('x1');
    model.upsert(p); // saved again: now the last
    expect(model.recommend([card], 1, -Infinity)[0]!.like!.id).toBe('x2');
    expect(model.recommend([card], 1, -Infinity, true, true)[0]!.like!.id).toBe('x2');
  });
});

describe('persistence', () => {
  it('serialise → structured clone → deserialise gives the same model and the same recommendations', () => {
    const model = Recommender.build(
      CARDS.slice(0, 30).map((c, i) => paperOf(c, i % 2 ? ['odd'] : [])),
      [card('2506.14850')],
    );
    model.remove(CARDS[3]!.id); // a term whose df fell to 0 is not persisted
    const copy = Recommender.deserialise(structuredClone(model.serialise()))!;
    expect(copy.canonical()).toEqual(model.canonical());
    expect(rounded(copy.recommend(CARDS, 10, 0))).toEqual(rounded(model.recommend(CARDS, 10, 0)));
    expect(copy.serialise().terms.length).toBeLessThanOrEqual(model.serialise().terms.length);
  });

  it('refuses what is not a snapshot', () => {
    expect(Recommender.deserialise(undefined)).toBeUndefined();
    expect(Recommender.deserialise({ v: 2 })).toBeUndefined();
    expect(Recommender.deserialise({ v: 1, terms: [], docs: [{ id: 'x', title: '', tags: [], t: [5], w: [1] }], negatives: [] })).toBeUndefined();
  });
});
