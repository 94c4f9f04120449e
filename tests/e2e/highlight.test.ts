import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, saveTopics, URLS, waitForCards, type Session } from './harness';

let s: Session;
beforeAll(async () => {
  s = await launch();
  await saveTopics(s, { name: 'Codegen', color: '#2563eb', include: ['code generation'] });
});
afterAll(async () => {
  await s?.close();
});

it('highlights exactly the matched words of cards near the viewport, without touching the DOM', async () => {
  const page = await s.open(URLS.search);
  await waitForCards(page, 56);
  const before = await page.locator('h3').first().innerHTML();
  const texts = async () =>
    page.evaluate(() => {
      const h = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('papershelf-match');
      return h ? [...h].map((r) => r.toString().replace(/\s+/g, ' ').toLowerCase()) : [];
    });
  await expect.poll(async () => (await texts()).length).toBeGreaterThan(0);
  const words = await texts();
  expect(new Set(words)).toEqual(new Set(['code generation']));
  // Painted lazily: fewer ranges than the page's matches until the rest scrolls near.
  const onPage = await page.locator('[data-papershelf-topics="Codegen"]').count();
  expect(onPage).toBeGreaterThan(10);
  const firstCount = words.length;
  await page.locator('[data-papershelf-topics="Codegen"]').last().scrollIntoViewIfNeeded();
  await expect.poll(async () => (await texts()).length).toBeGreaterThan(firstCount);
  // The site's markup is not rewritten.
  expect(await page.locator('h3').first().innerHTML()).toBe(before);
  await page.close();
});
