/**
 * The page's one `lookup` (saved and seen state of its 1,000 cards, one message) with 50,000 seen
 * papers against the same lookup with none, alternating rounds: each round forgets the seen set or
 * imports it (untimed), then times a run of lookups.
 */
import type { ChromeGlobal, Driver } from '../extension';
import type { Row } from '../report';
import { median, rounded } from '../stats';

export const SEEN_ENTRIES = 50_000;
const MONTHS = ['2503', '2504', '2505', '2506', '2507', '2508'];

/**
 * 50,000 seen papers over six months of arXiv ids (a heavy reader's 180 days): every month's ids
 * from .10000 up, so the page's ids (2507.10000 …) are all among them.
 */
export function seenSet(n = SEEN_ENTRIES, at = '2026-01-01T08:00:00.000Z') {
  const per = Math.ceil(n / MONTHS.length);
  const out: Array<{ id: string; firstSeenAt: string; lastSeenAt: string }> = [];
  for (const m of MONTHS) for (let k = 0; k < per && out.length < n; k++) out.push({ id: `${m}.${10000 + k}`, firstSeenAt: at, lastSeenAt: at });
  return out;
}

async function timeLookups(d: Driver, ids: string[], reps: number, expectSeen: number): Promise<number[]> {
  return d.page.evaluate(
    async ([list, n, seen]) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        const r = (await chrome.runtime.sendMessage({ papershelf: 1, type: 'lookup', payload: { ids: list } })) as { ok: boolean; data?: { seen: string[] }; error?: string };
        out.push(performance.now() - t);
        if (!r?.ok || r.data?.seen.length !== seen) throw new Error(`lookup: ${r?.error ?? `${r.data?.seen.length} seen, expected ${seen}`}`);
        await new Promise((done) => setTimeout(done, 30));
      }
      return out;
    },
    [ids, reps, expectSeen] as const,
  );
}

export async function measureSeenLookup(d: Driver, pageIds: string[], perRun = 15): Promise<Row> {
  const seen = seenSet();
  const inStore = new Set(seen.map((e) => e.id));
  const expected = pageIds.filter((id) => inStore.has(id)).length;
  const none: number[] = [];
  const many: number[] = [];
  /** After a write, IndexedDB settles (a 50,000-entry write or clear is compacted); then one warm-up lookup. */
  const settle = () => d.page.waitForTimeout(2000);
  const runOf = async (state: 'none' | 'many') => {
    const times = await timeLookups(d, pageIds, perRun + 1, state === 'many' ? expected : 0);
    (state === 'many' ? many : none).push(...times.slice(1));
  };
  // A B B A: one import and one clear of the 50,000 entries (each takes seconds), slow moments of
  // the shared machine fall on both sides.
  await d.send('forgetSeen', null);
  await settle();
  await runOf('none');
  await d.send('importRecords', { papers: [], topics: [], seen, dryRun: false, lossless: true });
  if ((await d.send('seenCount', null)) !== SEEN_ENTRIES) throw new Error('the seen set was not imported');
  await settle();
  await runOf('many');
  await runOf('many');
  await d.send('forgetSeen', null);
  await settle();
  await runOf('none');
  await d.send('forgetSeen', null);
  const value = median(many);
  const reference = median(none);
  const ratio = value / reference;
  return {
    measure: `lookup of a ${pageIds.length.toLocaleString('en-US')}-card page with ${SEEN_ENTRIES.toLocaleString('en-US')} seen papers`,
    value,
    unit: 'ms',
    reference: { label: 'the same lookup with 0 seen', value: reference, unit: 'ms' },
    ratio,
    target: '≤ 1.2×',
    pass: ratio <= 1.2,
    details: { seenSamples: rounded(many), noneSamples: rounded(none), seenOnPage: expected },
  };
}
