/**
 * Real Firefox (Debian's firefox-esr) with the built Firefox MV3 package, driven by puppeteer-core
 * over WebDriver BiDi. huggingface.co is answered from the fixtures by request interception; every
 * other web request is refused, and a dead proxy catches anything interception would miss.
 *
 * Firefox refuses navigation to moz-extension:// pages from BiDi, so the popup and library are not
 * opened here: the save path is checked through the page (toggle → background → IndexedDB → reload).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, OUT_DIR, ROOT, URLS } from './harness';

const FIREFOX = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => p && existsSync(p));
const EXTENSION = join(OUT_DIR, 'firefox-mv3');
const ROUTES: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, 'routes.json'), 'utf8'));

/** Pages served instead of the fixture at a URL (url → html). */
const overrides = new Map<string, string>();

let browser: Browser;
beforeAll(async () => {
  // Never skipped: a missing Firefox is a failure, with the way to fix it.
  if (!FIREFOX)
    throw new Error('Firefox not found (/usr/bin/firefox-esr). Install it: apt-get install -y --no-install-recommends firefox-esr, or set FIREFOX_PATH.');
  if (!(process.env.PAPERSHELF_SKIP_BUILD && existsSync(join(EXTENSION, 'manifest.json'))))
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' }, stdio: 'pipe' });
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
  const id = await browser.installExtension(EXTENSION);
  expect(id).toBe('papershelf@papershelf.dev');
}, 90_000);
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
    if (host !== 'huggingface.co' && !host.endsWith('.huggingface.co')) return void req.abort('blockedbyclient');
    if (host !== 'huggingface.co') return void req.respond({ status: 404, contentType: 'text/plain', body: '' });
    const override = overrides.get(u);
    const file = ROUTES[u];
    if (override === undefined && !file) return void req.respond({ status: 404, contentType: 'text/plain', body: 'not in fixtures' });
    void req.respond({
      status: 200,
      contentType: file?.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8',
      body: override ?? readFileSync(join(FIXTURES, file!)),
    });
  });
  await page.goto(url);
  return page;
}

const waitForCards = (page: Page, n: number) =>
  page.waitForFunction((count) => document.querySelectorAll('[data-papershelf-toggle]').length === count, { timeout: 20_000 }, n);

/** aria-pressed of the toggle in the card with `id` (inside its open shadow root). */
const pressed = (page: Page, id: string) =>
  page.evaluate(
    (i) => document.querySelector(`[data-papershelf-id="${i}"] [data-papershelf-toggle]`)?.shadowRoot?.querySelector('button')?.getAttribute('aria-pressed') ?? null,
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
        const b = document.querySelector('[data-papershelf-toggle]')!.shadowRoot!.querySelector('button')!;
        return { background: getComputedStyle(b).backgroundColor, color: getComputedStyle(b).color };
      });
      expect(colors).toEqual({ background: 'rgb(17, 24, 39)', color: 'rgb(229, 231, 235)' });
      await page.close();
    } finally {
      overrides.clear();
    }
  });
});
