// @vitest-environment jsdom
/**
 * The page run with the arXiv/alphaXiv adapter on an alphaXiv page whose title heading renders
 * late (a client-rendered app): the small fixed control placed while there is no title gives way to
 * the toggle by the title once it appears. One toggle per paper, whatever the order. The background
 * is the real one behind WXT's fake browser.
 */
import { describe, expect, it, vi } from 'vitest';
import { arxivSite } from '../../../entrypoints/arxiv.content/adapter';
import { PageRun } from '../../../entrypoints/papers.content/watcher';
import * as db from '../../../utils/store/db';
import { HOOK } from '../../../utils/hooks';
import { pageRunWorker } from '../page-run-worker';
import { loadArxivPage } from '../detection/arxiv-load';

const URL = 'https://www.alphaxiv.org/abs/2506.13111';
const ID = '2506.13111';
const TITLE = 'Competition-Level Code Generation with AlphaCode';

const hosts = () => [...document.querySelectorAll(`[${HOOK.toggleHost}]`)] as HTMLElement[];
const pressed = (host: Element) => host.shadowRoot?.querySelector<HTMLButtonElement>('button[data-papershelf-save]')?.getAttribute('aria-pressed');
const marked = () => [...document.querySelectorAll(`[${HOOK.id}]`)].map((el) => el.localName);
const until = <T>(fn: () => T) => vi.waitFor(fn, { timeout: 10_000, interval: 20 });
/** Let the card stream handle what the page did (a frame, then its batch). */
const settle = () => new Promise((r) => setTimeout(r, 150));

/** The fixture's content (no title heading: its title is a styled <div>), in a <main> if `inMain`. */
function noTitleBody(inMain: boolean): HTMLElement {
  const body = document.importNode(loadArxivPage('alphaxiv-abs-notitle-2506.13111.html').body, true);
  if (!inMain) return body;
  const main = document.createElement('main');
  main.append(...body.childNodes);
  return main;
}

function loadNoTitle(inMain: boolean): void {
  document.title = loadArxivPage('alphaxiv-abs-notitle-2506.13111.html').title;
  const content = noTitleBody(inMain);
  if (inMain) document.body.replaceChildren(content);
  else document.body.replaceWith(content);
}

/** The styled title <div> becomes an <h1> (what the app renders once hydrated). */
function renderTitle(): HTMLElement {
  const div = [...document.querySelectorAll('div')].find((d) => d.textContent === TITLE)!;
  const h1 = document.createElement('h1');
  h1.textContent = TITLE;
  div.replaceWith(h1);
  return h1;
}

const w = pageRunWorker('arxiv-page-run');

async function start(): Promise<HTMLElement> {
  const run = (w.run = new PageRun(document, URL, new AbortController().signal, () => true, arxivSite));
  await run.start();
  await until(() => expect(hosts()).toHaveLength(1));
  const fixed = hosts()[0]!;
  expect(fixed.parentElement).toBe(document.body);
  expect(fixed.style.position).toBe('fixed');
  return fixed;
}

describe('alphaXiv: a title that renders after the fixed control', { timeout: 30_000 }, () => {
  it('the fixed control moves by the title (same container): one toggle, its saved state kept', async () => {
    await w.handlers.save({ card: { id: ID, title: TITLE } }, { kind: 'content', tabId: 2 });
    loadNoTitle(false);
    const fixed = await start();
    await until(() => expect(pressed(fixed)).toBe('true'));

    const h1 = renderTitle();
    await until(() => expect(h1.querySelector(`[${HOOK.toggleHost}]`)).not.toBeNull());
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]!.parentElement).toBe(h1);
    expect(fixed.isConnected).toBe(false);
    await until(() => expect(pressed(hosts()[0]!)).toBe('true'));
    // The card is now the title's block; the page (body) is no longer marked.
    expect(marked()).toEqual(['div']);
    expect(h1.parentElement!.getAttribute(HOOK.id)).toBe(ID);
    expect(w.run!.status().cards).toBe(1);

    // A click on the toggle by the title unsaves the paper.
    hosts()[0]!.shadowRoot!.querySelector<HTMLButtonElement>('button[data-papershelf-save]')!.click();
    await until(() => expect(pressed(hosts()[0]!)).toBe('false'));
    expect(await db.savedAmong(w.db(), [ID])).toEqual([]);
  });

  it('the title lands directly in <main>, the fixed control’s own root: one toggle, by the title', async () => {
    loadNoTitle(true);
    const main = document.querySelector('main')!;
    const wrapper = main.firstElementChild!;
    await start();
    expect(marked()).toEqual(['main']);

    // The app replaces its content: the title heading is now a child of <main> itself.
    const h1 = document.createElement('h1');
    h1.textContent = TITLE;
    main.replaceChildren(h1, wrapper);
    await until(() => expect(h1.querySelector(`[${HOOK.toggleHost}]`)).not.toBeNull());
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(marked()).toEqual(['main']);
    expect(w.run!.status().cards).toBe(1);
  });

  it('the app re-renders its <main> (still no title, then with it): never two toggles', async () => {
    loadNoTitle(true);
    const fixed = await start();

    // A new <main> without a title: the old control went with the old page, one fixed control again.
    const again = noTitleBody(true);
    document.querySelector('main')!.replaceWith(again);
    await settle();
    await until(() => expect(hosts()).toHaveLength(1));
    expect(fixed.isConnected).toBe(false);
    expect(hosts()[0]!.style.position).toBe('fixed');

    // A new <main> with the title: the toggle by it, the fixed control gone.
    again.replaceWith(noTitleBody(true));
    const h1 = renderTitle();
    await until(() => expect(h1.querySelector(`[${HOOK.toggleHost}]`)).not.toBeNull());
    await settle();
    expect(hosts()).toHaveLength(1);
    expect(w.run!.status().cards).toBe(1);
  });
});
