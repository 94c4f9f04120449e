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
import { launch, ROOT, type Session } from './harness';
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
