// @vitest-environment jsdom
/**
 * The content script when its extension goes away or a newer copy arrives (update, re-injection,
 * second injection), and when a reply is lost or overtaken (worker stopped, another tab). Chromium cannot reload a command-line extension in e2e with runtime.reload(),
 * so the paths are exercised here on a real fixture page, with the real background handlers behind
 * WXT's fake browser: WXT's ContentScriptContext is the real one.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import contentScript from '../../../entrypoints/papers.content/index';
import { PageRun } from '../../../entrypoints/papers.content/watcher';
import { huggingFace } from '../../../entrypoints/papers.content/site-adapter';
import { createHandlers } from '../../../entrypoints/background/handlers';
import * as db from '../../../utils/store/db';
import { HOOK } from '../../../utils/hooks';
import { createListener, type Handlers } from '../../../utils/protocol/router';
import { addFakeListener } from '../listener';
import { publish } from '../../../utils/protocol/sync';
import { fixtureText } from '../detection/load';

// Chromium has the Navigation API, so WXT watches the URL without polling, and so never polls
// `runtime.id` either: an orphaned copy must notice by itself. Give jsdom one before WXT loads.
vi.hoisted(() => {
  (globalThis as { navigation?: EventTarget }).navigation ??= new EventTarget();
});

const PAGE_URL = 'https://huggingface.co/papers/date/2025-06-26';
const CARDS = 20;
const RELOAD = 'Papershelf was updated or reloaded: reload this page.';

let name: string;
let n = 0;
let open: db.DB | undefined;
let handlers: Handlers;
const pageErrors: unknown[] = [];
const onError = (e: ErrorEvent) => pageErrors.push(e.error ?? e.message);
const onRejection = (e: PromiseRejectionEvent) => pageErrors.push(e.reason);
const contexts: ContentScriptContext[] = [];
const EXTENSION_ID = fakeBrowser.runtime.id;

/** The fixture page as the document (scripts removed: the site's own code is not under test). */
function loadFixturePage() {
  (window as unknown as { jsdom: { reconfigure(o: { url: string }): void } }).jsdom.reconfigure({ url: PAGE_URL });
  const parsed = new DOMParser().parseFromString(fixtureText('pages/daily-2025-06-26.html'), 'text/html');
  for (const s of parsed.querySelectorAll('script')) s.remove();
  document.documentElement.replaceWith(document.importNode(parsed.documentElement, true));
}

function startCopy(): ContentScriptContext {
  const ctx = new ContentScriptContext('papers', {});
  contexts.push(ctx);
  void contentScript.main(ctx);
  return ctx;
}

const toggles = () => [...document.querySelectorAll<HTMLElement>(`[${HOOK.toggleHost}]`)];
const button = (host: Element) => host.shadowRoot!.querySelector<HTMLButtonElement>('button[data-papershelf-save]')!;
const errText = (host: Element) => host.shadowRoot!.querySelector('.err')!.textContent;
const cardRoots = () => [...document.querySelectorAll(`[${HOOK.id}]`)];
/** vi.waitFor with room for a loaded machine (its default is one second). */
const until = <T>(fn: () => T | Promise<T>) => vi.waitFor(fn, { timeout: 15_000, interval: 20 });
const frames = (k = 3) => new Promise<void>((r) => { let i = 0; const f = () => (++i >= k ? r() : requestAnimationFrame(f)); requestAnimationFrame(f); });

/** Every card has exactly one toggle, for its own id. */
function oneTogglePerCard() {
  const roots = cardRoots();
  expect(roots).toHaveLength(CARDS);
  for (const r of roots) {
    const own = r.querySelectorAll(`[${HOOK.toggleHost}]`);
    expect(own).toHaveLength(1);
    expect(own[0]!.getAttribute(HOOK.toggleHost)).toBe(r.getAttribute(HOOK.id));
  }
  expect(toggles()).toHaveLength(CARDS);
}

beforeEach(() => {
  name = `invalidation-${++n}`;
  handlers = createHandlers(async () => (open ??= await db.openPapershelfDb(name)), () => new Date('2026-11-25T10:00:00.000Z'), () => undefined);
  // The background, reached through the fake runtime; every sender here is a content script of tab 1.
  addFakeListener(createListener(handlers, () => 'content'));
  loadFixturePage();
  pageErrors.length = 0;
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
});

afterEach(async () => {
  for (const c of contexts.splice(0)) c.abort();
  fakeBrowser.runtime.id = EXTENSION_ID; // fakeBrowser.reset() does not restore it
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  vi.restoreAllMocks();
  open?.close();
  open = undefined;
  await deleteDB(name);
});

describe('content script invalidation', { timeout: 60_000 }, () => {
  it('invalidated (WXT ctx): toggles, marks and page style removed, observer disconnected, nothing thrown', async () => {
    await handlers.saveTopic({ topic: { name: 'Code', color: '#ff0000', include: ['code'], exclude: [], enabled: true } }, { kind: 'extension' });
    const ctx = startCopy();
    await until(() => oneTogglePerCard());
    await until(() => expect(document.querySelectorAll(`[${HOOK.topics}]`).length).toBeGreaterThan(0));
    expect(document.getElementById('papershelf-page-style')).not.toBeNull();
    const errors = vi.spyOn(console, 'error');

    ctx.notifyInvalidated();
    expect(toggles()).toEqual([]);
    expect(cardRoots()).toEqual([]);
    expect(document.querySelectorAll(`[${HOOK.topics}], [${HOOK.dimmed}], [${HOOK.hidden}], [data-papershelf-color]`)).toHaveLength(0);
    expect(document.getElementById('papershelf-page-style')).toBeNull();

    // The observer is gone: a card added now gets no toggle.
    const article = document.querySelector('article')!;
    article.parentElement!.append(article.cloneNode(true));
    await frames(5);
    expect(toggles()).toEqual([]);
    expect(errors).not.toHaveBeenCalled();
    expect(pageErrors).toEqual([]);
  });

  it('the extension gone without notice (updated, nothing re-injected): a click says "reload", nothing thrown, state unchanged', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    const [first] = toggles();
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation(() => {
      throw new Error('Extension context invalidated.');
    });
    button(first!).click();
    await until(() => expect(errText(first!)).toBe(RELOAD));
    expect(button(first!).getAttribute('aria-pressed')).toBe('false');
    expect(button(first!).getAttribute('aria-busy')).toBe('false');
    expect(pageErrors).toEqual([]);
  });

  it('an orphaned copy notices at the next page change and removes itself', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    fakeBrowser.runtime.id = undefined as unknown as string; // what Chrome shows an orphaned content script
    document.body.append(document.createElement('div'));
    await until(() => expect(toggles()).toEqual([]));
    expect(cardRoots()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('a second copy takes over: one toggle per card, the saved state shown, saves work', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    const [a, b] = toggles();
    const idA = a!.getAttribute(HOOK.toggleHost)!;
    const idB = b!.getAttribute(HOOK.toggleHost)!;
    button(a!).click();
    await until(() => expect(button(a!).getAttribute('aria-pressed')).toBe('true'));

    startCopy(); // WXT's context tells the first copy to stop
    await until(() => oneTogglePerCard());
    await until(() => expect(button(toggles()[0]!).getAttribute('aria-pressed')).toBe('true'));
    expect(toggles()[0]!.getAttribute(HOOK.toggleHost)).toBe(idA);
    button(toggles()[1]!).click();
    await until(() => expect(button(toggles()[1]!).getAttribute('aria-pressed')).toBe('true'));
    expect(await db.savedAmong(open!, [idA, idB])).toEqual([idA, idB]);
    await frames(5);
    oneTogglePerCard();
    expect(pageErrors).toEqual([]);
  });

  it('an old copy that stops after a new one took over leaves the new one\'s toggles, marks and style alone', async () => {
    await handlers.saveTopic({ topic: { name: 'Code', color: '#ff0000', include: ['code'], exclude: [], enabled: true } }, { kind: 'extension' });
    // Two copies that do not hear each other (old copy orphaned in another world): PageRun directly.
    let oldAlive = true;
    const oldCtl = new AbortController();
    const old = new PageRun(document, PAGE_URL, oldCtl.signal, () => oldAlive, huggingFace);
    await old.start();
    await until(() => oneTogglePerCard());
    const marked = () => document.querySelectorAll(`[${HOOK.topics}]`).length;
    await until(() => expect(marked()).toBeGreaterThan(0));
    const marks = marked();

    oldAlive = false; // the extension was updated: the old copy is cut off
    const fresh = new PageRun(document, PAGE_URL, new AbortController().signal, () => true, huggingFace);
    await fresh.start();
    await until(() => oneTogglePerCard());
    await frames(5); // the old copy's observer saw the new toggles and stopped
    oldCtl.abort(); // stopping again is harmless
    oneTogglePerCard();
    expect(marked()).toBe(marks);
    expect(document.getElementById('papershelf-page-style')).not.toBeNull();
    fresh.stop();
    expect(toggles()).toEqual([]);
    expect(document.getElementById('papershelf-page-style')).toBeNull();
  });
});

describe('the toggle shows what the library holds', { timeout: 60_000 }, () => {
  const send = fakeBrowser.runtime.sendMessage.bind(fakeBrowser.runtime);
  /** Intercept the content script's `type` messages: `act` runs instead of the normal handling. */
  function intercept(type: string, act: (msg: unknown) => Promise<unknown>) {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (msg: { type?: string }) =>
      msg?.type === type ? act(msg) : send(msg)) as never);
  }
  const lost = () => {
    throw new Error('A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received');
  };

  it('the worker stopped after writing (reply lost): the toggle shows saved, no error', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    const [first] = toggles();
    intercept('save', async (msg) => {
      await handlers.save((msg as { payload: never }).payload, { kind: 'content', tabId: 1 });
      return lost();
    });
    button(first!).click();
    await until(() => expect(button(first!).getAttribute('aria-busy')).toBe('false'));
    expect(button(first!).getAttribute('aria-pressed')).toBe('true');
    expect(errText(first!)).toBe('');
    expect(await db.savedAmong(open!, [first!.getAttribute(HOOK.toggleHost)!])).toHaveLength(1);
  });

  it('the worker stopped before writing: the toggle stays unsaved and says so', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    const [first] = toggles();
    intercept('save', async () => lost());
    button(first!).click();
    await until(() => expect(errText(first!)).toBe('Papershelf was interrupted before it answered. Try again.'));
    expect(button(first!).getAttribute('aria-pressed')).toBe('false');
    vi.restoreAllMocks();
    button(first!).click(); // the retry works
    await until(() => expect(button(first!).getAttribute('aria-pressed')).toBe('true'));
    expect(errText(first!)).toBe('');
  });

  it('a reply overtaken by another tab\'s change: the newer state wins', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    const [first] = toggles();
    const id = first!.getAttribute(HOOK.toggleHost)!;
    intercept('save', async (msg) => {
      const paper = await handlers.save((msg as { payload: never }).payload, { kind: 'content', tabId: 1 });
      await handlers.unsave({ id }, { kind: 'content', tabId: 2 }); // another tab, before our reply arrives
      return { ok: true, data: paper };
    });
    button(first!).click();
    await until(() => expect(button(first!).getAttribute('aria-busy')).toBe('false'));
    expect(await db.savedAmong(open!, [id])).toEqual([]);
    expect(button(first!).getAttribute('aria-pressed')).toBe('false');
  });

  it('a re-check (import elsewhere) answered after a save: the save stays', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    const [first] = toggles();
    const id = first!.getAttribute(HOOK.toggleHost)!;
    // The re-check reads the library before the save, and its reply arrives after the save's.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let asked = 0;
    intercept('lookup', async (msg) => {
      asked++;
      const reply = await send(msg);
      await held;
      return reply;
    });
    await publish({ library: true });
    await until(() => expect(asked).toBe(1));
    button(first!).click();
    await until(() => expect(button(first!).getAttribute('aria-pressed')).toBe('true'));
    release();
    await until(async () => expect(await db.savedAmong(open!, [id])).toEqual([id]));
    await new Promise((r) => setTimeout(r, 50)); // the stale reply has been handled
    expect(button(first!).getAttribute('aria-pressed')).toBe('true');
    expect(errText(first!)).toBe('');
  });

  it('a card added while another tab saves it: the save event wins over the older lookup', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    const [first] = toggles();
    const card = first!.closest(`[${HOOK.id}]`)!;
    const id = '2611.00001';
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let asked = false;
    intercept('lookup', async (msg) => {
      const reply = await send(msg); // read before the other tab's save
      asked = true;
      await held;
      return reply;
    });
    // A card the site appends later, for a paper no one has saved yet.
    const copy = card.cloneNode(true) as Element;
    copy.removeAttribute(HOOK.id);
    for (const t of copy.querySelectorAll(`[${HOOK.toggleHost}]`)) t.remove();
    for (const a of copy.querySelectorAll('a[href*="/papers/"]')) a.setAttribute('href', `/papers/${id}`);
    card.parentElement!.append(copy);
    await until(() => expect(asked).toBe(true));
    await handlers.save({ card: { id, title: 'Saved in another tab' } }, { kind: 'content', tabId: 2 });
    release();
    const added = () => document.querySelector(`[${HOOK.id}="${id}"] [${HOOK.toggleHost}]`);
    await until(() => expect(added()).not.toBeNull());
    await new Promise((r) => setTimeout(r, 50));
    expect(button(added()!).getAttribute('aria-pressed')).toBe('true');
  });

  it('events about papers not on the page are not kept: a re-check asks about this page\'s cards only', async () => {
    startCopy();
    await until(() => oneTogglePerCard());
    const onPage = new Set(cardRoots().map((r) => r.getAttribute(HOOK.id)!));
    await publish({ saved: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`2601.${String(i).padStart(5, '0')}`, false])) });
    const asked: string[][] = [];
    intercept('lookup', async (msg) => {
      asked.push((msg as { payload: { ids: string[] } }).payload.ids);
      return send(msg);
    });
    await publish({ library: true });
    await until(() => expect(asked).toHaveLength(1));
    expect(new Set(asked[0])).toEqual(onPage);
  });
});
