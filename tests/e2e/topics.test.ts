/**
 * Topics end to end: the editor in library.html drives the marks on huggingface.co/papers pages,
 * the popup's display modes, the badge, and live updates in tabs that are already open.
 * Expected card sets come from the fixture data (topic-rules.ts), never from the matcher under test.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, readStore, URLS, waitForCards, type Session } from './harness';
import { AGENTS, AGENTS_RL, ALL_IDS } from './topic-rules';

const COLOR = '#0f766e';
const COLOR_RGB = 'rgb(15, 118, 110)';

// ── page helpers (elements found by accessible name) ──

let s: Session;
const SHOTS = process.env.PAPERSHELF_SHOTS; // e.g. /tmp: save screenshots there

async function shot(page: Page, name: string, fullPage = true) {
  if (SHOTS) await page.screenshot({ path: join(SHOTS, `papershelf-${name}.png`), fullPage });
}

async function library(hash = '#topics'): Promise<Page> {
  const page = await s.extensionPage(`library.html${hash}`);
  await page.getByRole('heading', { name: 'Topics', exact: true }).waitFor();
  return page;
}

const form = (page: Page) => page.getByRole('form', { name: /topic/i });
const row = (page: Page, name: string) => page.getByRole('list', { name: 'Your topics' }).getByRole('listitem', { name, exact: true });
const field = (f: Locator, label: string) => f.getByLabel(label, { exact: true });

async function openSearch(): Promise<Page> {
  const page = await s.open(URLS.search);
  await waitForCards(page, 56);
  return page;
}

/** Ids of cards whose data-papershelf-topics lists `topic`. */
const cardsWithTopic = (page: Page, topic: string) =>
  page
    .locator('[data-papershelf-id]')
    .evaluateAll(
      (els, t) => els.filter((e) => (e.getAttribute('data-papershelf-topics') ?? '').split(',').includes(t)).map((e) => e.getAttribute('data-papershelf-id')!).sort(),
      topic,
    );

/** Ids of cards carrying `attr`. */
const cardsWith = (page: Page, attr: string) =>
  page.locator(`[data-papershelf-id][${attr}]`).evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')!).sort());

/** Per card id: the topic chips shown in its toggle (name and background colour). */
const chips = (page: Page) =>
  page.locator('[data-papershelf-id]').evaluateAll((els) =>
    Object.fromEntries(
      els.map((e) => [
        e.getAttribute('data-papershelf-id')!,
        [...(e.querySelector('[data-papershelf-toggle]')?.shadowRoot?.querySelectorAll<HTMLElement>('.chip') ?? [])].map((c) => ({
          name: c.textContent,
          color: getComputedStyle(c).backgroundColor,
          visible: c.getBoundingClientRect().width > 0,
        })),
      ]),
    ),
  );

/** The part of the extension API used inside `s.worker.evaluate` (it runs in the service worker). */
declare const chrome: {
  tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
};

/** Badge text of every open papers tab, read in the service worker. */
async function badges(): Promise<string[]> {
  return s.worker.evaluate(async () => {
    const tabs = await chrome.tabs.query({ url: 'https://huggingface.co/papers*' });
    return Promise.all(tabs.map((t) => chrome.action.getBadgeText({ tabId: t.id! })));
  });
}

/** Topics straight from the extension's IndexedDB. */
const storedTopics = async () => (await readStore(s, 'topics', 'getAll')) as Array<{ name: string; include: string[]; exclude: string[]; order: number }>;

const without = (all: string[], some: string[]) => all.filter((id) => !some.includes(id));

beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('topics: editor → marks on the page', () => {
  let search: Page;

  it('reads the rules the way the tests expect (fixture sanity)', () => {
    expect(AGENTS).toEqual(['2506.13037', '2506.13666', '2506.13999', '2506.14221', '2506.14332', '2506.14554', '2506.14702']);
    expect(AGENTS_RL).toEqual([...AGENTS, '2506.13555', '2506.14147'].sort());
    expect(ALL_IDS).toHaveLength(56);
  });

  it('first run shows "Create your first topic" with the three examples and New topic', async () => {
    const page = await library();
    await expect.poll(() => page.getByRole('heading', { name: 'Create your first topic' }).count()).toBe(1);
    for (const name of ['Add Code LLMs', 'Add Diffusion', 'Add RL & agents', 'New topic'])
      expect(await page.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    await shot(page, 'topics-empty');
    await page.close();
  });

  it('the context menu\'s "New topic…" link opens a new topic with the selection to include', async () => {
    const page = await library(`#topics?term=${encodeURIComponent('"multi-agent"')}`);
    const f = form(page);
    await expect.poll(() => field(f, 'Include').inputValue()).toBe('"multi-agent"');
    expect(await field(f, 'Name').inputValue()).toBe('');
    expect(await field(f, 'Name').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe('#topics');
    await f.getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => form(page).count()).toBe(0);
    expect(await storedTopics()).toEqual([]);
    await page.close();
  });

  it('creates a topic in the form; an open search page marks exactly the matching cards, with chips and a badge', async () => {
    search = await openSearch();
    expect(await cardsWith(search, 'data-papershelf-topics')).toEqual([]);

    const page = await library();
    await page.getByRole('button', { name: 'New topic', exact: true }).click();
    const f = form(page);
    expect(await field(f, 'Name').evaluate((el) => el === document.activeElement)).toBe(true);
    await field(f, 'Name').fill('Agents');
    await field(f, 'Colour').fill(COLOR);
    await field(f, 'Include').fill('agent*\n"multi-agent"');
    await field(f, 'Exclude').fill('hardware');
    expect(await field(f, 'Enabled').isChecked()).toBe(true);
    await f.getByRole('button', { name: 'Save topic' }).click();

    await expect.poll(() => row(page, 'Agents').count()).toBe(1);
    expect(await form(page).count()).toBe(0);
    expect(await row(page, 'Agents').textContent()).toContain('2 include terms · 1 exclusion');
    const stored = await storedTopics();
    expect(stored.map((t) => [t.name, t.include, t.exclude])).toEqual([['Agents', ['agent*', '"multi-agent"'], ['hardware']]]);

    // Live, without reload.
    await expect.poll(() => cardsWithTopic(search, 'Agents')).toEqual(AGENTS);
    expect(await cardsWith(search, 'data-papershelf-topics')).toEqual(AGENTS);
    const shown = await chips(search);
    for (const id of ALL_IDS) {
      const expected = AGENTS.includes(id) ? [{ name: 'Agents', color: COLOR_RGB, visible: true }] : [];
      expect(shown[id], id).toEqual(expected);
    }
    await expect.poll(badges).toEqual([String(AGENTS.length)]);

    await page.getByRole('button', { name: 'Edit Agents' }).click();
    await shot(page, 'topics-library');
    await page.close();
    await search.bringToFront();
    await search.locator(`[data-papershelf-id="${AGENTS[0]}"]`).scrollIntoViewIfNeeded();
    await shot(search, 'topics-search', false);
  });

  it('dims, hides (with a "N papers hidden" bar whose Show reveals them) and highlights from the popup', async () => {
    const others = without(ALL_IDS, AGENTS);
    const popup = await s.extensionPage('popup.html');

    await popup.getByRole('radio', { name: 'Dim others' }).check();
    await expect.poll(() => cardsWith(search, 'data-papershelf-dimmed')).toEqual(others);
    expect(await cardsWith(search, 'data-papershelf-hidden')).toEqual([]);

    await popup.getByRole('radio', { name: 'Hide others' }).check();
    await expect.poll(() => cardsWith(search, 'data-papershelf-hidden')).toEqual(others);
    expect(await cardsWith(search, 'data-papershelf-dimmed')).toEqual([]);
    const hiddenShown = await search.locator('[data-papershelf-id][data-papershelf-hidden]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent !== null).length);
    expect(hiddenShown).toBe(0);
    const bar = search.locator('[data-papershelf-bar]');
    await expect.poll(() => bar.locator('span').textContent()).toMatch(new RegExp(`^${others.length} papers hidden`));
    await shot(popup, 'topics-popup');
    await search.bringToFront();
    await shot(search, 'topics-search-hidden', false);

    await bar.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => cardsWith(search, 'data-papershelf-hidden')).toEqual([]);
    expect(await search.locator('[data-papershelf-id]').evaluateAll((els) => els.filter((e) => (e as HTMLElement).offsetParent === null).length)).toBe(0);
    await bar.getByRole('button', { name: 'Hide again' }).click();
    await expect.poll(() => cardsWith(search, 'data-papershelf-hidden')).toEqual(others);

    await popup.getByRole('radio', { name: 'Highlight matches' }).check();
    await expect.poll(() => cardsWith(search, 'data-papershelf-hidden')).toEqual([]);
    expect(await cardsWith(search, 'data-papershelf-dimmed')).toEqual([]);
    expect(await cardsWithTopic(search, 'Agents')).toEqual(AGENTS);
    await popup.close();
  });

  it('rejects an invalid term in the form, naming it, and saves nothing; a duplicate name is refused too', async () => {
    const page = await library();
    await page.getByRole('button', { name: 'New topic', exact: true }).click();
    const f = form(page);
    await field(f, 'Name').fill('Broken');
    await field(f, 'Include').fill('code\n/(a+)+/');
    await field(f, 'Exclude').fill('/(unclosed/');

    const include = field(f, 'Include');
    await expect.poll(() => include.getAttribute('aria-invalid')).toBe('true');
    const described = async (el: Locator) => {
      const ids = ((await el.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
      return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
    };
    expect(await described(include)).toContain('"/(a+)+/"');
    expect(await field(f, 'Exclude').getAttribute('aria-invalid')).toBe('true');
    expect(await described(field(f, 'Exclude'))).toContain('"/(unclosed/"');
    expect(await described(field(f, 'Exclude'))).not.toContain('(a+)+');

    await f.getByRole('button', { name: 'Save topic' }).click();
    expect(await include.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await storedTopics()).toHaveLength(1);
    expect(await include.inputValue()).toBe('code\n/(a+)+/');
    await shot(page, 'topics-invalid');

    // Fix the terms, but reuse an existing name: the background refuses, the form keeps everything.
    await include.fill('code');
    await field(f, 'Exclude').fill('');
    await expect.poll(() => include.getAttribute('aria-invalid')).toBe('false');
    await field(f, 'Name').fill('agents');
    await f.getByRole('button', { name: 'Save topic' }).click();
    await expect.poll(() => f.getByRole('alert').textContent()).toContain('already exists');
    expect(await field(f, 'Name').inputValue()).toBe('agents');
    expect(await include.inputValue()).toBe('code');
    expect((await storedTopics()).map((t) => t.name)).toEqual(['Agents']);
    await shot(page, 'topics-errors');
    await page.close();
  });

  it('editing the topic updates an already-open second tab without reload', async () => {
    const second = await openSearch();
    expect(await cardsWithTopic(second, 'Agents')).toEqual(AGENTS);
    await second.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    const page = await library();
    await row(page, 'Agents').getByRole('button', { name: 'Edit Agents' }).click();
    const f = form(page);
    expect(await field(f, 'Include').inputValue()).toBe('agent*\n"multi-agent"');
    await field(f, 'Include').fill('agent*\n"multi-agent"\nreinforcement learning');
    await f.getByRole('button', { name: 'Save topic' }).click();

    await expect.poll(() => cardsWithTopic(second, 'Agents')).toEqual(AGENTS_RL);
    expect(await cardsWithTopic(search, 'Agents')).toEqual(AGENTS_RL);
    expect(await second.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect.poll(badges).toEqual([String(AGENTS_RL.length), String(AGENTS_RL.length)]);
    await second.close();
    await page.close();
  });

  it('order and on/off apply live: the first topic in the list comes first on the card', async () => {
    const page = await library();
    await page.getByText('Example topics').click();
    await page.getByRole('button', { name: 'Add Code LLMs' }).click();
    await expect.poll(() => row(page, 'Code LLMs').count()).toBe(1);
    const card = search.locator('[data-papershelf-id="2506.13666"]');
    await expect.poll(() => card.getAttribute('data-papershelf-topics')).toBe('Agents,Code LLMs');

    await row(page, 'Code LLMs').getByRole('button', { name: 'Move up' }).click();
    await expect.poll(() => card.getAttribute('data-papershelf-topics')).toBe('Code LLMs,Agents');
    expect(await page.getByRole('list', { name: 'Your topics' }).getByRole('listitem').evaluateAll((els) => els.map((e) => e.querySelector('.topic-name')!.textContent))).toEqual(['Code LLMs', 'Agents']);
    expect((await storedTopics()).sort((a, b) => a.order - b.order).map((t) => t.name)).toEqual(['Code LLMs', 'Agents']);
    // Focus follows the moved topic.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Move down Code LLMs');

    await row(page, 'Code LLMs').getByRole('checkbox', { name: 'Enabled' }).uncheck();
    await expect.poll(() => card.getAttribute('data-papershelf-topics')).toBe('Agents');
    await row(page, 'Code LLMs').getByRole('button', { name: 'Delete' }).click();
    await row(page, 'Code LLMs').getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => row(page, 'Code LLMs').count()).toBe(0);
    expect((await storedTopics()).map((t) => t.name)).toEqual(['Agents']);
    await page.close();
  });

  it('deleting the topic (after confirming) removes its marks live', async () => {
    const page = await library();
    await row(page, 'Agents').getByRole('button', { name: 'Delete' }).click();
    // Nothing happens until confirmed.
    expect(await storedTopics()).toHaveLength(1);
    await row(page, 'Agents').getByRole('button', { name: 'Keep' }).click();
    expect(await storedTopics()).toHaveLength(1);
    await row(page, 'Agents').getByRole('button', { name: 'Delete' }).click();
    await row(page, 'Agents').getByRole('button', { name: 'Yes, delete' }).click();

    await expect.poll(() => cardsWith(search, 'data-papershelf-topics')).toEqual([]);
    expect(await storedTopics()).toEqual([]);
    expect(Object.values(await chips(search)).flat()).toEqual([]);
    await expect.poll(badges).toEqual(['']);
    await expect.poll(() => page.getByRole('heading', { name: 'Create your first topic' }).count()).toBe(1);
    await page.close();
    await search.close();
  });

  it('the Topics tab has no axe violations (list and form with errors)', async () => {
    const page = await library();
    await page.getByRole('button', { name: 'Add Diffusion' }).click();
    await expect.poll(() => row(page, 'Diffusion').count()).toBe(1);
    await page.getByRole('button', { name: 'New topic', exact: true }).click();
    await field(form(page), 'Include').fill('/(a+)+/');
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    await page.evaluate(axe);
    const violations = await page.evaluate(async () => {
      const r = await (window as unknown as { axe: { run(ctx: unknown): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run({
        include: [['.topics-panel']],
      });
      return r.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
