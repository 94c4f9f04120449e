/**
 * arXiv in real Firefox (firefox-esr, puppeteer-core over WebDriver BiDi): the content script is
 * registered at run time with `scripting.registerContentScripts`, which Firefox MV3 has too, once
 * the arXiv host is granted.
 *
 * - The real request flow, on the shipped build (arXiv and alphaXiv optional): a real click
 *   (BiDi input actions) on "Also use Papershelf on arXiv and alphaXiv" in the library page calls
 *   `permissions.request`; `extensions.webextOptionalPermissionPrompts=false` makes Firefox grant
 *   it without showing its prompt (the user-input rule still holds: a request from script is
 *   refused, checked first). The library is opened in a tab thanks to `--remote-allow-system-access`
 *   (without it BiDi refuses to navigate to moz-extension:// pages).
 * - The PAPERSHELF_GRANT_OPTIONAL build, granted at install: the registered script on a listing and
 *   a save there shown on huggingface.co.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFirefox, fixtureSite, launchFirefox, openExtensionPage, openServed, waitForToggles as count } from './firefox-harness';
import { OUT_DIR, ROOT, URLS } from './harness';
import { ARXIV_ORIGINS } from '../../utils/detection/arxiv';

const NEW = 'https://arxiv.org/list/cs.CL/new';

let browser: Browser;
afterAll(async () => {
  await browser?.close();
});

/** arXiv's /new listing and huggingface.co from the fixtures. */
const open = (url: string): Promise<Page> =>
  openServed(browser, url, (u) =>
    u === NEW ? { body: readFileSync(join(ROOT, 'tests/fixtures/arxiv/list-cs.CL-new.html')) } : new URL(u).hostname === 'huggingface.co' ? fixtureSite(u) : undefined,
  );

const pressed = (page: Page, sel: string) =>
  page.evaluate((s) => [...document.querySelectorAll(s)].map((r) => r.querySelector('[data-papershelf-toggle]')?.shadowRoot?.querySelector<HTMLButtonElement>('button[data-papershelf-save]')?.getAttribute('aria-pressed') ?? null), sel);

/** The "Also use Papershelf on arXiv and alphaXiv" button (popup and library). */
const BUTTON = '::-p-xpath(//button[normalize-space()="Also use Papershelf on arXiv and alphaXiv"])';

/** Toggles and card roots on a page now. */
const marks = (page: Page) =>
  page.evaluate(() => ({ toggles: document.querySelectorAll('[data-papershelf-toggle]').length, cards: document.querySelectorAll('[data-papershelf-id]').length }));

describe('Firefox: the real request flow (shipped build, arXiv optional)', () => {
  beforeAll(async () => {
    browser = await launchFirefox(buildFirefox(OUT_DIR), {
      prefs: { 'extensions.webextOptionalPermissionPrompts': false },
      args: ['--remote-allow-system-access'],
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('a click on "Also use Papershelf on arXiv and alphaXiv" grants the hosts, registers the script and marks the open listing; removed, then asked again from the popup', async () => {
    // The shipped manifest keeps the hosts optional.
    const manifest = JSON.parse(readFileSync(join(OUT_DIR, 'firefox-mv3', 'manifest.json'), 'utf8'));
    expect(manifest.optional_host_permissions).toEqual(ARXIV_ORIGINS);
    expect(manifest.host_permissions).toEqual(['https://huggingface.co/*']);

    // Before: the extension runs (a huggingface.co page gets its toggles), the arXiv listing gets nothing.
    const hf = await open(URLS.paper);
    await count(hf, 1);
    await hf.close();
    const listing = await open(NEW);
    await listing.waitForFunction(() => document.readyState === 'complete');
    expect(await marks(listing)).toEqual({ toggles: 0, cards: 0 });

    const library = await openExtensionPage(browser, '/library.html');
    const state = () =>
      // `chrome` in the page: the extension page's own API (Firefox has both names).
      library.evaluate(async (origins) => ({
        granted: await chrome.permissions.contains({ origins }),
        scripts: (await chrome.scripting.getRegisteredContentScripts()).map((s) => ({ id: s.id, matches: [...(s.matches ?? [])].sort() })),
      }), ARXIV_ORIGINS);
    expect(await state()).toEqual({ granted: false, scripts: [] });
    // The preference only skips the prompt: a request that is not from user input is still refused.
    expect(await library.evaluate((origins) => chrome.permissions.request({ origins }).then(String, (e: Error) => e.message), ARXIV_ORIGINS)).toBe(
      'permissions.request may only be called from a user input handler',
    );
    expect(await marks(listing)).toEqual({ toggles: 0, cards: 0 });

    // The real click (WebDriver BiDi input actions: trusted user input).
    const button = await library.waitForSelector(BUTTON);
    await button!.click();
    await library.waitForFunction(() => document.querySelector('.arxiv-access[role="status"]')?.textContent === 'Papershelf also works on arXiv and alphaXiv.', { timeout: 10_000 });
    await expect.poll(state, { timeout: 10_000 }).toEqual({
      granted: true,
      scripts: [
        {
          id: 'papershelf-arxiv',
          matches: ['https://alphaxiv.org/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://www.alphaxiv.org/*'],
        },
      ],
    });

    // The listing open before the grant gets the script injected (no reload); a new load gets the registered one.
    await count(listing, 16);
    expect(await listing.evaluate(() => document.querySelectorAll('dd[data-papershelf-id]').length)).toBe(16);
    await listing.close();
    const fresh = await open(NEW);
    await count(fresh, 16);
    const save = await fresh.waitForSelector('dt[data-papershelf-id="2506.13000"] [data-papershelf-toggle] >>> button[data-papershelf-save]');
    await save!.click();
    await fresh.waitForFunction(() => [...document.querySelectorAll('dt[data-papershelf-id="2506.13000"]')].every((dt) => dt.querySelector('[data-papershelf-toggle]')?.shadowRoot?.querySelector('[aria-pressed="true"]')), { timeout: 10_000 });
    expect(await pressed(fresh, 'dt[data-papershelf-id="2506.13000"]')).toEqual(['true', 'true']);
    await fresh.close();

    const paper = await open(URLS.paper);
    await count(paper, 1);
    await paper.waitForFunction(() => document.querySelector('[data-papershelf-id="2506.13000"] [data-papershelf-toggle]')?.shadowRoot?.querySelector('[aria-pressed="true"]'), { timeout: 10_000 });
    await paper.close();

    // Access removed (as the browser's site-access controls do): the script is unregistered, the button is back.
    expect(await library.evaluate((origins) => chrome.permissions.remove({ origins }), ARXIV_ORIGINS)).toBe(true);
    await expect.poll(state, { timeout: 10_000 }).toEqual({ granted: false, scripts: [] });
    await library.waitForSelector(BUTTON);
    await library.close();

    // The same button in the popup (opened in a tab) asks again: registered again, the saved state is there.
    const popup = await openExtensionPage(browser, '/popup.html');
    await (await popup.waitForSelector(BUTTON))!.click();
    await popup.waitForFunction(() => document.querySelector('.arxiv-access[role="status"]') !== null, { timeout: 10_000 });
    const again = await open(NEW);
    await count(again, 16);
    await again.waitForFunction(() => [...document.querySelectorAll('dt[data-papershelf-id="2506.13000"]')].every((dt) => dt.querySelector('[data-papershelf-toggle]')?.shadowRoot?.querySelector('[aria-pressed="true"]')), { timeout: 10_000 });
    await again.close();
    await popup.close();
  });
});

describe('Firefox: arXiv (PAPERSHELF_GRANT_OPTIONAL build)', () => {
  beforeAll(async () => {
    browser = await launchFirefox(buildFirefox(`${OUT_DIR}-grant`, { PAPERSHELF_GRANT_OPTIONAL: '1' }));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('the registered script puts a toggle on every listing entry; a save there shows on huggingface.co', async () => {
    // The registration happens when the worker starts after install: a reload picks it up if the first load was earlier.
    let page = await open(NEW);
    for (let i = 0; i < 20; i++) {
      if (await page.evaluate(() => document.querySelectorAll('[data-papershelf-toggle]').length)) break;
      await new Promise((r) => setTimeout(r, 250));
      if (i % 4 === 3) await page.reload();
    }
    await count(page, 16);
    expect(await page.evaluate(() => document.querySelectorAll('dd[data-papershelf-id]').length)).toBe(16);
    const button = await page.waitForSelector('dt[data-papershelf-id="2506.13000"] [data-papershelf-toggle] >>> button[data-papershelf-save]');
    await button!.click();
    await page.waitForFunction(() => [...document.querySelectorAll('dt[data-papershelf-id="2506.13000"]')].every((dt) => dt.querySelector('[data-papershelf-toggle]')?.shadowRoot?.querySelector('[aria-pressed="true"]')), { timeout: 10_000 });
    expect(await pressed(page, 'dt[data-papershelf-id="2506.13000"]')).toEqual(['true', 'true']);
    await page.close();

    page = await open(URLS.paper);
    await count(page, 1);
    await page.waitForFunction(() => document.querySelector('[data-papershelf-id="2506.13000"] [data-papershelf-toggle]')?.shadowRoot?.querySelector('[aria-pressed="true"]'), { timeout: 10_000 });
    await page.close();
  });
});
