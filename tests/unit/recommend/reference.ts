/**
 * A plain reference implementation of the recommendation score, written straight from the
 * definition with floats and maps (no quantisation, no caches, no incremental sums): tf-idf
 * vectors, profile = mean of the profile's papers minus NEGATIVE_WEIGHT × mean of the negatives,
 * cosine, best profile. Tests compare the model with it.
 */
import { MIN_TAG_PAPERS, NEGATIVE_WEIGHT, termWeights, textOf, type RecCard, type RecPaper } from '../../../utils/recommend';

export function referenceScores(papers: RecPaper[], negatives: RecCard[], cards: RecCard[]): Map<string, number> {
  const tf = (c: RecCard) => termWeights(textOf(c));
  const paperTf = papers.map((p) => ({ p, v: tf({ id: p.id, title: p.title, abstract: p.summary, keywords: p.aiKeywords }) }));
  const saved = new Set(papers.map((p) => p.id));
  const neg = new Set(negatives.map((n) => n.id));
  const pageCards = [...new Map(cards.map((c) => [c.id, c])).values()].filter((c) => !saved.has(c.id));
  const cardTf = new Map(pageCards.map((c) => [c.id, tf(c)]));
  const df = new Map<string, number>();
  for (const v of [...paperTf.map((x) => x.v), ...cardTf.values()]) for (const t of v.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = papers.length + pageCards.length;
  const idf = (t: string) => Math.log((1 + n) / (1 + (df.get(t) ?? 0))) + 1;
  const mean = (vs: Array<Map<string, number>>) => {
    const m = new Map<string, number>();
    for (const v of vs) for (const [t, w] of v) m.set(t, (m.get(t) ?? 0) + w / vs.length);
    return m;
  };
  const negMean = mean(negatives.map(tf));
  const profile = (members: RecPaper[]) => {
    const m = mean(paperTf.filter((x) => members.includes(x.p)).map((x) => x.v));
    for (const [t, w] of negMean) m.set(t, (m.get(t) ?? 0) - NEGATIVE_WEIGHT * w);
    return m;
  };
  const profiles = [profile(papers)];
  const tags = new Set(papers.flatMap((p) => p.tags ?? []));
  for (const tag of tags) {
    const members = papers.filter((p) => p.tags?.includes(tag));
    if (members.length >= MIN_TAG_PAPERS) profiles.push(profile(members));
  }
  const cosine = (a: Map<string, number>, b: Map<string, number>) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (const [t, w] of a) {
      na += (idf(t) * w) ** 2;
      const o = b.get(t);
      if (o !== undefined) dot += idf(t) ** 2 * w * o;
    }
    for (const [t, w] of b) nb += (idf(t) * w) ** 2;
    return na && nb ? dot / Math.sqrt(na * nb) : 0;
  };
  const out = new Map<string, number>();
  if (!papers.length) return out;
  for (const c of pageCards) if (!neg.has(c.id)) out.set(c.id, Math.max(...profiles.map((p) => cosine(cardTf.get(c.id)!, p))));
  return out;
}
