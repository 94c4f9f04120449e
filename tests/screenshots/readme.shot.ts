/**
 * npm run screenshots: the README images, regenerated from the offline fixtures in real Chromium.
 * Light and dark, 1280 px and 375 px wide.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, ROOT, URLS, waitForCards, type Session } from '../e2e/harness';

const OUT = join(ROOT, 'docs/screenshots');
let s: Session;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  s = await launch();
  // Two topics and a few saved papers, through the same protocol the UI uses.
  const lib = await s.extensionPage('library.html');
  await lib.evaluate(async () => {
    const send = (type: string, payload: unknown) => chrome.runtime.sendMessage({ papershelf: 1, type, payload });
    await send('saveTopic', { topic: { name: 'Code LLMs', color: '#2563eb', include: ['code generation', '"program synthesis"', 'code llm*'], exclude: [], enabled: true } });
    await send('saveTopic', { topic: { name: 'Agents', color: '#0f766e', include: ['agent*', '"multi-agent"'], exclude: [], enabled: true } });
  });
  await lib.close();
});
afterAll(async () => {
  await s?.close();
});

async function saveFirst(page: import('playwright-core').Page, n: number) {
  const buttons = page.locator('button[data-papershelf-save]');
  for (let i = 0; i < n; i++) {
    await buttons.nth(i).click();
    await expect.poll(() => buttons.nth(i).getAttribute('aria-pressed')).toBe('true');
  }
}

it('page with saved and highlighted cards (1280 px)', async () => {
  const page = await s.open(URLS.trending);
  await waitForCards(page, 30);
  await saveFirst(page, 3);
  await page.screenshot({ path: join(OUT, 'page.png') });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: join(OUT, 'page-375.png') });
  await page.close();
});

it('search page, dark', async () => {
  const page = await s.open(URLS.search);
  await page.emulateMedia({ colorScheme: 'dark' });
  await waitForCards(page, 56);
  await page.screenshot({ path: join(OUT, 'search-dark.png') });
  await page.close();
});

it('popup over a papers page', async () => {
  const page = await s.open(URLS.search);
  await waitForCards(page, 56);
  const tabId = await s.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://huggingface.co/papers*' }))[0]!.id!);
  const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').first().waitFor();
  await popup.screenshot({ path: join(OUT, 'popup.png') });
  await popup.close();
  await page.close();
});

it('library', async () => {
  const lib = await s.extensionPage('library.html');
  await lib.getByRole('searchbox', { name: 'Search' }).waitFor();
  await lib.waitForTimeout(300);
  await lib.screenshot({ path: join(OUT, 'library.png') });
  await lib.goto(lib.url().replace(/#.*$/, '') + '#topics');
  await lib.waitForTimeout(300);
  await lib.screenshot({ path: join(OUT, 'topics.png') });
  await lib.close();
});
