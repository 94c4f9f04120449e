/**
 * Topic matching in real Chromium: bench/pages/match.ts, bundled with the product's utils/topics,
 * runs inside the 1,000-card page (no extension) and times matching against a textContent read.
 */
import type { Topic } from '../../utils/types';
import type { Bare } from '../browsers';
import type { MatchRun } from '../pages/match';
import { median, rounded } from '../stats';
import type { Row } from '../report';

const WARMUP = 3;

export async function measureMatching(bare: Bare, url: string, topics: Topic[], reps: number): Promise<Row> {
  const page = await bare.open(url);
  try {
    const run = await page.evaluate(
      ([t, n]) => (globalThis as unknown as { papershelfBench: { run(t: Topic[], n: number): MatchRun } }).papershelfBench.run(t, n),
      [topics, reps + WARMUP] as const,
    );
    const match = median(run.match.slice(WARMUP));
    const read = median(run.read.slice(WARMUP));
    const terms = topics.reduce((n, t) => n + t.include.length + t.exclude.length, 0);
    return {
      measure: `topic matching: ${run.cards.toLocaleString('en-US')} cards × ${topics.length} topics × ${terms / topics.length} terms (in page)`,
      value: match,
      unit: 'ms',
      reference: { label: 'one textContent read of those cards', value: read, unit: 'ms' },
      ratio: match / read,
      target: '≤ 3×',
      pass: match / read <= 3,
      details: {
        matchMs: rounded(run.match.slice(WARMUP)),
        readMs: rounded(run.read.slice(WARMUP)),
        firstRunColdMs: rounded([run.match[0]!])[0],
        firstReadColdMs: rounded([run.read[0]!])[0],
        cardsWithAMatch: run.matchedCards,
        topicMatches: run.matches,
        note: `compileTopics + matchTopics({title, abstract}) per card; medians after ${WARMUP} warm-up runs (the first, cold run is reported apart)`,
      },
    };
  } finally {
    await page.close();
  }
}
