/**
 * Recommendations in real Chromium: a library of saved code-search papers → on the search page
 * (56 papers on mixed subjects) exactly the cards the plain reference implementation recommends get
 * data-papershelf-recommended and the "Like your library" chip; the popup's "Best for you on this
 * page"; "Not interested" and its Undo.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { THRESHOLD } from '../../utils/recommend';
import { CARDS, card, paperOf, SUBJECTS } from '../unit/recommend/corpus';
import { referenceScores } from '../unit/recommend/reference';
import { launch, sendFrom, storedIds, URLS, waitForCards, type Session } from './harness';

let s: Session;
const saved = SUBJECTS.retrieval.saved;
const papers = saved.map((id) => paperOf(card(id)));
const expected = [...referenceScores(papers, [], CARDS)].filter(([, score]) => score >= THRESHOLD).map(([id]) => id).sort();
const recommendedIds = (page: import('playwright-core').Page) =>
  page.locator('[data-papershelf-recommended]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-papershelf-id')!))].sort());

beforeAll(async () => {
  s = await launch();
  const lib = await s.extensionPage('library.html');
  const now = '2026-12-06T08:00:00.000Z';
  const records = papers.map((p) => ({ id: p.id, title: p.title, authors: ['A. Author'], summary: p.summary, aiKeywords: p.aiKeywords, savedAt: now, updatedAt: now, url: `https://huggingface.co/papers/${p.id}`, tags: [], note: '', read: false }));
  expect((await sendFrom(lib, 'importRecords', { papers: records, topics: [], dryRun: false })).ok).toBe(true);
  // Four papers: below the default of 10, so recommendations are switched on by hand (all of them shown).
  expect((await sendFrom(lib, 'setRecommend', { enabled: true, max: 50 })).ok).toBe(true);
  await lib.close();
});
afterAll(async () => {
  await s?.close();
});

it('a library of code-search papers: exactly the expected cards of the mixed search page are recommended, with the chip', async () => {
  // The reference's answer is the retrieval papers the library lacks (labelled by hand in corpus.ts).
  expect(expected).toEqual([...SUBJECTS.retrieval.related].sort());
  const page = await s.open(URLS.search);
  await waitForCards(page, 56);
  await expect.poll(() => recommendedIds(page)).toEqual(expected);
  for (const id of saved) expect(await page.locator(`[data-papershelf-id="${id}"]`).first().getAttribute('data-papershelf-recommended')).toBeNull();
  const chips = page.getByRole('note', { name: /^Like your library: / });
  expect(await chips.count()).toBe(expected.length);
  const name = await chips.first().getAttribute('aria-label');
  expect(name).toMatch(/^Like your library: [\p{L}\p{N}]+(, [\p{L}\p{N}]+)* — like “.+”$/u);
  expect(await chips.first().textContent()).toContain('Like your library');
  await page.close();
});

it('the popup lists the best unsaved cards with their reasons and save toggles; saving one there saves it, and removing it removes it', async () => {
  const shown = expected;
  const page = await s.open(URLS.search);
  await waitForCards(page, 56);
  await expect.poll(() => recommendedIds(page)).toEqual(shown);
  const tabId = await s.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://huggingface.co/papers*' }))[0]!.id!);
  const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
  const best = popup.getByRole('region', { name: 'Best for you on this page' });
  await best.waitFor();
  const items = best.getByRole('listitem');
  expect(await items.count()).toBe(Math.min(5, shown.length));
  const titles = await items.locator('a').allTextContents();
  expect(titles.sort()).toEqual(shown.map((id) => card(id).title).sort());
  for (const text of await items.locator('.why').allTextContents()) expect(text).toMatch(/ — like “/);
  const toggle = items.first().locator('button[data-papershelf-save]');
  expect(await toggle.getAttribute('aria-pressed')).toBe('false');
  const title = await items.first().locator('a').textContent();
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
  const id = CARDS.find((c) => c.title === title)!.id;
  expect(await storedIds(s)).toContain(id);
  // Saved: no longer marked as a recommendation on the page.
  await expect.poll(() => recommendedIds(page)).toEqual(shown.filter((x) => x !== id));
  // And removed again from the popup: the library is as before (the next test relies on it).
  await toggle.click();
  await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
  expect(await storedIds(s)).not.toContain(id);
  await popup.close();
  await page.close();
});

it('"Not interested" can be undone on the chip: "Hidden from recommendations — Undo" puts the card back, for good', async () => {
  const page = await s.open(URLS.search);
  await waitForCards(page, 56);
  await expect.poll(async () => (await recommendedIds(page)).length).toBeGreaterThan(0);
  const before = await recommendedIds(page);
  const target = before[0]!;
  const root = page.locator(`[data-papershelf-id="${target}"]`).first();
  await root.getByRole('button', { name: 'Not interested' }).click();
  const hidden = root.getByRole('note', { name: 'Hidden from recommendations' });
  await hidden.waitFor();
  expect(await root.getAttribute('data-papershelf-recommended')).toBeNull();
  expect(await hidden.textContent()).toContain('Hidden from recommendations');
  await hidden.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => recommendedIds(page)).toEqual(before);
  expect(await root.getByRole('note', { name: /^Like your library: / }).count()).toBe(1);
  expect(await root.getByRole('note', { name: 'Hidden from recommendations' }).count()).toBe(0);
  // The negative example is gone: after a reload the page recommends what it did before (the next test relies on it).
  await page.reload();
  await waitForCards(page, 56);
  await expect.poll(() => recommendedIds(page)).toEqual(before);
  await page.close();
});

it('"Not interested" removes the mark at once and for good', async () => {
  const page = await s.open(URLS.search);
  await waitForCards(page, 56);
  const before = await (async () => {
    await expect.poll(async () => (await recommendedIds(page)).length).toBeGreaterThan(0);
    return recommendedIds(page);
  })();
  const target = before[0]!;
  await page.locator(`[data-papershelf-id="${target}"]`).first().getByRole('button', { name: 'Not interested' }).click();
  await expect.poll(() => recommendedIds(page)).toEqual(before.filter((x) => x !== target));
  // After a reload: what the reference recommends with that paper as a negative example.
  const after = [...referenceScores(papers, [card(target)], CARDS)].filter(([, score]) => score >= THRESHOLD).map(([id]) => id).sort();
  expect(after).not.toContain(target);
  await page.reload();
  await waitForCards(page, 56);
  await expect.poll(() => recommendedIds(page)).toEqual(after);
  await page.close();
});
