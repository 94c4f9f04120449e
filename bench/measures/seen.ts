/**
 * The page's one `lookup` (saved and seen state of its 1,000 cards, one message) with 50,000 seen
 * papers against the same lookup with none: two browser profiles with the same 10,000-paper library,
 * one holding the seen set, one not (writing or clearing 50,000 entries leaves IndexedDB compacting
 * for seconds, so one profile switching between both states measures the compaction), lookups
 * alternating between them.
 */
import type { ChromeGlobal, Driver } from '../extension';
import type { Row } from '../report';
import { interleave, median, rounded } from '../stats';

export const SEEN_ENTRIES = 50_000;
const MONTHS = ['2503', '2504', '2505', '2506', '2507', '2508'];

/**
 * 50,000 seen papers over six months of arXiv ids (a heavy reader's 180 days): every month's ids
 * from .10000 up, so the page's ids (2507.10000 …) are all among them. Seen now: entries last seen
 * over 180 days ago are pruned by the worker's daily alarm (its first run is a minute after start).
 */
export function seenSet(n = SEEN_ENTRIES, at = new Date().toISOString()) {
  const per = Math.ceil(n / MONTHS.length);
  const out: Array<{ id: string; firstSeenAt: string; lastSeenAt: string }> = [];
  for (const m of MONTHS) for (let k = 0; k < per && out.length < n; k++) out.push({ id: `${m}.${10000 + k}`, firstSeenAt: at, lastSeenAt: at });
  return out;
}

async function timeLookup(d: Driver, ids: string[], expectSeen: number): Promise<number> {
  return d.page.evaluate(
    async ([list, seen]) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      const t = performance.now();
      const r = (await chrome.runtime.sendMessage({ papershelf: 1, type: 'lookup', payload: { ids: list } })) as { ok: boolean; data?: { seen: string[] }; error?: string };
      const dt = performance.now() - t;
      if (!r?.ok || r.data?.seen.length !== seen) throw new Error(`lookup: ${r?.error ?? `${r.data?.seen.length} seen, expected ${seen}`}`);
      return dt;
    },
    [ids, expectSeen] as const,
  );
}

/** Give `d` the 50,000 seen papers (one import); done well before measuring (the write is compacted meanwhile). */
export async function seedSeen(d: Driver): Promise<void> {
  await d.send('forgetSeen', null);
  await d.send('importRecords', { papers: [], topics: [], seen: seenSet(), dryRun: false, lossless: true });
}

/** `many` holds the seen set (seedSeen), `none` holds none. */
export async function measureSeenLookup(many: Driver, none: Driver, pageIds: string[], reps = 60): Promise<Row> {
  const inStore = new Set(seenSet().map((e) => e.id));
  const expected = pageIds.filter((id) => inStore.has(id)).length;
  const counts = [await many.send('seenCount', null), await none.send('seenCount', null)];
  if (counts[0] !== SEEN_ENTRIES || counts[1] !== 0) throw new Error(`the seen sets hold ${counts.join(' and ')}, expected ${SEEN_ENTRIES} and 0`);
  await many.page.waitForTimeout(3000);
  const pause = (d: Driver) => d.page.waitForTimeout(30);
  // Two warm-up lookups each, then alternating.
  for (let i = 0; i < 2; i++) await Promise.all([timeLookup(many, pageIds, expected), timeLookup(none, pageIds, 0)]);
  const { a, b } = await interleave(
    reps,
    async () => (await pause(many), timeLookup(many, pageIds, expected)),
    async () => (await pause(none), timeLookup(none, pageIds, 0)),
  );
  await many.send('forgetSeen', null);
  const value = median(a);
  const reference = median(b);
  const ratio = value / reference;
  return {
    measure: `lookup of a ${pageIds.length.toLocaleString('en-US')}-card page with ${SEEN_ENTRIES.toLocaleString('en-US')} seen papers`,
    value,
    unit: 'ms',
    reference: { label: 'the same lookup with 0 seen', value: reference, unit: 'ms' },
    ratio,
    target: '≤ 1.2×',
    pass: ratio <= 1.2,
    details: { seenSamples: rounded(a), noneSamples: rounded(b), seenOnPage: expected, setting: 'both profiles: 10,000 papers saved, 20 topics' },
  };
}
