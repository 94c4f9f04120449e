/**
 * npm run screenshots: the README image of a marked arXiv listing (tests/fixtures/arxiv, /new),
 * with the PAPERSHELF_GRANT_OPTIONAL build (arXiv granted at install, as after the user's click).
 * The fixture page is given a few rules of arXiv's look (serif text, the red header), since arXiv's
 * stylesheet is not part of the fixtures.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launch, OUT_DIR, ROOT, waitForCards, type Session } from '../e2e/harness';

const OUT = join(ROOT, 'docs/screenshots');
const GRANT_OUT = `${OUT_DIR}-grant`;
const NEW = 'https://arxiv.org/list/cs.CL/new';
const LOOK = `
  body { font: 16px/1.35 "Lucida Grande", Helvetica, Arial, sans-serif; margin: 0; color: #000; }
  header { background: #b31b1b; color: #fff; padding: 10px 20px; }
  header a { color: #fff; } header img { display: none; } .search-block { display: none; }
  #dlpage { padding: 0 24px; } #dlpage h1 { font-size: 1.6em; } #dlpage h3 { font-size: 1.1em; margin: 1em 0 .5em; }
  dl { margin: 0; } dt { margin-top: .8em; font-weight: normal; } dd { margin: .2em 0 .4em 2.5em; padding: .1em 0; }
  .list-title { font-size: 1.15em; font-weight: bold; } .descriptor { display: none; }
  .list-authors a { color: #1f5a94; } .list-subjects .primary-subject { font-weight: bold; }
  dd p { margin: .3em 0; font-size: .95em; }
  a { color: #1f5a94; text-decoration: none; }
`;

let s: Session;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production', PAPERSHELF_GRANT_OPTIONAL: '1', PAPERSHELF_OUT_DIR: GRANT_OUT } });
  s = await launch({ extension: join(GRANT_OUT, 'chrome-mv3'), viewport: { width: 1280, height: 800 } });
  await s.context.route(/^https:\/\/arxiv\.org\//, (route) =>
    route.request().url() === NEW
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(join(ROOT, 'tests/fixtures/arxiv/list-cs.CL-new.html')) })
      : route.fulfill({ status: 404, body: '' }),
  );
  for (let i = 0; i < 100 && !(await s.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts())).length; i++) await new Promise((r) => setTimeout(r, 100));
  const lib = await s.extensionPage('library.html');
  await lib.evaluate(async () => {
    const send = (type: string, payload: unknown) => chrome.runtime.sendMessage({ papershelf: 1, type, payload });
    await send('saveTopic', { topic: { name: 'Benchmarks', color: '#2563eb', include: ['benchmark*'], exclude: [], enabled: true } });
    await send('saveTopic', { topic: { name: 'Agents', color: '#0f766e', include: ['agent*', '"multi-agent"'], exclude: [], enabled: true } });
  });
  await lib.close();
}, 120_000);
afterAll(async () => {
  await s?.close();
});

declare const chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> }; runtime: { sendMessage(m: unknown): Promise<unknown> } };

it('arxiv-listing.png: an arXiv /new listing with saved entries and topic marks', async () => {
  const page = await s.open(NEW);
  await page.addStyleTag({ content: LOOK });
  await waitForCards(page, 16);
  await page.locator('dt[data-papershelf-id="2506.13000"] button[data-papershelf-save]').first().click();
  await page.waitForFunction(() => document.querySelectorAll('dt[data-papershelf-topics]').length > 0);
  await expect.poll(() => page.locator('dt[data-papershelf-id="2506.13000"] button[aria-pressed="true"]').count()).toBe(2);
  await page.evaluate(() => document.querySelector('dl')?.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(OUT, 'arxiv-listing.png') });
  await page.close();
});
