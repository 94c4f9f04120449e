/**
 * The extension updated while papers tabs are open, in real Chromium: the update is a real reload
 * of the unpacked extension (CDP Extensions.loadUnpacked on its own path: onInstalled "update").
 * The new worker injects the new content script into the open tabs; it takes over from the cut-off
 * old copy: one toggle per card, the saved state and topic marks shown, saves working. Running the
 * content script a second time in the same extension is a no-op too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cardIds, launch, saveButton, sendFrom, URLS, waitForCards, type Session } from './harness';
import { extensionTab, idsIn, inWorker, matchesStore, pressedByCard, updateExtension } from './reliability-helpers';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

const marked = (page: Page) => page.locator('[data-papershelf-topics]').count();

/** One toggle per card, each showing what the store holds, nothing busy. */
async function oneTrueTogglePerCard(page: Page, ext: Page, cards: number): Promise<void> {
  await expect
    .poll(async () => {
      const pressed = await pressedByCard(page);
      const hosts = await page.locator('[data-papershelf-toggle]').count();
      return { cards: Object.keys(pressed).length, hosts, wrong: matchesStore(pressed, await idsIn(ext)) };
    }, { timeout: 20_000 })
    .toEqual({ cards, hosts: cards, wrong: [] });
}

/** Console errors from any world of the page (content scripts included). */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

describe('running the content script twice', () => {
  it('a second injection into a papers tab leaves one toggle per card and working saves', async () => {
    const ext = await extensionTab(s);
    const page = await s.open(URLS.daily);
    const errors = errorsOf(page);
    await waitForCards(page, 20);
    const ids = await cardIds(page);
    await saveButton(page, ids[0]!).click();
    await expect.poll(() => saveButton(page, ids[0]!).getAttribute('aria-pressed')).toBe('true');

    for (let i = 0; i < 2; i++)
      await inWorker(
        s,
        async (url: string) => {
          const [tab] = await chrome.tabs.query({ url });
          await chrome.scripting.executeScript({ target: { tabId: tab!.id! }, files: ['/content-scripts/papers.js'] });
        },
        URLS.daily,
      );
    await oneTrueTogglePerCard(page, ext, 20);
    expect(await saveButton(page, ids[0]!).getAttribute('aria-pressed')).toBe('true');
    await saveButton(page, ids[1]!).click();
    await expect.poll(() => saveButton(page, ids[1]!).getAttribute('aria-pressed')).toBe('true');
    expect(await idsIn(ext)).toEqual([ids[0], ids[1]].sort());
    await oneTrueTogglePerCard(page, ext, 20);
    expect(errors).toEqual([]);
    await sendFrom(ext, 'wipe', null);
    await page.close();
    await ext.close();
  });
});

describe('extension update with papers tabs open', () => {
  it('the new version takes over in every open tab: one toggle per card, saved state and marks shown, saves work', async () => {
    let ext = await extensionTab(s);
    expect(await sendFrom(ext, 'saveTopic', { topic: { name: 'Models', color: '#0ea5e9', include: ['model*'], exclude: [], enabled: true } })).toMatchObject({ ok: true });
    const daily = await s.open(URLS.daily);
    const paper = await s.open(URLS.paper);
    const errors = [...errorsOf(daily), ...errorsOf(paper)];
    await waitForCards(daily, 20);
    await waitForCards(paper, 1);
    const ids = await cardIds(daily);
    await saveButton(daily, ids[2]!).click();
    await saveButton(paper, '2506.13000').click();
    await expect.poll(() => idsIn(ext)).toEqual([ids[2], '2506.13000'].sort());
    const marks = await marked(daily);
    expect(marks).toBeGreaterThan(0);
    // Mark the old copies' toggles, to tell them from the new ones.
    for (const p of [daily, paper]) await p.evaluate(() => document.querySelectorAll('[data-papershelf-toggle]').forEach((t) => t.setAttribute('data-old-copy', '')));

    await updateExtension(s);
    ext = await extensionTab(s); // extension pages close on reload
    for (const [p, n] of [[daily, 20], [paper, 1]] as const) {
      await expect.poll(() => p.locator('[data-old-copy]').count(), { timeout: 20_000 }).toBe(0);
      await oneTrueTogglePerCard(p, ext, n);
    }
    expect(await saveButton(daily, ids[2]!).getAttribute('aria-pressed')).toBe('true');
    expect(await saveButton(paper, '2506.13000').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => marked(daily)).toBe(marks);

    // The new copy works: save, and unsave from the other tab, both shown everywhere.
    await saveButton(daily, ids[3]!).click();
    await expect.poll(() => saveButton(daily, ids[3]!).getAttribute('aria-pressed')).toBe('true');
    await saveButton(paper, '2506.13000').click();
    await expect.poll(() => saveButton(paper, '2506.13000').getAttribute('aria-pressed')).toBe('false');
    expect(await idsIn(ext)).toEqual([ids[2], ids[3]].sort());
    await oneTrueTogglePerCard(daily, ext, 20);
    const reloadNotice = await daily.evaluate(() =>
      [...document.querySelectorAll('[data-papershelf-toggle]')].map((t) => t.shadowRoot!.textContent!).filter((t) => t.includes('reload')),
    );
    expect(reloadNotice).toEqual([]);
    expect(errors).toEqual([]);
    await daily.close();
    await paper.close();
  });
});
