/**
 * Keyboard-only use of the popup and the library: every Tab stop shows a focus ring and has a name,
 * Enter and Space act, Escape closes dialogs, panels and menus and gives focus back to the control
 * that opened them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, saveTopics, URLS, waitForCards, type Session } from './harness';

interface Stop {
  /** Tag, role and accessible-ish name, for messages. */
  what: string;
  name: string;
  ring: boolean;
}

/** What has focus now: its description and whether a focus ring is drawn (outline ≥ 2px, not none). */
const focused = (page: Page) =>
  page.evaluate((): Stop | null => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) return null;
    const cs = getComputedStyle(el);
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ||
      (labelled && document.getElementById(labelled)?.textContent) ||
      (el as HTMLInputElement).labels?.[0]?.textContent ||
      el.textContent ||
      el.getAttribute('title') ||
      '';
    const tag = el.tagName.toLowerCase() + (el.getAttribute('type') ? `[${el.getAttribute('type')}]` : '');
    return {
      what: `${tag} “${name.replace(/\s+/g, ' ').trim().slice(0, 60)}”`,
      name: name.trim(),
      ring: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2,
    };
  });

/** Move the sequential focus starting point to the top of the page (the next Tab reaches the first stop). */
const fromTop = (page: Page) =>
  page.evaluate(() => {
    const mark = document.createElement('span');
    mark.tabIndex = -1;
    document.body.prepend(mark);
    mark.focus();
    mark.addEventListener('blur', () => mark.remove(), { once: true });
  });

/** Tab from the top of the page until focus leaves it; returns every stop. */
async function tabWalk(page: Page, max = 120): Promise<Stop[]> {
  await fromTop(page);
  const stops: Stop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (!stop) break;
    stops.push(stop);
  }
  return stops;
}

function expectUsable(stops: Stop[]) {
  expect(stops.length).toBeGreaterThan(3);
  expect(stops.filter((s) => !s.ring).map((s) => s.what), 'focus stops without a visible focus ring').toEqual([]);
  expect(stops.filter((s) => !s.name).map((s) => s.what), 'focus stops without a name').toEqual([]);
}

const activeText = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim() ?? '');
const activeLabel = (page: Page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');

/** Press Tab until the focused element's text or label matches, or fail. */
async function tabTo(page: Page, name: string | RegExp, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    if (stop && (typeof name === 'string' ? stop.name.replace(/\s+/g, ' ').trim() === name : name.test(stop.name))) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

let s: Session;
beforeAll(async () => {
  s = await launch();
  const page = await s.open(URLS.trending);
  await waitForCards(page, 30);
  const buttons = page.locator('button[data-papershelf-save]');
  for (let i = 0; i < 4; i++) {
    await buttons.nth(i).click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-papershelf-toggle]')[n]?.shadowRoot?.querySelector('[aria-pressed="true"]'), i);
  }
  await page.close();
  await saveTopics(s, { name: 'Agents', color: '#0f766e', include: ['agent*'] });
});
afterAll(async () => {
  await s?.close();
});

describe('popup by keyboard', () => {
  it('every Tab stop has a focus ring and a name; Enter opens the library; arrows change the mode', async () => {
    const page = await s.open(URLS.search);
    await waitForCards(page, 56);
    const tabId = await s.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://huggingface.co/papers*' }))[0]!.id!);
    const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByRole('region', { name: 'This page', exact: true }).waitFor();
    await popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').first().waitFor();

    const stops = await tabWalk(popup);
    expectUsable(stops);
    expect(stops[0]!.name).toBe('Open library');

    // The topic group of this page's matches opens with Enter.
    await fromTop(popup);
    await tabTo(popup, /^Agents \(\d+\)$/);
    await popup.keyboard.press('Enter');
    await expect.poll(() => popup.locator('details').first().evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await popup.keyboard.press('Tab');
    expect(await activeLabel(popup)).toMatch(/^(Save|Remove) “.+” (to|from) Papershelf$/);

    // Mode radios: one Tab stop, arrows move the choice.
    await tabTo(popup, 'Highlight matches');
    await popup.keyboard.press('ArrowRight');
    expect(await popup.getByRole('radio', { name: 'Dim others' }).isChecked()).toBe(true);
    const mode = () => popup.evaluate(() => chrome.runtime.sendMessage({ papershelf: 1, type: 'settings', payload: null }));
    await expect.poll(async () => ((await mode()) as { data: { mode: string } }).data.mode).toBe('dim');
    await popup.keyboard.press('ArrowLeft');
    expect(await popup.getByRole('radio', { name: 'Highlight matches' }).isChecked()).toBe(true);

    // The next stop is the search box.
    await popup.keyboard.press('Tab');
    await popup.keyboard.type('zzzz-no-match');
    await expect.poll(() => popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').count()).toBe(0);
    await popup.keyboard.press('Control+A');
    await popup.keyboard.press('Backspace');
    await expect.poll(() => popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').count()).toBe(4);

    // Enter on "Open library" opens library.html in a new tab.
    await fromTop(popup);
    await popup.keyboard.press('Tab');
    const [lib] = await Promise.all([s.context.waitForEvent('page'), popup.keyboard.press('Enter')]);
    await lib.waitForLoadState();
    expect(lib.url()).toMatch(/\/library\.html$/);
    await lib.close();
    await popup.close();
    await page.close();
  });
});

describe('library by keyboard', () => {
  it('papers tab: every Tab stop has a focus ring and a name', async () => {
    const lib = await s.extensionPage('library.html');
    await lib.getByRole('checkbox', { name: 'Select all 4 shown' }).waitFor();
    expectUsable(await tabWalk(lib));
    await lib.close();
  });

  it('Enter opens a paper, Escape closes it and focus goes back to its row', async () => {
    const lib = await s.extensionPage('library.html');
    await lib.getByRole('checkbox', { name: 'Select all 4 shown' }).waitFor();
    const first = (await lib.locator('.ps-row-title').first().textContent())!.trim();
    await tabTo(lib, first);
    await lib.keyboard.press('Enter');
    const details = lib.getByRole('complementary');
    await details.waitFor();
    await expect.poll(() => lib.evaluate(() => document.activeElement?.id)).toBe('ps-details-title');
    // The details panel is keyboard-usable too.
    const stops = await tabWalk(lib);
    expectUsable(stops);
    await details.getByRole('button', { name: 'Close details' }).focus();
    await lib.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    await expect.poll(() => activeText(lib)).toBe(first);
    await lib.close();
  });

  it('Space selects; the Remove… dialog keeps focus inside and Escape closes it, back on its opener', async () => {
    const lib = await s.extensionPage('library.html');
    await lib.getByRole('checkbox', { name: 'Select all 4 shown' }).waitFor();
    const first = (await lib.locator('.ps-row-title').first().textContent())!.trim();
    await tabTo(lib, `Select ${first}`);
    await lib.keyboard.press('Space');
    const bulk = lib.getByRole('group', { name: 'Selected papers' });
    await bulk.waitFor();

    // Export selection: Enter opens the menu, Escape folds it and focus stays on its summary.
    await tabTo(lib, 'Export selection');
    await lib.keyboard.press('Enter');
    const menu = lib.locator('.ps-export-selection');
    await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await lib.keyboard.press('Tab');
    expect(await activeText(lib)).toMatch(/^Export /);
    await lib.keyboard.press('Escape');
    await expect.poll(() => menu.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await activeText(lib)).toBe('Export selection');

    await tabTo(lib, 'Remove…');
    await lib.keyboard.press('Enter');
    const dialog = lib.getByRole('dialog', { name: 'Remove 1 paper?' });
    await dialog.waitFor();
    for (let i = 0; i < 4; i++) {
      const inside = await lib.evaluate(() => !!document.activeElement?.closest('dialog[open]'));
      expect(inside, `focus left the dialog after ${i} Tab presses`).toBe(true);
      expect((await focused(lib))!.ring).toBe(true);
      await lib.keyboard.press('Tab');
      // Chromium passes through its own UI between the last and the first control: skip that stop.
      if (!(await focused(lib))) await lib.keyboard.press('Tab');
    }
    await lib.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await activeText(lib)).toBe('Remove…');
    await expect.poll(() => lib.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').count()).toBe(4);
    await lib.close();
  });

  it('Delete all papers…: Escape closes the dialog and nothing is deleted', async () => {
    const lib = await s.extensionPage('library.html');
    await lib.getByRole('checkbox', { name: 'Select all 4 shown' }).waitFor();
    await tabTo(lib, 'Delete all papers…');
    await lib.keyboard.press('Space');
    const dialog = lib.getByRole('dialog', { name: 'Delete all papers?' });
    await dialog.waitFor();
    expect(await activeText(lib)).toBe('Cancel');
    await lib.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await activeText(lib)).toBe('Delete all papers…');
    await expect.poll(() => lib.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').count()).toBe(4);
    await lib.close();
  });

  it('topics tab: reached with Enter, a topic is created and deleted with the keyboard only', async () => {
    const lib = await s.extensionPage('library.html');
    await lib.getByRole('checkbox', { name: 'Select all 4 shown' }).waitFor();
    await tabTo(lib, 'Topics');
    await lib.keyboard.press('Enter');
    await lib.getByRole('list', { name: 'Your topics' }).waitFor();
    expectUsable(await tabWalk(lib));

    await fromTop(lib);
    await tabTo(lib, 'New topic');
    await lib.keyboard.press('Enter');
    const form = lib.getByRole('form', { name: 'New topic' });
    await form.waitFor();
    await expect.poll(() => lib.evaluate(() => (document.activeElement as HTMLElement).closest('form') !== null)).toBe(true);
    await lib.keyboard.type('Diffusion');
    await tabTo(lib, 'Include');
    await lib.keyboard.type('diffusion');
    expectUsable(await tabWalk(lib));
    await form.getByRole('button', { name: 'Save topic' }).focus();
    await lib.keyboard.press('Enter');
    const row = lib.getByRole('list', { name: 'Your topics' }).getByRole('listitem', { name: 'Diffusion', exact: true });
    await row.waitFor();
    // Focus lands on the saved topic's Edit button.
    await expect.poll(() => activeText(lib)).toBe('Edit Diffusion');

    await row.getByRole('button', { name: 'Delete Diffusion' }).focus();
    await lib.keyboard.press('Enter');
    await expect.poll(() => activeText(lib)).toBe('Yes, delete Diffusion');
    await lib.keyboard.press('Tab');
    await lib.keyboard.press('Enter'); // Keep
    await expect.poll(() => activeText(lib)).toBe('Delete Diffusion');
    await lib.keyboard.press('Enter');
    await expect.poll(() => activeText(lib)).toBe('Yes, delete Diffusion');
    await lib.keyboard.press('Enter');
    await row.waitFor({ state: 'detached' });
    await lib.close();
  });
});
