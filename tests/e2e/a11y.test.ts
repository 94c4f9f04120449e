/**
 * axe-core on every screen of the popup and the library, in light and dark: zero serious or critical
 * violations. Minor and moderate ones are printed, not failed.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, blocking, summarize } from './a11y-axe';
import { launch, sendFrom, URLS, waitForCards, type Session } from './harness';

async function expectAccessible(page: Page, what: string) {
  const violations = await axeViolations(page);
  const lines = summarize(violations);
  console.log(`axe ${what}: ${lines.length ? lines.join('; ') : 'no violations'}`);
  expect(blocking(violations), what).toEqual([]);
}

describe.each(['light', 'dark'] as const)('%s', (scheme) => {
  let s: Session;
  beforeAll(async () => {
    s = await launch({ colorScheme: scheme });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('popup, nothing saved', async () => {
    const popup = await s.extensionPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.getByText('Nothing saved yet.').waitFor();
    await expectAccessible(popup, `popup empty (${scheme})`);
    await popup.close();
  });

  it('popup, with saved papers and the backup reminder', async () => {
    const page = await s.open(URLS.trending);
    await waitForCards(page, 30);
    const buttons = page.locator('button[data-papershelf-save]');
    for (let i = 0; i < 12; i++) {
      await buttons.nth(i).click();
      await expect.poll(() => buttons.nth(i).getAttribute('aria-pressed')).toBe('true');
    }
    await page.close();
    const popup = await s.extensionPage('popup.html');
    await popup.setViewportSize({ width: 400, height: 600 });
    await expect.poll(() => popup.getByRole('list', { name: 'Saved papers' }).getByRole('listitem').count()).toBe(12);
    await popup.getByRole('button', { name: 'Back up now (JSON)' }).waitFor();
    await expectAccessible(popup, `popup saved (${scheme})`);
    await popup.close();
  });

  it('popup, with matches on the active page', async () => {
    const lib = await s.extensionPage('library.html');
    await sendFrom(lib, 'saveTopic', { topic: { name: 'Agents', color: '#0f766e', include: ['agent*'], exclude: [], enabled: true } });
    await sendFrom(lib, 'saveTopic', { topic: { name: 'Code LLMs', color: '#2563eb', include: ['code llm*', '"program synthesis"'], exclude: [], enabled: true } });
    await lib.close();
    const page = await s.open(URLS.search);
    await waitForCards(page, 56);
    const tabId = await s.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://huggingface.co/papers*' }))[0]!.id!);
    const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
    await popup.setViewportSize({ width: 400, height: 600 });
    const matches = popup.getByRole('region', { name: 'This page', exact: true });
    await matches.waitFor();
    await matches.locator('summary').first().click();
    await expectAccessible(popup, `popup page matches (${scheme})`);
    await popup.close();
    await page.close();
  });

  it('library, papers tab: list, selection, details', async () => {
    const lib = await s.extensionPage('library.html');
    await lib.getByRole('checkbox', { name: /^Select all \d+ shown$/ }).waitFor();
    await expectAccessible(lib, `library papers (${scheme})`);
    const list = lib.getByRole('list', { name: 'Saved papers' });
    await list.getByRole('checkbox').nth(1).check();
    await list.getByRole('checkbox').nth(2).check();
    await list.locator('.ps-row-title').first().click();
    await lib.getByRole('complementary').waitFor();
    await lib.getByRole('complementary').getByLabel('Add tag', { exact: true }).fill('to-read');
    await lib.getByRole('complementary').getByRole('button', { name: 'Add', exact: true }).click();
    await lib.getByRole('complementary').getByRole('button', { name: 'Remove tag to-read' }).waitFor();
    await expectAccessible(lib, `library papers with selection and details (${scheme})`);
    await lib.getByRole('group', { name: 'Selected papers' }).getByRole('button', { name: 'Remove…' }).click();
    await lib.getByRole('dialog', { name: 'Remove 2 papers?' }).waitFor();
    await expectAccessible(lib, `library remove dialog (${scheme})`);
    await lib.keyboard.press('Escape');
    await lib.close();
  });

  it('library, topics tab: list and editor', async () => {
    const lib = await s.extensionPage('library.html#topics');
    await lib.getByRole('list', { name: 'Your topics' }).waitFor();
    await expectAccessible(lib, `library topics (${scheme})`);
    await lib.getByRole('button', { name: 'New topic' }).click();
    const form = lib.getByRole('form', { name: 'New topic' });
    await form.getByLabel('Include', { exact: true }).fill('agent*\n"unclosed');
    await form.getByRole('button', { name: 'Save topic' }).click();
    await form.locator('.field-errors').first().waitFor();
    await expectAccessible(lib, `library topic editor with errors (${scheme})`);
    await lib.close();
  });

  it('library, first run (nothing saved, no topics)', async () => {
    const lib = await s.extensionPage('library.html');
    await sendFrom(lib, 'wipe', null);
    const topics = (await sendFrom(lib, 'topics', null)) as { data: Array<{ id: string }> };
    for (const t of topics.data) await sendFrom(lib, 'deleteTopic', { id: t.id });
    await lib.reload();
    await lib.getByText('No saved papers yet.').waitFor();
    await expectAccessible(lib, `library empty (${scheme})`);
    await lib.goto(lib.url().replace(/#.*$/, '') + '#topics');
    await lib.getByRole('heading', { name: 'Create your first topic' }).waitFor();
    await expectAccessible(lib, `library topics first run (${scheme})`);
    await lib.close();
  });
});
