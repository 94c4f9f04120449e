/**
 * arXiv in real Firefox (firefox-esr, puppeteer-core over WebDriver BiDi): the content script is
 * registered at run time with `scripting.registerContentScripts`, which Firefox MV3 has too, once
 * the arXiv host is granted. The PAPERSHELF_GRANT_OPTIONAL build grants it at install.
 *
 * Not covered here: the real `permissions.request` flow. It must be called from a click on an
 * extension page (popup or library), and Firefox refuses navigation to moz-extension:// pages from
 * BiDi (see firefox.test.ts), so no test can click that button in Firefox.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, OUT_DIR, ROOT, URLS } from './harness';

const FIREFOX = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => p && existsSync(p));
const GRANT_OUT = `${OUT_DIR}-grant`;
const EXTENSION = join(GRANT_OUT, 'firefox-mv3');
const ROUTES: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, 'routes.json'), 'utf8'));
const NEW = 'https://arxiv.org/list/cs.CL/new';

let browser: Browser;
beforeAll(async () => {
  if (!FIREFOX)
    throw new Error('Firefox not found (/usr/bin/firefox-esr). Install it: apt-get install -y --no-install-recommends firefox-esr, or set FIREFOX_PATH.');
  execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', PAPERSHELF_GRANT_OPTIONAL: '1', PAPERSHELF_OUT_DIR: GRANT_OUT },
    stdio: 'pipe',
  });
  browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
    },
  });
  expect(await browser.installExtension(EXTENSION)).toBe('papershelf@papershelf.dev');
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

async function open(url: string): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (!/^https?:/.test(u)) return void req.continue();
    const host = new URL(u).hostname;
    if (u === NEW) return void req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(join(ROOT, 'tests/fixtures/arxiv/list-cs.CL-new.html')) });
    const file = host === 'huggingface.co' ? ROUTES[u] : undefined;
    if (!file) return void req.respond({ status: 404, contentType: 'text/plain', body: '' });
    void req.respond({ status: 200, contentType: file.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8', body: readFileSync(join(FIXTURES, file)) });
  });
  await page.goto(url);
  return page;
}

const count = (page: Page, n: number) =>
  page.waitForFunction((c) => document.querySelectorAll('[data-papershelf-toggle]').length === c, { timeout: 20_000 }, n);

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
