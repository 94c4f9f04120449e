/**
 * arXiv in real Firefox (firefox-esr, puppeteer-core over WebDriver BiDi): the content script is
 * registered at run time with `scripting.registerContentScripts`, which Firefox MV3 has too, once
 * the arXiv host is granted. The PAPERSHELF_GRANT_OPTIONAL build grants it at install.
 *
 * Not covered here: the real `permissions.request` flow. It must be called from a click on an
 * extension page (popup or library), and Firefox refuses navigation to moz-extension:// pages from
 * BiDi (see firefox.test.ts), so no test can click that button in Firefox.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFirefox, fixtureSite, launchFirefox, openServed, waitForToggles as count } from './firefox-harness';
import { OUT_DIR, ROOT, URLS } from './harness';

const NEW = 'https://arxiv.org/list/cs.CL/new';

let browser: Browser;
beforeAll(async () => {
  browser = await launchFirefox(buildFirefox(`${OUT_DIR}-grant`, { PAPERSHELF_GRANT_OPTIONAL: '1' }));
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** arXiv's /new listing and huggingface.co from the fixtures. */
const open = (url: string): Promise<Page> =>
  openServed(browser, url, (u) =>
    u === NEW ? { body: readFileSync(join(ROOT, 'tests/fixtures/arxiv/list-cs.CL-new.html')) } : new URL(u).hostname === 'huggingface.co' ? fixtureSite(u) : undefined,
  );

const pressed = (page: Page, sel: string) =>
  page.evaluate((s) => [...document.querySelectorAll(s)].map((r) => r.querySelector('[data-papershelf-toggle]')?.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed') ?? null), sel);

describe('Firefox: arXiv', () => {
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
