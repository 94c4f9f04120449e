/**
 * The site changes: detection must survive markup we alter ourselves, SPA navigation, re-renders,
 * and say so in the popup when a papers page shows zero cards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, launch, saveButton, saveButtons, URLS, waitForCards, type Session } from './harness';

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

/** Rewrite a fixture page's markup (string level, so the page loads it as the server would send it). */
function alter(html: string, how: 'classes' | 'no-article' | 'no-abstract'): string {
  if (how === 'classes') return html.replace(/ class="[^"]*"/g, (m) => m.replace(/[a-z]/g, 'x'));
  if (how === 'no-article') return html.replace(/<article\b/g, '<div').replace(/<\/article>/g, '</div>');
  return html.replace(/<p class="line-clamp-[23][^"]*">[\s\S]*?<\/p>/g, '');
}

describe('altered markup', () => {
  it.each([
    ['renamed classes', 'classes', URLS.trending, 30, 'https://huggingface.co/papers/date/2030-01-01'],
    ['no <article>', 'no-article', URLS.search, 56, 'https://huggingface.co/papers?q=altered'],
    ['no abstracts', 'no-abstract', URLS.daily, 20, 'https://huggingface.co/papers/date/2030-01-02'],
  ] as const)('%s: every card still gets one toggle', async (_name, how, source, n, url) => {
    s.pages.set(url, alter(fixture(source), how));
    const page = await s.open(url);
    await waitForCards(page, n);
    expect(await saveButtons(page).count()).toBe(n);
    const ids = await page.locator('[data-papershelf-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')));
    expect(new Set(ids).size).toBe(n);
    await page.close();
  });

  it('a papers page with zero cards is reported in the popup', async () => {
    const url = 'https://huggingface.co/papers/date/2030-02-02';
    s.pages.set(url, '<!doctype html><html><body><main><h1>Daily Papers</h1><p>Nothing here in a shape we know.</p></main></body></html>');
    const page = await s.open(url);
    await page.waitForTimeout(300);
    const tabId = await s.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url);
    const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.getByRole('status').filter({ hasText: 'No papers detected on this page' }).count()).toBe(1);
    await popup.close();
    await page.close();
  });
});

describe('dynamic pages', () => {
  it('navigation without page load re-annotates the new list, and running again adds nothing', async () => {
    const page = await s.open(URLS.daily);
    await waitForCards(page, 20);
    // Simulate the Svelte app: replace the list in place and push a new URL.
    const trending = fixture(URLS.trending);
    await page.evaluate((src) => {
      const doc = new DOMParser().parseFromString(src, 'text/html');
      const fresh = [...doc.querySelectorAll('article')].map((a) => document.importNode(a, true));
      const list = document.querySelector('article')!.parentElement!;
      list.replaceChildren(...fresh);
      history.pushState({}, '', '/papers/trending');
    }, trending);
    await waitForCards(page, 30);
    await page.waitForTimeout(500);
    expect(await saveButtons(page).count()).toBe(30);
    expect(await page.locator('[data-papershelf-id]').count()).toBe(30);
  });

  it('a card re-rendered in place gets its toggle back with the right state', async () => {
    const page = await s.open(URLS.daily);
    await waitForCards(page, 20);
    const id = await page.locator('[data-papershelf-id]').first().getAttribute('data-papershelf-id');
    const button = () => saveButton(page, id!);
    await button().click();
    await expect.poll(() => button().getAttribute('aria-pressed')).toBe('true');
    // The site swaps the card's inner nodes for fresh copies (dropping our toggle).
    await page.evaluate((paperId) => {
      const root = document.querySelector(`[data-papershelf-id="${paperId}"]`)!;
      const clone = root.cloneNode(true) as Element;
      clone.querySelector('[data-papershelf-toggle]')?.remove();
      root.replaceChildren(...clone.childNodes);
    }, id);
    await expect.poll(() => button().count()).toBe(1);
    await expect.poll(() => button().getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => saveButtons(page).count()).toBe(20);
  });

  it('moves the toggle to the visible title copy when the viewport changes', async () => {
    const page = await s.open(URLS.trending);
    await waitForCards(page, 30);
    const visibleHosts = () =>
      page.locator('[data-papershelf-toggle]').evaluateAll((hosts) => hosts.filter((h) => h.checkVisibility()).length);
    expect(await visibleHosts()).toBe(30);
    await page.setViewportSize({ width: 375, height: 800 });
    await expect.poll(visibleHosts).toBe(30);
    expect(await saveButtons(page).count()).toBe(30);
    await page.close();
  });
});
