/**
 * Recommendations (issue 19): the model of a 10,000-paper library scoring a 1,000-card page, one
 * save's update, and the model's heap, in real Chromium (bench/pages/recommend.ts). The library is
 * the bench's generated one (56 fixture papers repeated), each paper given 8 words of its own from a
 * 40,000-word pool, so that the vocabulary is the size of a real library's, not of 56 papers.
 */
import type { Page } from 'playwright-core';
import type { RecCard, RecPaper } from '../../utils/recommend';
import type { Paper } from '../../utils/types';
import type { Bare } from '../browsers';
import type { RecommendInput, RecommendRun } from '../pages/recommend';
import { median, rounded } from '../stats';
import type { Row } from '../report';

const WARMUP = 3;

/** A deterministic pseudo-word for `n` (letters only, so the tokenizer keeps it). */
const word = (n: number) => {
  let s = '';
  for (let x = n + 1000; x > 0; x = Math.floor(x / 26)) s += String.fromCharCode(97 + (x % 26));
  return `${s}ix`;
};
const extra = (i: number) => Array.from({ length: 8 }, (_, k) => word((i * 7919 + k * 104_729) % 40_000)).join(' ');

export function recommendInput(library: Paper[], cards: number, reps: number): RecommendInput {
  const lib: RecPaper[] = library.map((p, i) => ({ id: p.id, title: p.title, summary: `${p.summary ?? ''} ${extra(i)}`, aiKeywords: p.aiKeywords, tags: p.tags }));
  const page: RecCard[] = Array.from({ length: cards }, (_, i) => {
    const p = library[(i * 13) % library.length]!;
    return { id: `2507.${10000 + i}`, title: p.title, abstract: `${p.summary ?? ''} ${extra(50_000 + i)}`, keywords: p.aiKeywords };
  });
  const saves: RecPaper[] = Array.from({ length: 20 }, (_, i) => {
    const p = library[(i * 31) % library.length]!;
    return { id: `2602.${20000 + i}`, title: p.title, summary: `${p.summary ?? ''} ${extra(90_000 + i)}`, aiKeywords: p.aiKeywords, tags: p.tags };
  });
  return { library: lib, cards: page, saves, reps: reps + WARMUP };
}

/**
 * The page's memory after GCs: the V8 heap and the backing stores of its array buffers (the model's
 * vectors are typed arrays, whose bytes live outside the V8 heap: the heap alone misses them).
 */
async function heapUsed(page: Page): Promise<{ heap: number; buffers: number }> {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize: number };
  await cdp.detach();
  return { heap: usedSize, buffers: backingStorageSize };
}

export async function measureRecommend(bare: Bare, url: string, script: string, input: RecommendInput): Promise<Row[]> {
  const page = await bare.open(url);
  try {
    await page.addScriptTag({ content: script });
    const runResult = await page.evaluate(
      ([code, data]) =>
        new Promise<RecommendRun>((resolve, reject) => {
          const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
          worker.onmessage = (e) => {
            resolve(e.data as RecommendRun);
            worker.terminate();
          };
          worker.onerror = (e) => reject(new Error(e.message));
          worker.postMessage(data);
        }),
      [script, input] as const,
    );
    // The model's memory: the page's heap and array buffers with the library's papers and the page's
    // cards held, before and after building the model and scoring the page once.
    await page.evaluate(([lib, cards]) => Object.assign(globalThis, { lib, cards }), [input.library, input.cards] as const);
    const before = await heapUsed(page);
    const size = await page.evaluate(() => {
      const g = globalThis as unknown as { lib: unknown; cards: unknown; papershelfRecommendBench: { keep(l: unknown, c: unknown): number } };
      return g.papershelfRecommendBench.keep(g.lib, g.cards);
    });
    const after = await heapUsed(page);
    const score = median(runResult.score.slice(WARMUP));
    const update = median(runResult.update.slice(WARMUP));
    const mb = (after.heap + after.buffers - before.heap - before.buffers) / 1024 / 1024;
    const lib = input.library.length.toLocaleString('en-US');
    const cards = input.cards.length.toLocaleString('en-US');
    const common = { vocabulary: runResult.terms, buildMs: Math.round(runResult.buildMs), note: `dedicated Worker in headless Chromium; medians after ${WARMUP} warm-up runs` };
    return [
      {
        measure: `recommend: score a ${cards}-card page against ${lib} papers (worker)`,
        value: score,
        unit: 'ms',
        reference: null,
        ratio: null,
        target: '≤ 50 ms',
        pass: score <= 50,
        details: { ...common, scoreMs: rounded(runResult.score.slice(WARMUP)), warmScoreMs: rounded(runResult.scoreWarm.slice(WARMUP)), recommended: runResult.recommended },
      },
      {
        measure: `recommend: model update on one save, ${lib} papers`,
        value: update,
        unit: 'ms',
        reference: null,
        ratio: null,
        target: '≤ 5 ms',
        pass: update <= 5,
        details: { ...common, updateMs: rounded(runResult.update.slice(WARMUP)) },
      },
      {
        measure: `recommend: model memory, ${lib} papers`,
        value: mb,
        unit: 'MB',
        reference: null,
        ratio: null,
        target: '≤ 20 MB',
        pass: mb <= 20,
        details: {
          papers: size,
          heapMB: rounded([(after.heap - before.heap) / 1024 / 1024])[0],
          arrayBuffersMB: rounded([(after.buffers - before.buffers) / 1024 / 1024])[0],
          before,
          after,
          note: 'V8 heap + array-buffer backing stores added by building the model and scoring the page once, after GCs; the papers and cards themselves held before and after',
        },
      },
    ];
  } finally {
    await page.close();
  }
}
