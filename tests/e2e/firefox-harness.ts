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

/** Firefox with the extension at `extension` installed (never skipped: a missing Firefox fails, saying how to fix it). */
export async function launchFirefox(extension: string): Promise<Browser> {
  if (!FIREFOX)
    throw new Error('Firefox not found (/usr/bin/firefox-esr). Install it: apt-get install -y --no-install-recommends firefox-esr, or set FIREFOX_PATH.');
  const browser = await puppeteer.launch({
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
  expect(await browser.installExtension(extension)).toBe('papershelf@papershelf.dev');
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
