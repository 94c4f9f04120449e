import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, launch, saveButton, saveButtons, storedIds, URLS, waitForCards, type Session } from './harness';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('foundation: save from any papers page', () => {
  it.each([
    ['trending', URLS.trending, 30],
    ['daily', URLS.daily, 20],
    ['papers', URLS.papers, 20],
    ['search', URLS.search, 56],
    ['paper page', URLS.paper, 1],
  ])('%s page gets exactly one toggle per paper', async (_name, url, n) => {
    const page = await s.open(url);
    await waitForCards(page, n);
    expect(await saveButtons(page).count()).toBe(n);
    expect(await page.locator('[data-papershelf-id]').count()).toBe(n);
    await page.close();
  });

  it('saves three papers, keeps them across reload, unsaves one, and the popup lists the other two', async () => {
    const page = await s.open(URLS.trending);
    await waitForCards(page, 30);
    const ids = await page.locator('[data-papershelf-id]').evaluateAll((els) => els.slice(0, 3).map((e) => e.getAttribute('data-papershelf-id')!));
    for (const id of ids) {
      const button = saveButton(page, id);
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
      await button.click();
      await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
      expect(await button.getAttribute('aria-label')).toBe('Saved — Remove from Papershelf');
    }
    expect(await storedIds(s)).toEqual([...ids].sort());

    await page.reload();
    await waitForCards(page, 30);
    const pressed = await page.locator('[data-papershelf-id]').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-papershelf-id'), e.querySelector('[data-papershelf-toggle]')!.shadowRoot!.querySelector<HTMLButtonElement>('button[data-papershelf-save]')!.getAttribute('aria-pressed')]),
    );
    expect(pressed.filter(([, p]) => p === 'true').map(([id]) => id)).toEqual(ids);

    await saveButton(page, ids[1]!).click();
    await expect.poll(() => storedIds(s)).toEqual([ids[0], ids[2]].sort());

    const popup = await s.extensionPage('popup.html');
    const list = popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem');
    await expect.poll(() => list.count()).toBe(2);
    const titles = await list.locator('a').allTextContents();
    const expected = await Promise.all(
      [ids[2], ids[0]].map((id) => page.locator(`[data-papershelf-id="${id}"] h3 a`).first().textContent()),
    );
    expect(titles.map((t) => t.trim())).toEqual(expected.map((t) => t!.replace(/\s+/g, ' ').trim()));
    // Remove from the popup: the page reflects it without reload.
    await popup.getByRole('button', { name: `Remove “${titles[0]!.trim()}”` }).click();
    await expect.poll(() => list.count()).toBe(1);
    await expect
      .poll(() => saveButton(page, ids[2]!).getAttribute('aria-pressed'))
      .toBe('false');
    await popup.close();
    await page.close();
  });

  it('a second tab reflects a save made in the first', async () => {
    const a = await s.open(URLS.daily);
    const b = await s.open(URLS.search);
    await waitForCards(a, 20);
    await waitForCards(b, 56);
    const id = '2506.14110'; // on both the daily and the search page
    await saveButton(a, id).click();
    await expect
      .poll(() => saveButton(b, id).first().getAttribute('aria-pressed'))
      .toBe('true');
    await a.close();
    await b.close();
  });

  it('a card appended after load gets a toggle', async () => {
    const page = await s.open(URLS.daily);
    await waitForCards(page, 20);
    const html = fixture(URLS.trending);
    await page.evaluate((src) => {
      const doc = new DOMParser().parseFromString(src, 'text/html');
      const cards = [...doc.querySelectorAll('article')].slice(25, 27);
      const host = document.querySelector('article')!.parentElement!;
      setTimeout(() => cards.forEach((c) => host.append(document.importNode(c, true))), 50);
    }, html);
    await waitForCards(page, 22);
    expect(await saveButtons(page).count()).toBe(22);
    await page.close();
  });
});
