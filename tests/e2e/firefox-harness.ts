/**
 * Real Firefox (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi, for the Firefox
 * e2e tests: a Firefox MV3 build, a browser with the extension installed and a dead proxy that
 * catches any request interception would miss, and pages whose web requests are answered by the
 * test (the fixture site; anything else refused).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { FIXTURES, ROOT } from './harness';

const FIREFOX = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr', '/usr/bin/firefox'].find((p) => p && existsSync(p));
export const ROUTES: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, 'routes.json'), 'utf8'));

/** Build the Firefox MV3 package into `outDir` (extra build environment in `env`); returns its folder. */
export function buildFirefox(outDir: string, env: Record<string, string> = {}): string {
  const extension = join(outDir, 'firefox-mv3');
  if (!(process.env.PAPERSHELF_SKIP_BUILD && !Object.keys(env).length && existsSync(join(extension, 'manifest.json'))))
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', PAPERSHELF_OUT_DIR: outDir, ...env },
      stdio: 'pipe',
    });
  return extension;
}

/**
 * The extension's moz-extension:// UUID, pinned (`extensions.webextensions.uuids`) so a test knows
 * its pages' URLs. Firefox picks a random one otherwise.
 */
export const EXTENSION_UUID = '5e1f0a4c-7a2b-4c1d-9e3f-0000000e5f00';
export const EXTENSION_ID = 'papershelf@papershelf.dev';

/** What a launch can add: Firefox preferences and command-line arguments. */
export type FirefoxOptions = { prefs?: Record<string, string | number | boolean>; args?: string[] };

/** Firefox with the extension at `extension` installed (never skipped: a missing Firefox fails, saying how to fix it). */
export async function launchFirefox(extension: string, options: FirefoxOptions = {}): Promise<Browser> {
  if (!FIREFOX)
    throw new Error('Firefox not found (/usr/bin/firefox-esr). Install it: apt-get install -y --no-install-recommends firefox-esr, or set FIREFOX_PATH.');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    args: options.args,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [EXTENSION_ID]: EXTENSION_UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': 9,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': 9,
      'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
      ...options.prefs,
    },
  });
  expect(await browser.installExtension(extension)).toBe(EXTENSION_ID);
  return browser;
}

/** What a page of the test serves at a URL: a body (HTML or JSON by `.json`), or undefined for 404. */
export type Serve = (url: string) => { body: string | Buffer; json?: boolean } | undefined;

/** The fixture site: huggingface.co URLs from routes.json. */
export const fixtureSite: Serve = (url) => {
  const file = ROUTES[url];
  return file ? { body: readFileSync(join(FIXTURES, file)), json: file.endsWith('.json') } : undefined;
};

/** A new page at `url`, its web requests answered by `serve` (extension URLs pass through). */
export async function openServed(browser: Browser, url: string, serve: Serve = fixtureSite): Promise<Page> {
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    const u = req.url();
    if (!/^https?:/.test(u)) return void req.continue();
    const answer = serve(u);
    if (!answer) return void req.respond({ status: 404, contentType: 'text/plain', body: 'not in fixtures' });
    void req.respond({ status: 200, contentType: answer.json ? 'application/json' : 'text/html; charset=utf-8', body: answer.body });
  });
  await page.goto(url);
  return page;
}

/** Wait until the page shows `n` toggles. */
export const waitForToggles = (page: Page, n: number) =>
  page.waitForFunction((count) => document.querySelectorAll('[data-papershelf-toggle]').length === count, { timeout: 20_000 }, n);

/**
 * A new tab showing the extension page at `path` (`/library.html`). WebDriver BiDi refuses to
 * navigate to moz-extension:// ("Navigation to … is not allowed in this context") unless Firefox
 * was started with `--remote-allow-system-access` (pass it in `launchFirefox`'s `args`). Even then
 * puppeteer never sees that navigation finish (the tab moves to the extension process; its
 * `goto` times out), so this waits for the page's own document instead.
 */
export async function openExtensionPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  const url = `moz-extension://${EXTENSION_UUID}${path}`;
  void page.goto(url).catch(() => undefined);
  await page.waitForFunction((u) => location.href === u && document.readyState === 'complete', { timeout: 20_000 }, url);
  return page;
}
