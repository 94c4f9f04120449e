/**
 * The storage.sync mirror in real Chromium: a topic saved here is written to chrome.storage.sync;
 * a change written there as another device would (an item set from outside the worker) merges into
 * IndexedDB and open papers tabs re-match. Two profiles cannot share storage.sync without a browser
 * account, so "the other device" is a write to chrome.storage.sync from an extension page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, readStore, saveTopics, URLS, waitForCards, type Session } from './harness';
import type { Topic } from '../../utils/types';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

const syncItems = (page: import('playwright-core').Page) => page.evaluate(() => chrome.storage.sync.get(null)) as Promise<Record<string, unknown>>;

describe('storage.sync mirror', () => {
  it('a saved topic is mirrored as one item; a newer edit from another device is merged and tabs re-match', async () => {
    await saveTopics(s, { name: 'Agents', color: '#6d28d9', include: ['nothing-matches-this-zzz'] });
    const ext = await s.extensionPage('library.html#sync');
    await expect.poll(async () => Object.keys(await syncItems(ext)), { timeout: 15_000 }).toHaveLength(1);
    const [key, value] = Object.entries(await syncItems(ext))[0]!;
    const topic = value as Topic;
    expect(key).toBe(`topic:${topic.id}`);
    expect(topic).toMatchObject({ name: 'Agents', include: ['nothing-matches-this-zzz'] });

    const page = await s.open(URLS.trending);
    await waitForCards(page, 30);
    expect(await page.locator('[data-papershelf-topics]').count()).toBe(0);
    // Another device edits the topic later: it now matches "code".
    const later = new Date(Date.parse(topic.updatedAt!) + 60_000).toISOString();
    await ext.evaluate(([k, t]) => chrome.storage.sync.set({ [k]: t }), [key, { ...topic, include: ['code'], updatedAt: later }] as const);
    await expect.poll(async () => ((await readStore(s, 'topics', 'getAll')) as Topic[])[0]?.include, { timeout: 10_000 }).toEqual(['code']);
    await expect.poll(() => page.locator('[data-papershelf-topics="Agents"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // An older edit from elsewhere loses.
    await ext.evaluate(([k, t]) => chrome.storage.sync.set({ [k]: t }), [key, { ...topic, include: ['older'], updatedAt: topic.updatedAt }] as const);
    await new Promise((r) => setTimeout(r, 1000));
    expect(((await readStore(s, 'topics', 'getAll')) as Topic[])[0]?.include).toEqual(['code']);

    // A deletion from another device, after the edit, removes it here; tabs drop the marks.
    await ext.evaluate(([k, id, at]) => chrome.storage.sync.set({ [k]: { id, removedAt: at } }), [key, topic.id, new Date(Date.parse(later) + 1000).toISOString()] as const);
    await expect.poll(() => readStore(s, 'topics', 'count'), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => page.locator('[data-papershelf-topics]').count(), { timeout: 10_000 }).toBe(0);
  });
});
