/**
 * The README's Recommendations images: a library of four code-search papers, the search page
 * (dressed like the site) with its "Like your library" cards, and the popup's "Best for you".
 * Four papers is below the default of 10, so recommendations are switched on by hand.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { card, paperOf, SUBJECTS } from '../unit/recommend/corpus';
import { launch, ROOT, sendFrom, URLS, waitForCards, type Session } from '../e2e/harness';
import { variant } from './site-look';

const OUT = join(ROOT, 'docs/screenshots');
let s: Session;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  s = await launch({ viewport: { width: 1280, height: 800 } });
  // Today's papers answer (the popup's "Today's matches" shows them, not an offline error).
  const daily = readFileSync(join(ROOT, 'tests/fixtures/daily/daily_papers.json'));
  await s.context.route('https://huggingface.co/api/daily_papers', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: daily }));
  // The start-up check ran before the route: check again, as the popup does after an hour.
  await s.worker.evaluate(() => chrome.storage.local.remove('papershelf:daily'));
  const lib = await s.extensionPage('library.html');
  const now = '2026-12-06T08:00:00.000Z';
  const records = SUBJECTS.retrieval.saved.map((id) => paperOf(card(id))).map((p) => ({ id: p.id, title: p.title, authors: ['A. Author'], summary: p.summary, aiKeywords: p.aiKeywords, savedAt: now, updatedAt: now, url: `https://huggingface.co/papers/${p.id}`, tags: [], note: '', read: false }));
  await sendFrom(lib, 'importRecords', { papers: records, topics: [], dryRun: false });
  await sendFrom(lib, 'setRecommend', { enabled: true });
  await lib.close();
});
afterAll(async () => {
  await s?.close();
});

it('recommendations on the search page, and the popup', async () => {
  s.pages.set(URLS.search, variant(URLS.search, { look: true }));
  const page = await s.context.newPage();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(URLS.search);
  await waitForCards(page, 56);
  await page.locator('[data-papershelf-recommended]').first().waitFor();
  await page.evaluate(() => document.querySelector('[data-papershelf-recommended]')?.scrollIntoView({ block: 'center' }));
  // The reason shows as the chip's tooltip; the image shows it as text beside the card for the README.
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(OUT, 'recommend.png') });
  const tabId = await s.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, URLS.search);
  const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
  await popup.setViewportSize({ width: 400, height: 600 });
  const best = popup.getByRole('region', { name: 'Best for you on this page' });
  await best.waitFor();
  await best.scrollIntoViewIfNeeded();
  await popup.screenshot({ path: join(OUT, 'recommend-popup.png') });
  expect(await best.getByRole('listitem').count()).toBeGreaterThan(0);
  await popup.close();
  await page.close();
});
