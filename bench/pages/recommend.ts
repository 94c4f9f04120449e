/**
 * Recommendation model bench, bundled to one IIFE (bench/bundle-page.ts). In a dedicated Worker
 * (timings, off the page's thread like the extension's service worker) it builds the model of a
 * library, then times scoring a page's cards (after a save, so the profile caches are cold, as on
 * the first page after saving) and one save's update. In the page itself it builds the model and
 * keeps it (after scoring the page once), so that the bench can read the memory it adds (DevTools,
 * after a GC: heap and array buffers).
 */
import { Recommender, type RecCard, type RecPaper } from '../../utils/recommend';

export interface RecommendRun {
  buildMs: number;
  /** ms per scoring of all cards (the first after a save: profile caches rebuilt). */
  score: number[];
  /** ms per scoring with warm caches (no change since the last one). */
  scoreWarm: number[];
  /** ms per single-paper update (upsert of a paper not yet in the library). */
  update: number[];
  recommended: number;
  terms: number;
}

export interface RecommendInput {
  library: RecPaper[];
  cards: RecCard[];
  saves: RecPaper[];
  reps: number;
}

function run({ library, cards, saves, reps }: RecommendInput): RecommendRun {
  let t = performance.now();
  const model = Recommender.build(library);
  const buildMs = performance.now() - t;
  const out: RecommendRun = { buildMs, score: [], scoreWarm: [], update: [], recommended: 0, terms: model.serialise().terms.length };
  for (let r = 0; r < reps; r++) {
    const save = saves[r % saves.length]!;
    t = performance.now();
    model.upsert(save);
    out.update.push(performance.now() - t);
    t = performance.now();
    out.recommended = model.recommend(cards, 5).length;
    out.score.push(performance.now() - t);
    t = performance.now();
    model.recommend(cards, 5);
    out.scoreWarm.push(performance.now() - t);
    model.remove(save.id);
  }
  return out;
}

const g = globalThis as unknown as Record<string, unknown>;
if (typeof document === 'undefined') {
  // In the Worker: one message in, the run out.
  g.onmessage = (e: MessageEvent<RecommendInput>) => (g.postMessage as (m: unknown) => void)(run(e.data));
} else {
  g.papershelfRecommendBench = {
    /** Build the model and score the page once (the words the page brought stay in its lexicon). */
    keep(library: RecPaper[], cards: RecCard[]) {
      const model = Recommender.build(library);
      model.recommend(cards, 5);
      g.papershelfRecommendModel = model;
      return model.size;
    },
  };
}
