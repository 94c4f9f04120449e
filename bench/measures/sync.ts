/**
 * A Hub sync of 10,000 papers (merge with the pulled file + serialise the file to push) against the
 * JSON export of the same library, in the same extension page, alternately (bench/pages/sync.ts).
 */
import type { PageScript } from '../bundle-page';
import type { Driver } from '../extension';
import type { Row } from '../report';
import { interleave, median, rounded } from '../stats';

type SyncWindow = {
  __lib: unknown[];
  papershelfSync: {
    sync(lib: unknown[]): { ms: number; chars: number; papers: number; parseMs: number };
    exportJson(lib: unknown[]): { ms: number; chars: number };
  };
};

export async function measureSync(d: Driver, script: PageScript, count: number, reps: number): Promise<Row> {
  await d.page.evaluate(`${script.code}\n//# sourceURL=https://bench.invalid/sync.js`);
  const syncRuns: Array<{ ms: number; chars: number; papers: number; parseMs: number }> = [];
  const { a: sync, b: exp } = await interleave(
    reps,
    async () => {
      const r = await d.page.evaluate(() => {
        const w = window as unknown as SyncWindow;
        return w.papershelfSync.sync(w.__lib);
      });
      syncRuns.push(r);
      return r.ms;
    },
    () => d.page.evaluate(() => (window as unknown as SyncWindow).papershelfSync.exportJson((window as unknown as SyncWindow).__lib).ms),
  );
  const expected = count - count / 100; // 1% removed on the other device
  if (syncRuns.some((r) => r.papers !== expected)) throw new Error(`sync merged ${syncRuns[0]?.papers} papers, expected ${expected}`);
  const ratio = median(sync) / median(exp);
  return {
    measure: `sync of ${count.toLocaleString('en-US')} papers (merge + serialise)`,
    value: median(sync),
    unit: 'ms',
    reference: { label: 'export JSON of the same library', value: median(exp), unit: 'ms' },
    ratio,
    target: '≤ 2×',
    pass: ratio <= 2,
    details: {
      syncMs: rounded(sync),
      exportMs: rounded(exp),
      parseRemoteMs: rounded(syncRuns.map((r) => r.parseMs)),
      fileChars: syncRuns[0]?.chars,
      note: 'the Hub copy differs by 1% edited later and 1% removed; the file has no abstracts, the export has them; network time not included',
    },
  };
}
