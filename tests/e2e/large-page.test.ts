/**
 * A large list (generated from the trending fixture, as in the bench): every card gets its toggle
 * at once, hidden far from the viewport and shown progressively (reveal.ts); in the end every toggle
 * is visible and every card carries its topic marks, exactly as on a small page.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cardId, library, listPage } from '../../bench/generate';
import { fixture, launch, saveButton, saveTopics, storedIds, URLS, waitForCards, type Session } from './harness';
import { AGENTS, AGENTS_TOPIC } from './topic-rules';

const N = 150;
const URL = 'https://huggingface.co/papers/month/2030-03';

let s: Session;
beforeAll(async () => {
  s = await launch();
  s.pages.set(URL, listPage(N));
});
afterAll(async () => {
  await s?.close();
});

/** Generated card i is a copy of the trending fixture's card i % 30 (see bench/generate.ts). */
function expectedAgentCards(): string[] {
  const articles = [...fixture(URLS.trending).matchAll(/<!--\[0-->(<article[\s\S]*?<\/article>)<!--\]-->/g)];
  const source = articles.map((m) => /href="\/papers\/(\d{4}\.\d{4,5})"/.exec(m[1]!)![1]!);
  expect(source).toHaveLength(30);
  return Array.from({ length: N }, (_, i) => i).filter((i) => AGENTS.includes(source[i % 30]!)).map(cardId).sort();
}

it(`${N} cards: one toggle each at once, all shown in the end, topic marks on every matching card`, async () => {
  await saveTopics(s, { ...AGENTS_TOPIC, color: '#0f766e' });

  const page = await s.open(URL);
  await waitForCards(page, N);
  const roots = await page.locator('[data-papershelf-id]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-papershelf-id'), e.querySelectorAll('[data-papershelf-toggle]').length]));
  expect(roots.map(([id]) => id)).toEqual(Array.from({ length: N }, (_, i) => cardId(i)));
  expect(roots.every(([, n]) => n === 1)).toBe(true);

  const visible = () => page.locator('[data-papershelf-toggle]').evaluateAll((hosts) => hosts.filter((h) => h.checkVisibility()).length);
  await expect.poll(visible, { timeout: 15_000 }).toBe(N);
  const expected = expectedAgentCards();
  expect(expected.length).toBeGreaterThan(10);
  const marked = () => page.locator('[data-papershelf-topics]').evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')!).sort());
  await expect.poll(marked, { timeout: 15_000 }).toEqual(expected);

  // The last card works like the first.
  const last = saveButton(page, cardId(N - 1));
  await last.click();
  await expect.poll(() => last.getAttribute('aria-pressed')).toBe('true');
  expect(await storedIds(s)).toContain(cardId(N - 1));
  await page.close();
});

it('a popup over 120 saved papers lists the newest 50 first, then says how many there are', async () => {
  const ext = await s.extensionPage('library.html');
  const papers = library(120);
  const reply = await ext.evaluate((p) => chrome.runtime.sendMessage({ papershelf: 1, type: 'importRecords', payload: { papers: p, topics: [], dryRun: false, lossless: true } }), papers);
  expect(reply).toMatchObject({ ok: true });
  await ext.close();
  const popup = await s.extensionPage('popup.html');
  const items = popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem');
  await expect.poll(() => items.count()).toBe(50);
  const total = (await storedIds(s)).length;
  expect(total).toBeGreaterThanOrEqual(120);
  await expect.poll(() => popup.getByText(`${total} saved`, { exact: true }).count()).toBe(1);
  await expect.poll(() => popup.getByText(`Showing 50 of ${total}.`).count()).toBe(1);
  await popup.close();
});
