/**
 * The content script starts at DOMContentLoaded (document_end), before the site's own scripts
 * hydrate its server-rendered cards. Hydration may keep our nodes, strip what it does not know
 * (as Svelte 4's claim does: unknown attributes of the elements it claims, child nodes it does not
 * claim) or throw the server markup away and render the island again (a hydration mismatch). In
 * every case each card must end with exactly one toggle showing its saved state, and its hooks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, launch, saveButton, saveButtons, URLS, waitForCards, type Session } from './harness';

let s: Session;
/** The page's first paper, saved before the hydrated pages load. */
let first: string;
beforeAll(async () => {
  s = await launch();
  const page = await s.open(URLS.daily);
  await waitForCards(page, 20);
  first = (await page.locator('[data-papershelf-id]').first().getAttribute('data-papershelf-id'))!;
  await saveButton(page, first).click();
  await page.waitForSelector(`[data-papershelf-id="${first}"] button[data-papershelf-save][aria-pressed="true"]`);
  await page.close();
});
afterAll(async () => {
  await s?.close();
});

/**
 * A script the page runs after `delay` ms (past DOMContentLoaded, so after the content script's
 * first pass), standing for the site's hydration of its cards' island.
 */
const HYDRATE = {
  // Svelte 4 claim: every element of the island loses attributes it did not render, and every node
  // the server did not send is removed.
  strip: `(() => {
    const island = document.querySelector('article').parentElement;
    const strip = (el) => {
      for (const a of [...el.attributes]) if (a.name.startsWith('data-papershelf')) el.removeAttribute(a.name);
      for (const c of [...el.children]) c.hasAttribute('data-papershelf-toggle') ? c.remove() : strip(c);
    };
    strip(island);
  })()`,
  // A mismatch: the island's server markup is discarded and rendered again from the props.
  rerender: `(() => {
    const island = document.querySelector('article').parentElement;
    const fresh = island.cloneNode(true);
    for (const t of fresh.querySelectorAll('[data-papershelf-toggle]')) t.remove();
    for (const el of [fresh, ...fresh.querySelectorAll('*')]) for (const a of [...el.attributes]) if (a.name.startsWith('data-papershelf')) el.removeAttribute(a.name);
    island.replaceWith(fresh);
  })()`,
} as const;

function hydratedPage(how: keyof typeof HYDRATE, delay: number): string {
  // It records how many of our toggles it found, so a test knows what the hydration removed.
  const script = `<script>addEventListener('DOMContentLoaded', () => setTimeout(() => { window.__togglesBefore = document.querySelectorAll('[data-papershelf-toggle]').length; ${HYDRATE[how]}; }, ${delay}));</script>`;
  return fixture(URLS.daily).replace('</body>', `${script}</body>`);
}

describe('cards hydrated after the content script started', () => {
  it.each([
    ['strip (Svelte 4 claim)', 'strip', 0],
    ['strip, later', 'strip', 300],
    ['re-render (hydration mismatch)', 'rerender', 0],
    ['re-render, later', 'rerender', 300],
  ] as const)('%s: every card ends with one toggle, its saved state and its hooks', async (_name, how, delay) => {
    const url = `https://huggingface.co/papers/date/2031-01-0${Object.keys(HYDRATE).indexOf(how) * 2 + (delay ? 2 : 1)}`;
    s.pages.set(url, hydratedPage(how, delay));
    const page = await s.open(url);
    // Hydration has run (its island replaced or stripped), and the page settled.
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(delay + 400);
    await expect.poll(() => saveButtons(page).count()).toBe(20);
    // Later hydration removed the toggles of the first pass (the case this file is about).
    if (delay) expect(await page.evaluate(() => (window as unknown as { __togglesBefore: number }).__togglesBefore)).toBe(20);
    const ids = await page.locator('[data-papershelf-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')));
    expect(new Set(ids).size).toBe(20);
    // One toggle per card: no copy left over from before hydration.
    expect(await page.locator('[data-papershelf-toggle]').count()).toBe(20);
    await expect.poll(() => saveButton(page, first).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('button[data-papershelf-save][aria-pressed="true"]').count()).toBe(1);
    // The toggle still saves after hydration.
    const other = ids.find((id) => id !== first)!;
    await saveButton(page, other).click();
    await expect.poll(() => saveButton(page, other).getAttribute('aria-pressed')).toBe('true');
    await saveButton(page, other).click(); // and removes it again: the next case starts with one saved paper
    await expect.poll(() => saveButton(page, other).getAttribute('aria-pressed')).toBe('false');
    await page.close();
  });
});
