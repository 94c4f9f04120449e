/**
 * A save's details (authors, dates) arrive from the HF API after the save: an open library page
 * shows them when they arrive, without a reload (the enrichment publishes its change).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, launch, sendFrom, storedPapers, type Session } from './harness';
import { LibraryPage } from './library-page';

const ID = '2506.13000';
const API_URL = `https://huggingface.co/api/papers/${ID}`;
const API = JSON.parse(readFileSync(join(FIXTURES, 'api/papers', `${ID}.json`), 'utf8')) as { title: string; authors: { name: string }[] };

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('enrichment while the library page is open', () => {
  it('shows the authors and the published date when they arrive, without a reload', async () => {
    // The API answer is held until the library page shows the bare save.
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let asked = false;
    await s.context.route(API_URL, async (route) => {
      asked = true;
      await released;
      await route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(API) });
    });

    const page = await s.extensionPage('library.html');
    const lib = new LibraryPage(page);
    await page.getByLabel('Import file').waitFor();
    await page.evaluate(() => ((window as unknown as { __notReloaded: boolean }).__notReloaded = true));
    // A save that knows only the id and a title (the context menu's "Save paper" sends this).
    const saved = await sendFrom(page, 'save', { card: { id: ID, title: 'Spec2RTL-Agent' } });
    expect(saved.ok).toBe(true);
    await expect.poll(() => lib.titles()).toEqual(['Spec2RTL-Agent']);
    const meta = lib.rows.first().locator('.ps-row-meta');
    expect(await meta.textContent()).not.toContain('published');
    await expect.poll(() => asked).toBe(true);

    release();
    await expect.poll(() => meta.locator('.ps-authors').textContent()).toBe(`${API.authors[0]!.name} et al.`);
    expect(await meta.textContent()).toContain('published');
    expect(await lib.titles()).toEqual([API.title]);
    // The same page, not a reload, and the row shows what the store holds.
    expect(await page.evaluate(() => (window as unknown as { __notReloaded?: boolean }).__notReloaded)).toBe(true);
    const [stored] = await storedPapers(s);
    expect(stored).toMatchObject({ id: ID, authors: API.authors.map((a) => a.name), publishedAt: '2025-06-01T17:59:00.000Z' });
    await page.close();
  });
});
