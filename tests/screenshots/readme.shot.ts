/**
 * npm run screenshots: the README and store images, regenerated from the offline fixtures in real
 * Chromium. The fixture pages are dressed with the site's Tailwind utilities (./site-look) so they
 * look like huggingface.co; light and dark (the site's `html.dark`), 1280 px and 375 px wide.
 * Page and library images are 1280×800, the Chrome Web Store's screenshot size.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, ROOT, URLS, waitForCards, type Session } from '../e2e/harness';
import { variant } from './site-look';

const OUT = join(ROOT, 'docs/screenshots');
const STORE = { width: 1280, height: 800 };
const POPUP = { width: 400, height: 600 };
/** Saved in the screenshots: two matching topics and one that matches nothing. */
const SAVED = ['2506.13000', '2506.13111', '2506.13148'];

let s: Session;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  s = await launch({ viewport: STORE });
  // Today's papers (morning triage) from the daily API fixture, in the real item shape.
  const daily = readFileSync(join(ROOT, 'tests/fixtures/daily/daily_papers.json'));
  await s.context.route('https://huggingface.co/api/daily_papers', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: daily }));
  // Two topics and a few saved papers, through the same protocol the UI uses.
  const lib = await s.extensionPage('library.html');
  await lib.evaluate(async () => {
    const send = (type: string, payload: unknown) => chrome.runtime.sendMessage({ papershelf: 1, type, payload });
    await send('saveTopic', { topic: { name: 'Code LLMs', color: '#2563eb', include: ['code generation', '"program synthesis"', 'code llm*'], exclude: [], enabled: true } });
    await send('saveTopic', { topic: { name: 'Agents', color: '#0f766e', include: ['agent*', '"multi-agent"'], exclude: [], enabled: true } });
  });
  await lib.close();
  const page = await s.open(URLS.trending);
  await waitForCards(page, 30);
  for (const id of SAVED) {
    await page.locator(`[data-papershelf-id="${id}"] button[data-papershelf-save]`).click();
    await page.waitForFunction((i) => document.querySelector(`[data-papershelf-id="${i}"] [data-papershelf-toggle]`)?.shadowRoot?.querySelector('[aria-pressed="true"]'), id);
  }
  await page.close();
});
afterAll(async () => {
  await s?.close();
});

/** A papers page dressed like the site, light or dark, at `width`. */
async function sitePage(url: string, n: number, dark: boolean, width = STORE.width): Promise<Page> {
  s.pages.set(url, variant(url, { look: true, dark }));
  const page = await s.context.newPage();
  await page.setViewportSize({ width, height: STORE.height });
  await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
  await page.goto(url);
  await waitForCards(page, n);
  // Past the site header, to the first cards.
  await page.evaluate(() => document.querySelector('[data-papershelf-id]')?.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => scrollBy(0, -16));
  await page.waitForTimeout(150);
  return page;
}

async function popupOver(url: string, n: number, dark: boolean): Promise<{ page: Page; popup: Page }> {
  const page = await sitePage(url, n, dark);
  const tabId = await s.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url);
  const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
  await popup.setViewportSize(POPUP);
  await popup.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
  await popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').first().waitFor();
  const region = popup.getByRole('region', { name: 'This page', exact: true });
  await region.waitFor();
  await region.locator('summary').first().click();
  await popup.waitForTimeout(100);
  return { page, popup };
}

it('page with saved and highlighted cards: 1280 and 375 px, light and dark', async () => {
  for (const dark of [false, true]) {
    const suffix = dark ? '-dark' : '';
    const page = await sitePage(URLS.trending, 30, dark);
    await page.screenshot({ path: join(OUT, `page${suffix}.png`) });
    await page.close();
    const narrow = await sitePage(URLS.trending, 30, dark, 375);
    await narrow.screenshot({ path: join(OUT, `page-375${suffix}.png`) });
    await narrow.close();
  }
  s.pages.clear();
});

it('popup over a papers page, light and dark; the store image of both', async () => {
  for (const dark of [false, true]) {
    const { page, popup } = await popupOver(URLS.search, 56, dark);
    const png = await popup.screenshot({ path: join(OUT, `popup${dark ? '-dark' : ''}.png`) });
    if (!dark) {
      // Store image: the popup where the browser shows it, over the page it reports on.
      await page.evaluate((src) => {
        const img = document.createElement('img');
        img.src = src;
        img.alt = '';
        img.style.cssText =
          'position:fixed;top:8px;right:16px;width:400px;height:600px;z-index:2147483647;border-radius:10px;box-shadow:0 12px 40px rgb(0 0 0/.35),0 0 0 1px rgb(0 0 0/.12)';
        document.body.append(img);
      }, `data:image/png;base64,${png.toString('base64')}`);
      await page.waitForTimeout(100);
      await page.screenshot({ path: join(OUT, 'store-popup.png') });
    }
    await popup.close();
    await page.close();
  }
  s.pages.clear();
});

it("popup: Today's matches (morning triage), two of them already seen", async () => {
  const popup = await s.extensionPage('popup.html');
  // The start-up check ran before the route above: check again, as the popup does after an hour.
  await s.worker.evaluate(() => chrome.storage.local.remove('papershelf:daily'));
  await popup.reload();
  await popup.setViewportSize(POPUP);
  const section = popup.getByRole('region', { name: "Today's matches" });
  await expect.poll(() => section.locator('li[data-papershelf-id]').count()).toBeGreaterThan(3);
  const ids = await section.locator('li[data-papershelf-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')!));
  await popup.evaluate((seen) => chrome.runtime.sendMessage({ papershelf: 1, type: 'seen', payload: { ids: seen } }), ids.slice(0, 2));
  await popup.reload(); // seen ones go last
  await expect.poll(() => section.locator('li[data-papershelf-id]').last().getAttribute('data-papershelf-id')).toBe(ids[1]);
  await section.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await popup.evaluate(() => scrollBy(0, -56));
  await popup.waitForTimeout(150);
  await popup.screenshot({ path: join(OUT, 'popup-today.png') });
  await popup.close();
});

it('library: papers (with a paper open) and topics (editing one), light and dark', async () => {
  for (const dark of [false, true]) {
    const suffix = dark ? '-dark' : '';
    const lib = await s.extensionPage('library.html');
    await lib.setViewportSize(STORE);
    await lib.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
    const list = lib.getByRole('list', { name: 'Saved papers' });
    await expect.poll(() => list.getByRole('listitem').count()).toBe(SAVED.length);
    await list.locator('.ps-row-title').first().click();
    await lib.getByRole('complementary').waitFor();
    await lib.mouse.move(0, STORE.height - 1);
    await lib.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await lib.waitForTimeout(200);
    await lib.screenshot({ path: join(OUT, `library${suffix}.png`) });

    await lib.getByRole('button', { name: 'Topics', exact: true }).click();
    await lib.getByRole('list', { name: 'Your topics' }).getByRole('button', { name: 'Edit Agents' }).click();
    await lib.getByRole('form', { name: /Edit topic/ }).waitFor();
    await lib.mouse.move(0, STORE.height - 1);
    await lib.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await lib.waitForTimeout(200);
    await lib.screenshot({ path: join(OUT, `topics${suffix}.png`) });
    await lib.close();
  }
});

it('store promo tile (440×280, required by the Chrome Web Store)', async () => {
  const icon = readFileSync(join(ROOT, 'public/icon/128.png')).toString('base64');
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 440, height: 280 });
  await page.setContent(`<!doctype html><html><body style="margin:0">
    <div style="box-sizing:border-box;width:440px;height:280px;padding:36px 34px;display:flex;flex-direction:column;justify-content:center;gap:18px;
      background:linear-gradient(135deg,#4c1d95,#6d28d9 60%,#7c3aed);color:#fff;font-family:system-ui,sans-serif">
      <div style="display:flex;align-items:center;gap:16px">
        <img src="data:image/png;base64,${icon}" width="72" height="72" alt="">
        <div style="font-size:38px;font-weight:700;letter-spacing:-.01em">Papershelf</div>
      </div>
      <div style="font-size:19px;line-height:1.35;color:#ede9fe">Save, highlight and export papers from huggingface.co/papers. Your library stays in your browser.</div>
    </div></body></html>`);
  await page.screenshot({ path: join(OUT, 'store-promo-440x280.png') });
  await page.close();
});
