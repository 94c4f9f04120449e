/**
 * Library → Recommendations in real Chromium, driven through the library page itself, and their
 * effect on an open papers page: off by default below 10 saved papers (the line saying so), the
 * on/off box, the per-page count, and the "Not interested" list with its Remove buttons.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { THRESHOLD } from '../../utils/recommend';
import { CARDS, card, paperOf, SUBJECTS } from '../unit/recommend/corpus';
import { referenceScores } from '../unit/recommend/reference';
import { launch, sendFrom, URLS, waitForCards, type Session } from './harness';

let s: Session;
let lib: Page;
let papersPage: Page;
const papers = SUBJECTS.retrieval.saved.map((id) => paperOf(card(id)));
const scores = referenceScores(papers, [], CARDS);
/** The reference's recommendations, best first. */
const expected = [...scores].filter(([, score]) => score >= THRESHOLD).sort((a, b) => b[1] - a[1]).map(([id]) => id);
const recommendedIds = (page: Page) =>
  page.locator('[data-papershelf-recommended]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-papershelf-id')!))].sort());
const settings = () => lib.getByRole('region', { name: 'Recommendations' });
const onBox = () => settings().getByRole('checkbox', { name: /Like your library/ });
const offLine = () => settings().getByText(/^Off until your library has 10 saved papers \(4 now\)/);

beforeAll(async () => {
  s = await launch();
  lib = await s.extensionPage('library.html');
  const now = '2026-12-06T08:00:00.000Z';
  const records = papers.map((p) => ({ id: p.id, title: p.title, authors: ['A. Author'], summary: p.summary, aiKeywords: p.aiKeywords, savedAt: now, updatedAt: now, url: `https://huggingface.co/papers/${p.id}`, tags: [], note: '', read: false }));
  expect((await sendFrom(lib, 'importRecords', { papers: records, topics: [], dryRun: false })).ok).toBe(true);
  await lib.reload();
  papersPage = await s.open(URLS.search);
  await waitForCards(papersPage, 56);
});
afterAll(async () => {
  await s?.close();
});

it('with 4 saved papers: off, and the settings say why (until 10 saved papers)', async () => {
  await offLine().waitFor();
  expect(await onBox().isChecked()).toBe(false);
  // The page asked with its lookup and was told "off": no mark (the next test shows the same page lit up).
  await papersPage.waitForTimeout(500);
  expect(await recommendedIds(papersPage)).toEqual([]);
});

it('ticking the box switches them on for the open papers page; the line goes', async () => {
  expect(expected.length).toBeGreaterThan(1);
  expect(expected.length).toBeLessThanOrEqual(5); // the default per-page count shows them all
  await onBox().check();
  await expect.poll(() => recommendedIds(papersPage)).toEqual([...expected].sort());
  await expect.poll(() => offLine().count()).toBe(0);
  expect(await onBox().isChecked()).toBe(true);
});

it('"At most N per page" caps the marks on the open page (the best first); unticking removes them all', async () => {
  const count = settings().getByRole('spinbutton');
  expect(await count.inputValue()).toBe('5');
  await count.fill('1');
  await count.press('Tab'); // the value is taken on change
  await expect.poll(() => recommendedIds(papersPage)).toEqual([expected[0]]);
  await count.fill('5');
  await count.press('Tab');
  await expect.poll(() => recommendedIds(papersPage)).toEqual([...expected].sort());
  await onBox().uncheck();
  await expect.poll(() => recommendedIds(papersPage)).toEqual([]);
  // Still off after a reload of both pages (the choice is stored), and the line stays away: it was chosen.
  await lib.reload();
  await settings().waitFor();
  expect(await onBox().isChecked()).toBe(false);
  expect(await offLine().count()).toBe(0);
  await onBox().check();
  await expect.poll(() => recommendedIds(papersPage)).toEqual([...expected].sort());
});

it('lists the "Not interested" papers; Remove takes one off, and the page recommends it again', async () => {
  const target = expected[0]!;
  const title = card(target).title;
  const summary = () => settings().locator('summary');
  expect(await summary().textContent()).toBe('Not interested (0)');
  await papersPage.locator(`[data-papershelf-id="${target}"]`).first().getByRole('button', { name: 'Not interested' }).click();
  await expect.poll(() => recommendedIds(papersPage)).not.toContain(target);
  await expect.poll(async () => (await sendFrom(lib, 'notInterestedList', null)).data).toEqual([{ id: target, title }]);
  await lib.reload();
  await expect.poll(() => summary().textContent()).toBe('Not interested (1)');
  await summary().click();
  const list = settings().getByRole('list', { name: 'Not interested' });
  expect(await list.getByRole('listitem').allTextContents()).toEqual([`${title} Remove`]);
  expect(await list.getByRole('link', { name: title }).getAttribute('href')).toBe(`https://huggingface.co/papers/${target}`);
  await list.getByRole('button', { name: `Remove “${title}” from Not interested` }).click();
  await expect.poll(() => summary().textContent()).toBe('Not interested (0)');
  expect(await settings().getByText(/^None\./).isVisible()).toBe(true);
  await papersPage.reload();
  await waitForCards(papersPage, 56);
  await expect.poll(() => recommendedIds(papersPage)).toEqual([...expected].sort());
});
