/**
 * Morning triage end to end in real Chromium: seen/new markers across two page loads, "Mark all as
 * seen", "Dim seen papers", the popup's "Today's matches" for topics created in the UI, the global
 * badge, and the daily API down. The daily API is served from tests/fixtures/daily (the real item
 * shape); expected matches come from the fixture data (topic-rules.ts), never from the matcher.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, ROOT, URLS, waitForCards, type Session } from './harness';
import { AGENTS, AGENTS_TOPIC } from './topic-rules';

const DAILY_API = 'https://huggingface.co/api/daily_papers';
const DAILY_JSON = readFileSync(join(ROOT, 'tests/fixtures/daily/daily_papers.json'), 'utf8');
const DAILY_IDS = (JSON.parse(DAILY_JSON) as Array<{ paper: { id: string } }>).map((i) => i.paper.id);
/** Today's papers the "Agents" topic matches, by our own reading of the rule. */
const TODAY_AGENTS = DAILY_IDS.filter((id) => AGENTS.includes(id)).sort();

/** How the daily API answers now (the harness answers 404 for it otherwise). */
let daily: { status: number; body: string } = { status: 200, body: DAILY_JSON };
let dailyRequests = 0;

async function serveDaily(s: Session): Promise<void> {
  await s.context.route(DAILY_API, (route) => {
    dailyRequests++;
    return route.fulfill({ status: daily.status, contentType: 'application/json', body: daily.body });
  });
}

/** Create a topic through the library's topic editor, as a user does. */
async function createTopicInUi(s: Session, t: { name: string; include: string[]; exclude: string[] }): Promise<void> {
  const page = await s.extensionPage('library.html#topics');
  await page.getByRole('button', { name: 'New topic', exact: true }).click();
  const f = page.getByRole('form', { name: /topic/i });
  await f.getByLabel('Name', { exact: true }).fill(t.name);
  await f.getByLabel('Include', { exact: true }).fill(t.include.join('\n'));
  await f.getByLabel('Exclude', { exact: true }).fill(t.exclude.join('\n'));
  await f.getByRole('button', { name: 'Save topic' }).click();
  await expect.poll(() => page.getByRole('list', { name: 'Your topics' }).getByRole('listitem', { name: t.name, exact: true }).count()).toBe(1);
  await page.close();
}

/** The section's items: id and whether its save toggle is pressed. */
const todayItems = (popup: Page) =>
  popup
    .getByRole('region', { name: "Today's matches" })
    .locator('li[data-papershelf-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')!));

/** The global badge text (tabs without their own), read through the action API from an extension page. */
const globalBadge = (page: Page) => page.evaluate(() => chrome.action.getBadgeText({}));

/** Make the last successful check an hour and a half old, so that the next popup checks again. */
const ageLastCheck = (s: Session) =>
  s.worker.evaluate(async () => {
    const key = 'papershelf:daily';
    const cur = (await chrome.storage.local.get(key))[key] as Record<string, unknown>;
    await chrome.storage.local.set({ [key]: { ...cur, fetchedAt: new Date(Date.now() - 90 * 60_000).toISOString() } });
  });

describe("today's matches in the popup", () => {
  let s: Session;
  beforeAll(async () => {
    s = await launch();
    await serveDaily(s);
  });
  afterAll(async () => s?.close());

  it('with no topics, the section says how to add one', async () => {
    const popup = await s.extensionPage('popup.html');
    const section = popup.getByRole('region', { name: "Today's matches" });
    await expect.poll(() => section.textContent()).toContain('No topics yet.');
    expect(await section.getByRole('button', { name: 'Add a topic' }).count()).toBe(1);
    await popup.close();
  });

  it('lists today’s papers matching a topic created in the UI, with links, topic names and save toggles; the global badge counts them', async () => {
    expect(TODAY_AGENTS.length).toBeGreaterThan(1);
    await createTopicInUi(s, { ...AGENTS_TOPIC });
    await ageLastCheck(s).catch(() => undefined); // the start-up check may have succeeded: check again
    const popup = await s.extensionPage('popup.html');
    await expect.poll(async () => (await todayItems(popup)).sort()).toEqual(TODAY_AGENTS);
    const first = popup.locator(`li[data-papershelf-id="${TODAY_AGENTS[0]}"]`);
    expect(await first.getByRole('link').getAttribute('href')).toBe(`https://huggingface.co/papers/${TODAY_AGENTS[0]}`);
    expect(await first.textContent()).toContain('Agents');
    const toggle = first.locator('button[data-papershelf-save]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await globalBadge(popup)).toBe(String(TODAY_AGENTS.length));

    // Saving from here stores the full record from the API item.
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    const item = (JSON.parse(DAILY_JSON) as Array<{ paper: { id: string; authors: Array<{ name: string }>; ai_keywords: string[]; publishedAt: string } }>).find(
      (i) => i.paper.id === TODAY_AGENTS[0],
    )!.paper;
    const stored = await popup.evaluate(
      (id) =>
        new Promise<Record<string, unknown>>((resolve) => {
          indexedDB.open('papershelf').onsuccess = (e) => {
            const r = (e.target as IDBOpenDBRequest).result.transaction('papers').objectStore('papers').get(id);
            r.onsuccess = () => resolve(r.result);
          };
        }),
      TODAY_AGENTS[0]!,
    );
    expect(stored).toMatchObject({ id: item.id, authors: item.authors.map((a) => a.name), aiKeywords: item.ai_keywords, publishedAt: new Date(item.publishedAt).toISOString() });
    expect(typeof stored.summary).toBe('string');
    await popup.close();
  });

  it('the API down: the last good list stays, the popup says why and when it retries', async () => {
    daily = { status: 500, body: '{"error":"down"}' };
    await ageLastCheck(s);
    const before = dailyRequests;
    const popup = await s.extensionPage('popup.html');
    const section = popup.getByRole('region', { name: "Today's matches" });
    await expect.poll(() => section.getByRole('status').first().textContent()).toMatch(
      /^Couldn't check today's papers: huggingface\.co answered HTTP 500\. Retrying at \d{1,2}:\d{2}( [AP]M)?\.$/,
    );
    expect(dailyRequests).toBeGreaterThan(before);
    expect((await todayItems(popup)).sort()).toEqual(TODAY_AGENTS);
    // A malformed body is a failure too, and still keeps the list.
    daily = { status: 200, body: '<html>not json' };
    await ageLastCheck(s);
    await popup.reload();
    await expect.poll(() => section.getByRole('status').first().textContent()).toContain('the answer was not valid JSON');
    expect((await todayItems(popup)).sort()).toEqual(TODAY_AGENTS);
    daily = { status: 200, body: DAILY_JSON };
    await popup.close();
  });
});

/** Card ids carrying `attr`, sorted. */
const cardsWith = (page: Page, attr: string) =>
  page.locator(`[data-papershelf-id][${attr}]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')!).sort());

/** Card ids at least half inside the viewport now, by their boxes (our own reading, not the observer's). */
const halfVisible = (page: Page) =>
  page.evaluate(() => {
    const vh = innerHeight;
    const out: Array<{ id: string; ratio: number }> = [];
    for (const el of document.querySelectorAll('[data-papershelf-id]')) {
      const r = el.getBoundingClientRect();
      const shown = Math.max(0, Math.min(r.bottom, vh) - Math.max(r.top, 0));
      out.push({ id: el.getAttribute('data-papershelf-id')!, ratio: r.height ? shown / r.height : 0 });
    }
    return out;
  });

/** Ids in the seen store, read straight from IndexedDB by the worker. */
const storedSeen = (s: Session) =>
  s.worker.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('papershelf');
        req.onsuccess = () => {
          const r = req.result.transaction('seen').objectStore('seen').getAllKeys();
          r.onsuccess = () => {
            resolve((r.result as string[]).sort());
            req.result.close();
          };
          r.onerror = () => reject(r.error);
        };
        req.onerror = () => reject(req.error);
      }),
  );

describe('seen and new cards on papers pages', () => {
  let s: Session;
  let scrolled: string[] = [];
  beforeAll(async () => {
    s = await launch({ viewport: { width: 1280, height: 700 } });
    daily = { status: 200, body: DAILY_JSON };
    await serveDaily(s);
  });
  afterAll(async () => s?.close());

  it('two page loads: exactly the cards scrolled into view on the first are data-papershelf-seen on the second, the rest -new', async () => {
    const page = await s.open(URLS.daily);
    await waitForCards(page, 20);
    // First load: every card is new (nothing seen yet), with an accessible "New" chip on its toggle.
    expect(await cardsWith(page, 'data-papershelf-new')).toEqual([...DAILY_IDS].sort());
    expect(await cardsWith(page, 'data-papershelf-seen')).toEqual([]);
    const chip = page.locator(`[data-papershelf-id="${DAILY_IDS[0]}"] [data-papershelf-toggle]`).getByText('New', { exact: true });
    expect(await chip.isVisible()).toBe(true);

    // Dwell at the top, then at a card further down: the cards at least half in view each time are seen.
    const dwell = async () => {
      const boxes = await halfVisible(page);
      // No card on the edge of "half in view": the expected set is not a coin toss.
      expect(boxes.filter((b) => b.ratio > 0.3 && b.ratio < 0.7), JSON.stringify(boxes)).toEqual([]);
      await page.waitForTimeout(1600);
      for (const b of boxes) if (b.ratio >= 0.5 && !scrolled.includes(b.id)) scrolled.push(b.id);
    };
    const settleAt = async (y: number) => {
      await page.evaluate((top) => scrollTo(0, top), y);
      // Nudge off any card edge so every card is clearly in or out.
      for (let k = 0; k < 10 && (await halfVisible(page)).some((b) => b.ratio > 0.3 && b.ratio < 0.7); k++) await page.evaluate(() => scrollBy(0, 60));
    };
    await settleAt(0);
    await dwell();
    const ninth = await page.locator(`[data-papershelf-id="${DAILY_IDS[8]}"]`).evaluate((el) => el.getBoundingClientRect().top + scrollY);
    await settleAt(ninth);
    await dwell();
    scrolled = scrolled.sort();
    expect(scrolled.length).toBeGreaterThan(2);
    expect(scrolled.length).toBeLessThan(DAILY_IDS.length);
    // Seen during this load: still -new (the marker never changes under the reader's eyes).
    expect(await cardsWith(page, 'data-papershelf-seen')).toEqual([]);
    // Leaving the page sends what is left of the batch.
    await page.goto(URLS.trending);
    await expect.poll(() => storedSeen(s)).toEqual(scrolled);

    await page.goto(URLS.daily);
    await waitForCards(page, 20);
    await expect.poll(() => cardsWith(page, 'data-papershelf-seen')).toEqual(scrolled);
    expect(await cardsWith(page, 'data-papershelf-new')).toEqual(DAILY_IDS.filter((id) => !scrolled.includes(id)).sort());
    expect(await page.locator(`[data-papershelf-id="${scrolled[0]}"] [data-papershelf-toggle]`).getByText('New', { exact: true }).isVisible()).toBe(false);
    await page.close();
  });

  it('"Dim seen papers" dims the seen cards in open tabs; "Mark all as seen" marks the whole page at once; the global badge follows', async () => {
    await createTopicInUi(s, { ...AGENTS_TOPIC });
    const page = await s.open(URLS.daily);
    await waitForCards(page, 20);
    await expect.poll(() => cardsWith(page, 'data-papershelf-seen')).toEqual(scrolled);
    const tabId = await s.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, URLS.daily);
    const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
    const fresh = DAILY_IDS.length - scrolled.length;
    await expect.poll(() => popup.getByText(/\d+ new on this page/).textContent()).toBe(`${fresh} new on this page`);

    // The global badge: today's matches not seen yet (the topic matches some of today's papers).
    await ageLastCheck(s);
    await popup.reload();
    await expect.poll(async () => (await todayItems(popup)).sort()).toEqual(TODAY_AGENTS);
    const unseenMatches = TODAY_AGENTS.filter((id) => !scrolled.includes(id));
    await expect.poll(() => globalBadge(popup)).toBe(unseenMatches.length ? String(unseenMatches.length) : '');
    // The papers tab keeps its own count (matching cards on the page).
    const pageMatches = await cardsWith(page, 'data-papershelf-topics');
    expect(await popup.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe(String(pageMatches.length));

    // Dim seen papers: no topic dims anything in highlight mode, so only the seen cards are dimmed.
    await popup.getByRole('checkbox', { name: 'Dim seen papers' }).check();
    await expect.poll(() => cardsWith(page, 'data-papershelf-dimmed')).toEqual(scrolled);

    await popup.getByRole('button', { name: 'Mark all as seen' }).click();
    await expect.poll(() => cardsWith(page, 'data-papershelf-seen')).toEqual([...DAILY_IDS].sort());
    expect(await cardsWith(page, 'data-papershelf-new')).toEqual([]);
    expect(await cardsWith(page, 'data-papershelf-dimmed')).toEqual([...DAILY_IDS].sort());
    await expect.poll(() => storedSeen(s)).toEqual([...DAILY_IDS].sort());
    await expect.poll(() => popup.getByText(/\d+ new on this page/).textContent()).toBe('0 new on this page');
    // Every one of today's matches is seen now: the global badge is empty, the list puts nothing first.
    await expect.poll(() => globalBadge(popup)).toBe('');

    await popup.getByRole('checkbox', { name: 'Dim seen papers' }).uncheck();
    await expect.poll(() => cardsWith(page, 'data-papershelf-dimmed')).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('library: the seen count and "Forget seen papers" (confirmed) empty the seen set; the next load shows every card new', async () => {
    const lib = await s.extensionPage('library.html');
    await expect.poll(() => lib.getByText(/papers? seen on the site/).textContent()).toContain(`${DAILY_IDS.length} papers seen on the site`);
    await lib.getByRole('button', { name: 'Forget seen papers…' }).click();
    const dialog = lib.getByRole('dialog', { name: 'Forget seen papers?' });
    await dialog.getByRole('button', { name: 'Forget seen papers' }).click();
    await expect.poll(() => storedSeen(s)).toEqual([]);
    await expect.poll(() => lib.getByText(/papers? seen on the site/).textContent()).toContain('0 papers seen on the site');
    const page = await s.open(URLS.daily);
    await waitForCards(page, 20);
    await expect.poll(() => cardsWith(page, 'data-papershelf-new')).toEqual([...DAILY_IDS].sort());
    await page.close();
    await lib.close();
  });
});
