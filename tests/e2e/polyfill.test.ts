/**
 * The polyfill path, exercised rather than assumed: the built extension with the native `browser`
 * namespace hidden before any bundle runs (tests/e2e/wxt.no-browser.config.ts), as on Chromium
 * 123–147, where only `chrome` exists. webextension-polyfill then wraps `chrome` in the worker, the
 * content script and the pages, and the e2e smoke (save, lookup after reload, popup list and page
 * status) must pass through it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardIds, launch, ROOT, saveButton, storedIds, URLS, waitForCards, type Session } from './harness';

interface Probe {
  nativeBrowser: boolean;
  /** chrome.runtime.sendMessage calls with a callback (the polyfill's way) and without (a promise). */
  callbacks: number;
  promises: number;
  listeners: number;
}

let out: string;
let s: Session;
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'papershelf-no-browser-'));
  execFileSync('npx', ['wxt', 'build', '-c', 'tests/e2e/wxt.no-browser.config.ts'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, PAPERSHELF_OUT_DIR: out, NODE_ENV: 'production' },
  });
  s = await launch({ extension: join(out, 'chrome-mv3') });
}, 120_000);
afterAll(async () => {
  await s?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('webextension-polyfill with no native browser (Chromium < 148)', () => {
  it('the worker runs on the polyfill: no native browser, and the listener Chrome holds is the polyfill wrapper around ours', async () => {
    const worker = await s.worker.evaluate(async () => {
      const g = globalThis as unknown as { browser?: unknown; __papershelfProbe: { nativeBrowser: boolean; listeners: Function[] } };
      const probe = g.__papershelfProbe;
      // Papershelf's listener returns a promise (utils/protocol/router.ts); the one Chrome was given answers a
      // lookup through sendResponse and returns true: the polyfill's wrapper is in between.
      const replies = await Promise.all(
        probe.listeners.map(
          (listener) =>
            new Promise<{ returned: unknown; reply: unknown }>((resolve) => {
              const sender = { id: chrome.runtime.id, url: chrome.runtime.getURL('/popup.html'), origin: new URL(chrome.runtime.getURL('/')).origin };
              let returned: unknown;
              returned = listener({ papershelf: 1, type: 'lookup', payload: { ids: [] } }, sender, (reply: unknown) =>
                resolve({ returned: returned === true ? true : typeof returned, reply }),
              );
              if (returned !== true) resolve({ returned: typeof returned, reply: null });
            }),
        ),
      );
      return { browser: typeof g.browser, nativeBrowser: probe.nativeBrowser, replies };
    });
    expect(worker.browser).toBe('undefined');
    expect(worker.nativeBrowser).toBe(false);
    expect(worker.replies).toEqual([
      { returned: true, reply: { ok: true, data: { saved: [], seen: [], dimSeen: false, topics: [], mode: 'highlight', seq: expect.any(Number), recommend: false } } },
    ]);
  });

  it('saves on a fixture page, shows it saved after reload, and the popup lists it and the page status', async () => {
    const page = await s.open(URLS.trending);
    await waitForCards(page, 30);
    const id = (await cardIds(page))[0]!;
    const button = saveButton(page, id);
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    await expect.poll(() => button.getAttribute('aria-pressed')).toBe('true');
    expect(await storedIds(s)).toEqual([id]);

    await page.reload();
    await waitForCards(page, 30);
    await expect.poll(() => saveButton(page, id).getAttribute('aria-pressed')).toBe('true');
    // The reloaded content script (isolated world) has no native browser either, and sends its
    // messages through the polyfill (callback-style chrome.runtime.sendMessage), never a bare promise call.
    const content = JSON.parse((await page.locator('html').getAttribute('data-papershelf-probe'))!) as Probe;
    expect(content.nativeBrowser).toBe(false);
    expect(content.promises).toBe(0);
    expect(content.callbacks).toBeGreaterThan(0); // this load's lookup
    expect(content.listeners).toBe(1);

    const tabId = await s.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, URLS.trending);
    const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
    const list = popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem');
    await expect.poll(() => list.count()).toBe(1);
    const title = await page.locator(`[data-papershelf-id="${id}"] h3 a`).first().textContent();
    expect((await list.locator('a').first().textContent())!.trim()).toBe(title!.replace(/\s+/g, ' ').trim());
    // PAGE_STATUS: the content script's listener returns a promise; the polyfill delivers it.
    await expect.poll(() => popup.getByText('30 papers on this page').count()).toBe(1);
    const pageProbe = await popup.evaluate(() => {
      const g = globalThis as unknown as { browser?: unknown; __papershelfProbe: Probe };
      return { browser: typeof g.browser, ...g.__papershelfProbe, listeners: 0 };
    });
    expect(pageProbe).toMatchObject({ browser: 'undefined', nativeBrowser: false, promises: 0 });
    expect(pageProbe.callbacks).toBeGreaterThan(0);
    await popup.close();
    await page.close();
  });
});
