/**
 * Real Firefox (Debian's firefox-esr) with the built Firefox MV3 package, driven by puppeteer-core
 * over WebDriver BiDi. huggingface.co is answered from the fixtures by request interception; every
 * other web request is refused, and a dead proxy catches anything interception would miss.
 *
 * Firefox refuses navigation to moz-extension:// pages from BiDi unless started with
 * `--remote-allow-system-access` (firefox-arxiv.test.ts does, for the library's permission button),
 * so here the save path is checked through the page (toggle → background → IndexedDB → reload).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFirefox, fixtureSite, launchFirefox, openServed, ROUTES, waitForToggles as waitForCards } from './firefox-harness';
import { FIXTURES, OUT_DIR, URLS } from './harness';

/** Pages served instead of the fixture at a URL (url → html). */
const overrides = new Map<string, string>();

let browser: Browser;
beforeAll(async () => {
  browser = await launchFirefox(buildFirefox(OUT_DIR));
}, 90_000);
afterAll(async () => {
  await browser?.close();
});

/** huggingface.co from the fixtures (or an override); every other host refused. */
const open = (url: string): Promise<Page> =>
  openServed(browser, url, (u) => {
    if (new URL(u).hostname !== 'huggingface.co') return undefined;
    const override = overrides.get(u);
    return override === undefined ? fixtureSite(u) : { body: override };
  });

/** aria-pressed of the toggle in the card with `id` (inside its open shadow root). */
const pressed = (page: Page, id: string) =>
  page.evaluate(
    (i) => document.querySelector(`[data-papershelf-id="${i}"] [data-papershelf-toggle]`)?.shadowRoot?.querySelector<HTMLButtonElement>('button[data-papershelf-save]')?.getAttribute('aria-pressed') ?? null,
    id,
  );

describe('Firefox', () => {
  it('saves from a toggle in the shadow root and still shows it saved after reload', async () => {
    const page = await open(URLS.trending);
    await waitForCards(page, 30);
    const id = '2506.13037';
    expect(await pressed(page, id)).toBe('false');
    const button = await page.waitForSelector(`[data-papershelf-id="${id}"] [data-papershelf-toggle] >>> button[data-papershelf-save]`);
    await button!.click();
    await page.waitForFunction((i) => document.querySelector(`[data-papershelf-id="${i}"] [data-papershelf-toggle]`)?.shadowRoot?.querySelector('[aria-pressed="true"]'), {}, id);
    expect(await button!.evaluate((b) => b.getAttribute('aria-label'))).toBe('Saved — Remove from Papershelf');

    await page.reload();
    await waitForCards(page, 30);
    await page.waitForFunction((i) => document.querySelector(`[data-papershelf-id="${i}"] [data-papershelf-toggle]`)?.shadowRoot?.querySelector('[aria-pressed="true"]'), { timeout: 10_000 }, id);
    const all = await page.evaluate(() =>
      [...document.querySelectorAll('[data-papershelf-id]')].filter((r) => r.querySelector('[data-papershelf-toggle]')!.shadowRoot!.querySelector('[aria-pressed="true"]')).map((r) => r.getAttribute('data-papershelf-id')),
    );
    expect(all).toEqual([id]);
    await page.close();
  });

  it('the toggle follows the site’s dark theme (html.dark) in Firefox too', async () => {
    overrides.set(URLS.trending, readFileSync(join(FIXTURES, ROUTES[URLS.trending]!), 'utf8').replace('<html class="">', '<html class="dark">'));
    try {
      const page = await open(URLS.trending);
      await waitForCards(page, 30);
      const colors = await page.evaluate(() => {
        const b = document.querySelector('[data-papershelf-toggle]')!.shadowRoot!.querySelector<HTMLButtonElement>('button[data-papershelf-save]')!;
        return { background: getComputedStyle(b).backgroundColor, color: getComputedStyle(b).color };
      });
      expect(colors).toEqual({ background: 'rgb(17, 24, 39)', color: 'rgb(229, 231, 235)' });
      await page.close();
    } finally {
      overrides.clear();
    }
  });
});
