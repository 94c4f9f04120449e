/**
 * Library sync end to end: two Chromium profiles ("devices") with the built extension, against a
 * fake Hugging Face Hub served by the test with context.route (tests/fake-hub.ts: the endpoints
 * Papershelf calls, with real compare-and-swap on the head of main). No network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { launch, readStore, sendFrom, storedIds, storedPapers, type Session } from './harness';
import { FakeHub } from '../fake-hub';
import { parseReplica } from '../../utils/library-sync/file';
import { SYNC_FILE } from '../../utils/library-sync/file';

const TOKEN = 'hf_' + 'A1b2C3d4'.repeat(4);
const REPO = 'alice/papershelf-library';
const hub = new FakeHub().addUser(TOKEN, { name: 'alice', role: 'write' });
/** When set, the first commit waits for a second one (two devices pushing at the same moment). */
let barrier: { waiting?: () => void; count: number } | undefined;

async function serveHub(s: Session): Promise<void> {
  // Registered after the fixture routes, so it answers first for the Hub endpoints.
  await s.context.route(/^https:\/\/huggingface\.co\/(api\/whoami-v2|api\/repos\/create|api\/datasets\/|datasets\/)/, async (route: Route) => {
    const req = route.request();
    const url = req.url();
    if (barrier && req.method() === 'POST' && url.includes('/commit/main')) {
      barrier.count++;
      if (barrier.count === 1) await new Promise<void>((resolve) => ((barrier!.waiting = resolve), setTimeout(resolve, 10_000)));
      else barrier.waiting?.();
    }
    const r = hub.handle(req.method(), url, await req.allHeaders(), req.postData() ?? '');
    await route.fulfill({ status: r.status, contentType: r.contentType, body: r.body });
  });
}

let a: Session;
let b: Session;
let pageA: Page;
let pageB: Page;

const hubSync = async (page: Page) => {
  const r = (await sendFrom(page, 'hubSync', null)) as { ok: boolean; data: { error?: string; lastSyncAt?: string } };
  expect(r.ok).toBe(true);
  expect(r.data.error).toBeUndefined();
  return r.data;
};
const save = async (page: Page, id: string, title = `Paper ${id}`) => expect(await sendFrom(page, 'save', { card: { id, title } })).toMatchObject({ ok: true });
const statusText = (page: Page) => page.locator('[data-papershelf-sync-status]').textContent();
const onHub = () => parseReplica(hub.repos.get(REPO)!.files.get(SYNC_FILE)!, new Date().toISOString());

/** Connect through the Sync tab's form, as a user would. */
async function connect(s: Session): Promise<Page> {
  const page = await s.extensionPage('library.html#sync');
  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Connect and sync' }).click();
  await expect.poll(() => statusText(page), { timeout: 15_000 }).toMatch(/^Synced just now · /);
  return page;
}

beforeAll(async () => {
  a = await launch();
  b = await launch();
  await serveHub(a);
  await serveHub(b);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('sync across two devices through the Hub', () => {
  it('connecting creates a private repository; a paper saved on A appears on B', async () => {
    pageA = await connect(a);
    expect(hub.repos.get(REPO)?.private).toBe(true);
    expect(await pageA.locator('.ps-sync-connected').textContent()).toContain(`token ending in ${TOKEN.slice(-4)}`);
    expect(await pageA.content()).not.toContain(TOKEN);
    await save(pageA, '2506.13000', 'Spec2RTL-Agent');
    await hubSync(pageA);
    pageB = await connect(b);
    expect(await storedIds(b)).toEqual(['2506.13000']);
    expect((await storedPapers(b))[0]!.title).toMatch(/^Spec2RTL-Agent/);
    await expect.poll(() => statusText(pageB)).toBe('Synced just now · 1 paper');
  });

  it('conflicting edits: the newer one wins on both devices', async () => {
    expect(await sendFrom(pageA, 'update', { ids: ['2506.13000'], patch: { note: 'from A', tags: ['a'] } })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 20));
    expect(await sendFrom(pageB, 'update', { ids: ['2506.13000'], patch: { note: 'from B', read: true } })).toMatchObject({ ok: true });
    await hubSync(pageA);
    await hubSync(pageB);
    await hubSync(pageA);
    for (const s of [a, b]) expect((await storedPapers(s))[0]).toMatchObject({ note: 'from B', read: true, tags: [] });
  });

  it('a removal on A propagates to B', async () => {
    await save(pageA, '2506.13037');
    await hubSync(pageA);
    await hubSync(pageB);
    expect(await storedIds(b)).toEqual(['2506.13000', '2506.13037']);
    expect(await sendFrom(pageA, 'remove', { ids: ['2506.13000'] })).toMatchObject({ ok: true });
    await hubSync(pageA);
    await hubSync(pageB);
    expect(await storedIds(b)).toEqual(['2506.13037']);
    expect([...onHub().removedPapers.keys()]).toEqual(['2506.13000']);
  });

  it('both devices syncing at the same moment: one commit is refused (412), retried, and both changes are kept', async () => {
    await save(pageA, '2506.13074');
    await save(pageB, '2506.13111');
    const commitsBefore = hub.repos.get(REPO)!.commits.length;
    const log = hub.log.length;
    barrier = { count: 0 };
    await Promise.all([hubSync(pageA), hubSync(pageB)]);
    barrier = undefined;
    // Three commit requests: both with the same parent, one refused and pushed again after a merge.
    expect(hub.log.slice(log).filter((l) => l.endsWith('/commit/main'))).toHaveLength(3);
    expect(hub.repos.get(REPO)!.commits.length).toBe(commitsBefore + 2);
    expect([...onHub().papers.keys()].sort()).toEqual(['2506.13037', '2506.13074', '2506.13111']);
    await hubSync(pageA);
    await hubSync(pageB);
    for (const s of [a, b]) expect(await storedIds(s)).toEqual(['2506.13037', '2506.13074', '2506.13111']);
  });

  it('a rejected token: a clear error, nothing changed locally, no commit', async () => {
    const c = await launch();
    try {
      await serveHub(c);
      const page = await c.extensionPage('library.html#sync');
      await save(page, '2506.13000');
      const before = await storedPapers(c);
      const commits = hub.repos.get(REPO)!.commits.length;
      await page.getByLabel('Access token').fill('hf_' + 'x'.repeat(34));
      await page.getByRole('button', { name: 'Connect and sync' }).click();
      await expect
        .poll(() => page.getByRole('alert').textContent())
        .toBe('The Hub refused this token: token expired or not valid: paste a new one. Nothing was changed.');
      expect(await statusText(page)).toBe('Not connected.');
      expect(await storedPapers(c)).toEqual(before);
      expect(hub.repos.get(REPO)!.commits.length).toBe(commits);
    } finally {
      await c.close();
    }
  });

  it('10,000 papers sync in one commit, and arrive on the other device', async () => {
    const papers = Array.from({ length: 10_000 }, (_, i) => ({
      id: `2401.${String(i).padStart(5, '0')}`,
      title: `Generated paper ${i}`,
      authors: ['Ada Lovelace', 'Alan Turing'],
      summary: 'An abstract that stays on this device. '.repeat(10),
      savedAt: '2026-11-01T00:00:00.000Z',
      updatedAt: '2026-11-01T00:00:00.000Z',
      tags: i % 3 ? ['ml'] : [],
      note: i % 7 ? '' : 'a note',
      read: i % 2 === 0,
    }));
    const r = await sendFrom(pageA, 'importRecords', { papers, topics: [], dryRun: false, lossless: true });
    expect(r).toMatchObject({ ok: true });
    const commits = hub.repos.get(REPO)!.commits.length;
    const status = await hubSync(pageA);
    expect(hub.repos.get(REPO)!.commits.length).toBe(commits + 1);
    const file = hub.repos.get(REPO)!.files.get(SYNC_FILE)!;
    expect(file).not.toContain('An abstract that stays');
    expect(onHub().papers.size).toBe(10_003);
    expect(status).toMatchObject({ papers: 10_003 });
    await hubSync(pageB);
    expect(await readStore(b, 'papers', 'count')).toBe(10_003);
    await expect.poll(() => statusText(pageA), { timeout: 10_000 }).toMatch(/^Synced (just now|1 minute ago) · 10,003 papers$/);
  });

  it('Disconnect forgets the token', async () => {
    await pageB.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => statusText(pageB)).toBe('Not connected.');
    const stored = await b.worker.evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
  });
});
