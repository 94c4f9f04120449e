/**
 * The storage.sync mirror of topics and settings, with WXT's fake browser storage.sync. Quota
 * errors are simulated by wrapping `set` with Chrome's limits and messages.
 */
import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPapershelfDb, listTopics, putTopic } from '../../../utils/store/db';
import { createMirror, getMirrorState } from '../../../entrypoints/background/sync-mirror';
import { getSettings } from '../../../entrypoints/background/settings';
import { getTombstones, recordRemoval } from '../../../entrypoints/background/tombstones';
import { itemBytes, planMirror, QUOTA } from '../../../utils/library-sync/mirror';
import type { Topic } from '../../../utils/types';

let n = 0;
const topic = (id: string, order: number, over: Partial<Topic> = {}): Topic => ({
  id, name: `Topic ${id}`, color: '#112233', include: ['agents'], exclude: [], enabled: true, order, updatedAt: '2026-12-01T00:00:00.000Z', ...over,
});

/** storage.sync with Chrome's quotas: set throws Chrome's messages when a limit would be passed. */
function quotaArea() {
  const area = fakeBrowser.storage.sync;
  const calls: string[][] = [];
  const realSet = area.set.bind(area);
  const wrapped = {
    get: area.get.bind(area),
    remove: area.remove.bind(area),
    async set(items: Record<string, unknown>) {
      calls.push(Object.keys(items));
      const current = (await area.get(null)) as Record<string, unknown>;
      const next = { ...current, ...items };
      for (const [k, v] of Object.entries(items))
        if (itemBytes(k, v) > QUOTA.perItem) throw new Error('Resource::kQuotaBytesPerItem quota exceeded (QUOTA_BYTES_PER_ITEM)');
      const total = Object.entries(next).reduce((s, [k, v]) => s + itemBytes(k, v), 0);
      if (total > QUOTA.total) throw new Error('Resource::kQuotaBytes quota exceeded (QUOTA_BYTES)');
      await realSet(items);
    },
  };
  return { area: wrapped, calls };
}

async function setup(topics: Topic[]) {
  const dbp = openPapershelfDb(`mirror-${++n}`);
  const d = await dbp;
  for (const t of topics) await putTopic(d, t);
  return { getDb: () => dbp, d };
}

const NOW = () => new Date('2026-12-06T10:00:00.000Z');

describe('storage.sync mirror', () => {
  it('writes one item per topic in one batched set, and nothing when nothing changed', async () => {
    const { getDb } = await setup([topic('t-a', 0), topic('t-b', 1)]);
    const { area, calls } = quotaArea();
    const m = createMirror(getDb, area as never, NOW);
    await m.flush();
    expect(calls).toEqual([['topic:t-a', 'topic:t-b']]);
    expect(Object.keys(await browser.storage.sync.get(null)).sort()).toEqual(['topic:t-a', 'topic:t-b']);
    await m.flush();
    expect(calls).toHaveLength(1);
  });

  it('a topic over 8 kB stays local with the reason; the others are mirrored; no error is lost', async () => {
    const huge = topic('t-huge', 1, { include: Array.from({ length: 900 }, (_, i) => `term-number-${i}`) });
    const { getDb } = await setup([topic('t-a', 0), huge]);
    const { area } = quotaArea();
    const state = await createMirror(getDb, area as never, NOW).flush();
    expect(state.local).toEqual([{ id: 't-huge', name: 'Topic t-huge', reason: expect.stringMatching(/too large for browser sync \(\d+\.\d kB; the limit is 8 kB per topic\)/) }]);
    expect(Object.keys(await browser.storage.sync.get(null))).toEqual(['topic:t-a']);
    expect((await getMirrorState()).local.map((l) => l.name)).toEqual(['Topic t-huge']);
  });

  it('when all topics pass 100 kB, the last ones stay local ("browser sync is full")', async () => {
    const big = (i: number) => topic(`t-${i}`, i, { include: Array.from({ length: 300 }, (_, j) => `w${i}-${j}`) });
    const topics = Array.from({ length: 40 }, (_, i) => big(i));
    const { getDb } = await setup(topics);
    const { area } = quotaArea();
    const state = await createMirror(getDb, area as never, NOW).flush();
    expect(state.local.length).toBeGreaterThan(0);
    expect(state.local.every((l) => l.reason.startsWith('browser sync is full'))).toBe(true);
    const kept = Object.keys(await browser.storage.sync.get(null));
    expect(kept.length + state.local.length).toBe(40);
    // The first topics (in the user's order) are the ones mirrored.
    expect(state.local[0]!.id).toBe(`t-${kept.length}`);
  });

  it('when the browser refuses the batch for quota anyway, items are written one by one and the refused ones named', async () => {
    const { getDb } = await setup([topic('t-a', 0), topic('t-b', 1), topic('t-c', 2)]);
    const { area } = quotaArea();
    const strict = {
      ...area,
      async set(items: Record<string, unknown>) {
        if (Object.keys(items).length > 1 || 'topic:t-b' in items) throw new Error('QUOTA_BYTES quota exceeded');
        return area.set(items);
      },
    };
    const state = await createMirror(getDb, strict as never, NOW).flush();
    expect(state.local.map((l) => [l.id, l.reason.startsWith('browser sync refused it')])).toEqual([['t-b', true]]);
    expect(Object.keys(await browser.storage.sync.get(null)).sort()).toEqual(['topic:t-a', 'topic:t-c']);
  });

  it('too many writes a minute: nothing lost, an error in words, and a retry is scheduled', async () => {
    const { getDb } = await setup([topic('t-a', 0)]);
    let refuse = true;
    const area = {
      get: fakeBrowser.storage.sync.get.bind(fakeBrowser.storage.sync),
      remove: fakeBrowser.storage.sync.remove.bind(fakeBrowser.storage.sync),
      async set(items: Record<string, unknown>) {
        if (refuse) throw new Error('This request exceeds the MAX_WRITE_OPERATIONS_PER_MINUTE quota.');
        await fakeBrowser.storage.sync.set(items);
      },
    };
    const m = createMirror(getDb, area as never, NOW, 10);
    const state = await m.flush();
    expect(state.error).toBe('browser sync is busy (120 writes a minute); will retry');
    refuse = false;
    await m.flush();
    expect((await getMirrorState()).error).toBeUndefined();
    expect(Object.keys(await browser.storage.sync.get(null))).toEqual(['topic:t-a']);
  });

  it('deletions travel as tombstones; a remote tombstone beats an older edit, not a newer one', async () => {
    const { getDb, d } = await setup([topic('t-a', 0), topic('t-b', 1, { updatedAt: '2026-12-05T00:00:00.000Z' })]);
    const m = createMirror(getDb, fakeBrowser.storage.sync as never, NOW);
    await recordRemoval('topics', ['t-gone'], '2026-12-04T00:00:00.000Z');
    await m.flush();
    expect(await browser.storage.sync.get('topic:t-gone')).toEqual({ 'topic:t-gone': { id: 't-gone', removedAt: '2026-12-04T00:00:00.000Z' } });
    await m.onRemote({
      'topic:t-a': { newValue: { id: 't-a', removedAt: '2026-12-02T00:00:00.000Z' } },
      'topic:t-b': { newValue: { id: 't-b', removedAt: '2026-12-02T00:00:00.000Z' } },
    });
    expect((await listTopics(d)).map((t) => t.id)).toEqual(['t-b']);
    expect((await getTombstones()).topics['t-a']).toBe('2026-12-02T00:00:00.000Z');
  });

  it('a remote topic edit merges by updatedAt, and a newer display mode is applied', async () => {
    const { getDb, d } = await setup([topic('t-a', 0, { updatedAt: '2026-12-03T00:00:00.000Z' })]);
    const m = createMirror(getDb, fakeBrowser.storage.sync as never, NOW);
    await m.onRemote({
      'topic:t-a': { newValue: topic('t-a', 0, { name: 'Older', updatedAt: '2026-12-02T00:00:00.000Z' }) },
      'topic:t-new': { newValue: topic('t-new', 3, { name: 'New one' }) },
      settings: { newValue: { mode: 'dim', updatedAt: '2026-12-04T00:00:00.000Z' } },
    });
    expect((await listTopics(d)).map((t) => t.name)).toEqual(['Topic t-a', 'New one']);
    expect((await getSettings()).mode).toBe('dim');
    await m.onRemote({ 'topic:t-a': { newValue: topic('t-a', 0, { name: 'Newer', updatedAt: '2026-12-05T00:00:00.000Z' }) } });
    expect((await listTopics(d)).map((t) => t.name)).toEqual(['Newer', 'New one']);
    // An item removed from storage.sync is not a deletion.
    await m.onRemote({ 'topic:t-new': {} });
    expect((await listTopics(d)).map((t) => t.id)).toEqual(['t-a', 't-new']);
  });

  it('planMirror puts tombstones before topics and counts the 512-item limit', () => {
    const topics = Array.from({ length: 600 }, (_, i) => topic(`t${i}`, i, { include: [] }));
    const plan = planMirror(topics, {}, undefined, {}, NOW().toISOString());
    expect(Object.keys(plan.set).length + plan.local.length).toBe(600);
    expect(plan.local.some((l) => /512 items|full/.test(l.reason))).toBe(true);
  });
});
