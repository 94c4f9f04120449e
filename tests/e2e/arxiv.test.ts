/**
 * arXiv and alphaXiv in real Chromium, with the test build that grants the optional hosts at
 * install (PAPERSHELF_GRANT_OPTIONAL=1: headless Chromium cannot answer a permission prompt), so
 * the background's "granted → register the content script" path runs as after a user's click.
 * Pages are the fixtures in tests/fixtures/arxiv, served with context.route; no network.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXTENSION, launch, OUT_DIR, ROOT, saveButton, saveButtons, saveTopics, sendFrom, storedPapers, URLS, waitForCards, type Session } from './harness';

const GRANT_OUT = `${OUT_DIR}-grant`;
const ARXIV = join(ROOT, 'tests/fixtures/arxiv');

const PAGES: Record<string, string> = {
  'https://arxiv.org/list/cs.CL/new': 'list-cs.CL-new.html',
  'https://arxiv.org/list/cs.CL/recent': 'list-cs.CL-recent.html',
  'https://arxiv.org/list/cs.CL/pastweek': 'list-cs.CL-pastweek-altered.html',
  'https://arxiv.org/abs/2506.13000v2': 'abs-2506.13000v2.html',
  'https://arxiv.org/search/?query=code+generation&searchtype=all': 'search-code-generation.html',
  'https://www.alphaxiv.org/abs/2506.13037v1': 'alphaxiv-abs-2506.13037v1.html',
  'https://www.alphaxiv.org/overview/2506.13074': 'alphaxiv-overview-2506.13074.html',
  'https://alphaxiv.org/abs/2506.13111': 'alphaxiv-abs-notitle-2506.13111.html',
};
const NEW = 'https://arxiv.org/list/cs.CL/new';

let s: Session;
/** Pages served at arXiv/alphaXiv URLs for one test (altered markup). */
const extra = new Map<string, string>();

declare const chrome: {
  tabs: { query(q: { url: string }): Promise<Array<{ id?: number }>> };
  action: { getBadgeText(d: { tabId: number }): Promise<string> };
  scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[]; js?: string[] }>> };
};

const tabIdOf = (url: string) => s.worker.evaluate(async (u) => (await chrome.tabs.query({ url: u }))[0]!.id!, url);

beforeAll(async () => {
  execFileSync('npx', ['wxt', 'build'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production', PAPERSHELF_GRANT_OPTIONAL: '1', PAPERSHELF_OUT_DIR: GRANT_OUT },
  });
  s = await launch({ extension: join(GRANT_OUT, 'chrome-mv3') });
  await s.context.route(/^https:\/\/(arxiv\.org|www\.alphaxiv\.org|alphaxiv\.org)\//, (route) => {
    const url = route.request().url();
    const body = extra.get(url) ?? (PAGES[url] ? readFileSync(join(ARXIV, PAGES[url]!), 'utf8') : undefined);
    if (body === undefined) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in fixtures' });
    return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
  // The registration is made by the worker at install: wait for it (the test below checks it).
  for (let i = 0; i < 100; i++) {
    if ((await s.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);
afterAll(async () => {
  await s?.close();
});

describe('manifests', () => {
  it('the shipped build keeps arXiv and alphaXiv optional; the test build grants them at install', () => {
    const shipped = JSON.parse(readFileSync(join(EXTENSION, 'manifest.json'), 'utf8'));
    expect(shipped.host_permissions).toEqual(['https://huggingface.co/*']);
    expect(shipped.optional_host_permissions).toEqual(['https://arxiv.org/*', 'https://www.alphaxiv.org/*', 'https://alphaxiv.org/*']);
    expect(shipped.permissions).toContain('scripting');
    // The arXiv script is never in the manifest: only registered at run time once granted.
    expect(JSON.stringify(shipped.content_scripts)).not.toContain('arxiv');
    const grant = JSON.parse(readFileSync(join(GRANT_OUT, 'chrome-mv3/manifest.json'), 'utf8'));
    expect(grant.host_permissions).toEqual(['https://huggingface.co/*', 'https://arxiv.org/*', 'https://www.alphaxiv.org/*', 'https://alphaxiv.org/*']);
    expect(grant.optional_host_permissions).toBeUndefined();
  });

  it('the registered script covers arXiv listings, search and abstracts, and alphaXiv', async () => {
    const all = await s.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(all.map((c) => c.id)).toEqual(['papershelf-arxiv']);
    const reg = all[0];
    expect(reg!.js).toEqual(['content-scripts/arxiv.js']);
    expect([...reg!.matches!].sort()).toEqual(['https://alphaxiv.org/*', 'https://arxiv.org/abs/*', 'https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://www.alphaxiv.org/*']);
  });
});

describe('arXiv listing', () => {
  let page: Page;
  beforeAll(async () => {
    page = await s.open(NEW);
    await waitForCards(page, 16);
  });
  afterAll(() => page.close());

  it('every entry (new, cross-list, replacement) gets a toggle on its <dt>, and both <dt> and <dd> the id', async () => {
    expect(await saveButtons(page).count()).toBe(16);
    const marked = await page.locator('[data-papershelf-id]').evaluateAll((els) => els.map((e) => `${e.localName}:${e.getAttribute('data-papershelf-id')}`));
    expect(marked).toHaveLength(32);
    expect(marked.filter((m) => m.startsWith('dt:'))).toHaveLength(16);
    expect(marked.filter((m) => m.startsWith('dd:'))).toHaveLength(16);
    expect(await page.locator('dt [data-papershelf-toggle]').count()).toBe(16);
    expect(await page.locator('dt[data-papershelf-id="2506.13000"]').count()).toBe(2); // new and replaced
  });

  it('save on the listing → both entries of that paper agree, it is stored with source "arxiv", and it shows saved on its HF page', async () => {
    await page.locator('dt[data-papershelf-id="2506.13000"] button[data-papershelf-save]').first().click();
    await expect.poll(() => page.locator('dt[data-papershelf-id="2506.13000"] button[data-papershelf-save][aria-pressed="true"]').count()).toBe(2);
    await expect.poll(async () => (await storedPapers(s)).find((p) => p.id === '2506.13000')).toMatchObject({ source: 'arxiv', title: expect.stringMatching(/^Spec2RTL-Agent/), primaryClass: 'cs.CL' });
    const hf = await s.open(URLS.paper);
    await expect.poll(() => saveButton(hf, '2506.13000').getAttribute('aria-pressed')).toBe('true');
    await hf.close();
  });

  it('save on huggingface.co → saved on the arXiv listing (live in the open tab, and on a fresh load)', async () => {
    const hf = await s.open(URLS.trending);
    await waitForCards(hf, 30);
    await saveButton(hf, '2506.13037').click();
    await expect.poll(() => saveButton(hf, '2506.13037').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.locator('dt[data-papershelf-id="2506.13037"] button[data-papershelf-save]').getAttribute('aria-pressed')).toBe('true');
    const fresh = await s.open(NEW);
    await waitForCards(fresh, 16);
    expect(await fresh.locator('dt[data-papershelf-id="2506.13037"] button[data-papershelf-save]').getAttribute('aria-pressed')).toBe('true');
    expect((await storedPapers(s)).find((p) => p.id === '2506.13037')?.source).toBe('hf');
    await fresh.close();
    await hf.close();
  });

  it('topic marks on dt and dd, dim and hide, the hidden bar, and the badge', async () => {
    await saveTopics(s, { name: 'Benchmarks', color: '#0ea5e9', include: ['benchmark'] }, { name: 'RTL', color: '#dc2626', include: ['RTL'] });
    const topicsOf = () =>
      page.locator('dt[data-papershelf-id]').evaluateAll((els) =>
        els.filter((e) => e.hasAttribute('data-papershelf-topics')).map((e) => `${e.getAttribute('data-papershelf-id')}=${e.getAttribute('data-papershelf-topics')}`),
      );
    await expect.poll(topicsOf).toEqual(['2506.13000=RTL', '2506.13185=Benchmarks', '2506.13259=Benchmarks', '2506.13296=Benchmarks', '2506.13518=Benchmarks', '2506.13000=RTL']);
    expect(await page.locator('dd[data-papershelf-topics]').count()).toBe(6);
    // Matched words are highlighted in the entry's title and abstract (in its <dd>), near the viewport.
    const painted = () => page.evaluate(() => [...((CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('papershelf-match') ?? [])].map((r) => r.toString()));
    await expect.poll(async () => new Set(await painted())).toEqual(new Set(['RTL']));
    // The badge counts matching papers (5 ids; 2506.13000 is listed twice).
    const tabId = await tabIdOf(NEW);
    await expect.poll(() => s.worker.evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId)).toBe('5');
    // The popup lists them.
    const popup = await s.extensionPage(`popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.getByText('15 papers on this page, 5 matching your topics.').count()).toBe(1);

    const ext = await s.extensionPage('library.html');
    await sendFrom(ext, 'setMode', { mode: 'dim' });
    await expect.poll(() => page.locator('dt[data-papershelf-dimmed]').count()).toBe(10);
    expect(await page.locator('dd[data-papershelf-dimmed]').count()).toBe(10);
    expect(await page.locator('[data-papershelf-topics][data-papershelf-dimmed]').count()).toBe(0);
    await sendFrom(ext, 'setMode', { mode: 'hide' });
    await expect.poll(() => page.locator('dt[data-papershelf-hidden]').count()).toBe(10);
    expect(await page.locator('dd[data-papershelf-hidden]').count()).toBe(10);
    expect(await page.locator('dd[data-papershelf-hidden]').first().isVisible()).toBe(false);
    await expect.poll(() => page.locator('[data-papershelf-bar]').getByText('10 papers hidden by Papershelf topics').count()).toBe(1);
    await sendFrom(ext, 'setMode', { mode: 'highlight' });
    await expect.poll(() => page.locator('[data-papershelf-hidden], [data-papershelf-dimmed]').count()).toBe(0);
    await ext.close();
    await popup.close();
  });
});

describe('other arXiv and alphaXiv pages', () => {
  it.each([
    ['https://arxiv.org/list/cs.CL/recent', 12],
    ['https://arxiv.org/list/cs.CL/pastweek', 6],
    ['https://arxiv.org/search/?query=code+generation&searchtype=all', 10],
  ])('%s: %i toggles', async (url, n) => {
    const page = await s.open(url);
    await waitForCards(page, n);
    expect(await saveButtons(page).count()).toBe(n);
    await page.close();
  });

  it('abstract page: the toggle after the title; saving stores the citation_* metadata, kept when the paper is not on HF (404)', async () => {
    s.apiStatus = 404;
    const page = await s.open('https://arxiv.org/abs/2506.13000v2');
    await waitForCards(page, 1);
    expect(await page.locator('h1 [data-papershelf-toggle]').count()).toBe(1);
    expect(await page.locator('h1 button[data-papershelf-save]').getAttribute('aria-pressed')).toBe('true'); // saved on the listing above
    await page.locator('h1 button[data-papershelf-save]').click();
    await expect.poll(async () => (await storedPapers(s)).some((p) => p.id === '2506.13000')).toBe(false);
    await page.locator('h1 button[data-papershelf-save]').click();
    await expect.poll(async () => (await storedPapers(s)).find((p) => p.id === '2506.13000')).toMatchObject({
      source: 'arxiv',
      primaryClass: 'cs.AR',
      publishedAt: '2025-06-01T00:00:00.000Z',
      authors: ['Sofia Rossi', 'Jun Bianchi', 'Ivan Garcia', 'Lena Cohen', 'Ana Bianchi', 'Sara Patel'],
      notOnHfAt: expect.any(String),
    });
    const stored = (await storedPapers(s)).find((p) => p.id === '2506.13000')!;
    expect(stored.enrichAttempts).toBeUndefined();
    s.apiStatus = undefined;
    await page.close();
  });

  it('alphaXiv: the toggle by the title (abs with version, overview), a fixed control without a title', async () => {
    const abs = await s.open('https://www.alphaxiv.org/abs/2506.13037v1');
    await waitForCards(abs, 1);
    expect(await abs.locator('h1 button[data-papershelf-save]').getAttribute('aria-pressed')).toBe('true'); // saved on HF above
    await abs.close();
    const overview = await s.open('https://www.alphaxiv.org/overview/2506.13074');
    await waitForCards(overview, 1);
    await overview.locator('h1 button[data-papershelf-save]').click();
    await expect.poll(async () => (await storedPapers(s)).find((p) => p.id === '2506.13074')?.source).toBe('alphaxiv');
    await overview.close();
    const bare = await s.open('https://alphaxiv.org/abs/2506.13111');
    await waitForCards(bare, 1);
    const host = bare.locator('body > [data-papershelf-toggle]');
    expect(await host.evaluate((h) => getComputedStyle(h).position)).toBe('fixed');
    await bare.close();
  });

  it('alphaXiv: a title that renders after the fixed control takes its place (one toggle), also when the app re-renders its <main>', async () => {
    const TITLE = 'Competition-Level Code Generation with AlphaCode';
    // The page without a title heading, its content in a <main> (the app's root).
    const url = 'https://www.alphaxiv.org/abs/2506.13111v1';
    extra.set(url, readFileSync(join(ARXIV, PAGES['https://alphaxiv.org/abs/2506.13111']!), 'utf8').replace('<body class="antialiased">', '$&<main>').replace('</body>', '</main></body>'));
    const page = await s.open(url);
    await waitForCards(page, 1);
    const toggles = page.locator('[data-papershelf-toggle]');
    expect(await page.locator('body > [data-papershelf-toggle]').evaluate((h) => getComputedStyle(h).position)).toBe('fixed');

    // The app renders its <main> again, still without a title: the old control goes, a new one comes.
    await page.evaluate(() => {
      (window as unknown as { old: Element }).old = document.querySelector('[data-papershelf-toggle]')!;
      const main = document.querySelector('main')!;
      const again = document.createElement('main');
      again.append(...[...main.childNodes].map((n) => n.cloneNode(true)));
      main.replaceWith(again);
    });
    await page.waitForFunction(() => !(window as unknown as { old: Element }).old.isConnected && document.querySelectorAll('body > [data-papershelf-toggle]').length === 1);
    expect(await toggles.count()).toBe(1);

    // Then the title heading renders: the toggle by it replaces the fixed control.
    await page.evaluate((title) => {
      const div = [...document.querySelectorAll('main div')].find((d) => d.textContent === title)!;
      const h1 = document.createElement('h1');
      h1.textContent = title;
      div.replaceWith(h1);
    }, TITLE);
    await page.locator('h1 [data-papershelf-toggle]').waitFor();
    await page.waitForTimeout(500); // any second toggle would be placed by now
    expect(await toggles.count()).toBe(1);
    expect(await page.locator('body > [data-papershelf-toggle]').count()).toBe(0);
    await page.locator('h1 button[data-papershelf-save]').click();
    await expect.poll(async () => (await storedPapers(s)).find((p) => p.id === '2506.13111')).toMatchObject({ source: 'alphaxiv', title: TITLE });
    expect(await page.locator('h1 button[data-papershelf-save]').getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('a listing with entries but no card detected: the popup says "No papers detected on this page"', async () => {
    const url = 'https://arxiv.org/list/cs.CL/2030-01';
    extra.set(url, readFileSync(join(ARXIV, 'list-cs.CL-recent.html'), 'utf8').replaceAll('title="Abstract"', 'title="Resumen"'));
    const page = await s.open(url);
    await page.waitForTimeout(500);
    expect(await saveButtons(page).count()).toBe(0);
    const popup = await s.extensionPage(`popup.html?tabId=${await tabIdOf(url)}`);
    await expect.poll(() => popup.getByRole('status').filter({ hasText: 'No papers detected on this page' }).count()).toBe(1);
    await popup.close();
    await page.close();
  });
});
