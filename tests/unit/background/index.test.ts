/**
 * The background's wiring (entrypoints/background/index.ts) against WXT's fake browser, as
 * wxt-dev/examples tests its background: run `main()`, then fire the browser's events (a message,
 * install, the enrichment alarm, a pushed change, a menu click, the keyboard command) and check
 * what the worker did. The fake browser has no contextMenus, commands or scripting: small fakes
 * stand in for them and record their calls.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '../../../entrypoints/background/index';
import { ENRICH_ALARM } from '../../../entrypoints/background/enrich';
import { CONTENT_SCRIPT_FILE } from '../../../entrypoints/background/reinject';
import { LATER_MS } from '../../../entrypoints/background/later';
import * as db from '../../../utils/store/db';
import { paperFromCard } from '../../../utils/store/paper-record';
import { publish } from '../../../utils/protocol/sync';
import type { Topic } from '../../../utils/types';
import { SITE_DIR } from '../../fixtures/site';
import { CARDS, card, paperOf, SUBJECTS } from '../recommend/corpus';

const ID = '2506.13000';
const API = readFileSync(join(SITE_DIR, 'api/papers/2506.13000.json'), 'utf8');

/** An event like the fake browser's: listeners, and `trigger` to fire it. */
function event<A extends unknown[]>() {
  const listeners: Array<(...args: A) => unknown> = [];
  return {
    addListener: (l: (...args: A) => unknown) => void listeners.push(l),
    removeListener: (l: (...args: A) => unknown) => void listeners.splice(listeners.indexOf(l), 1),
    hasListeners: () => listeners.length > 0,
    trigger: (...args: A) => Promise.all(listeners.map((l) => l(...args))),
  };
}

type Menu = { id: string; parentId?: string; title: string };
let menus: Menu[];
let menuClicked: ReturnType<typeof event<[{ menuItemId: string; linkUrl?: string; selectionText?: string }]>>;
let command: ReturnType<typeof event<[string]>>;
let executeScript: ReturnType<typeof vi.fn>;
let tabMessages: Array<[number, unknown]>;
let opened: db.DB[];

beforeEach(() => {
  menus = [];
  menuClicked = event();
  command = event();
  executeScript = vi.fn(async () => []);
  tabMessages = [];
  opened = [];
  const browser = fakeBrowser as unknown as Record<string, unknown>;
  browser.contextMenus = {
    removeAll: async () => void (menus = []),
    create: (m: Menu) => void menus.push({ id: m.id, parentId: m.parentId, title: m.title }),
    onClicked: menuClicked,
  };
  browser.commands = { onCommand: command };
  // No optional hosts granted (below): the arXiv script is neither registered nor asked to be.
  browser.scripting = { executeScript, getRegisteredContentScripts: async () => [], registerContentScripts: vi.fn(), unregisterContentScripts: vi.fn() };
  // Optional permissions (notifications, arXiv hosts): none granted; the fake browser implements none of these.
  browser.permissions = {
    onAdded: event(),
    onRemoved: event(),
    contains: async () => false,
    getAll: async () => ({ permissions: [], origins: [] }),
  };
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation((async (tabId: number, msg: unknown) => void tabMessages.push([tabId, msg])) as never);
  vi.stubGlobal('fetch', vi.fn(async () => new Response(API, { status: 200 })));
  background.main();
});
afterEach(async () => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  for (const d of opened) d.close();
  await deleteDB('papershelf'); // the worker's own connection closes itself on versionchange
});

/** The database as the worker sees it (its default name), through a connection of the test's own. */
async function store(): Promise<db.DB> {
  const d = await db.openPapershelfDb();
  opened.push(d);
  return d;
}

const fromLibraryPage = { id: fakeBrowser.runtime.id, url: fakeBrowser.runtime.getURL('/library.html') };
/** The background's listener answers by returning a promise (the `browser.*` contract): take the first answer. */
async function ask(msg: unknown, sender: object = fromLibraryPage): Promise<unknown> {
  const answers: unknown[] = await fakeBrowser.runtime.onMessage.trigger(msg, sender as never, () => undefined);
  return answers.find((a) => a !== undefined);
}

const topic = (id: string, name: string, order: number): Topic => ({ id, name, color: '#1d4ed8', include: [name.toLowerCase()], exclude: [], enabled: true, order, updatedAt: '2026-01-01T00:00:00.000Z' });

describe('background wiring', () => {
  it('answers protocol messages, deciding access by the sender', async () => {
    expect(await ask({ papershelf: 1, type: 'count', payload: null })).toEqual({ ok: true, data: 0 });
    const page = { id: fakeBrowser.runtime.id, url: 'https://huggingface.co/papers', tab: { id: 3 } };
    expect(await ask({ papershelf: 1, type: 'count', payload: null }, page)).toEqual({ ok: false, error: 'Papershelf refused "count": not allowed from this page.' });
    expect(await ask({ papershelf: 1, type: 'lookup', payload: { ids: [] } }, page)).toMatchObject({ ok: true, data: { saved: [] } });
  });

  it('on install: builds the menus from the stored topics and injects the content script into open papers tabs', async () => {
    const d = await store();
    await db.putTopic(d, topic('t1', 'Agents', 0));
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 42, url: 'https://huggingface.co/papers', discarded: false }] as never);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' } as never);
    // Menus and re-injection run LATER_MS after the event that started the worker.
    await vi.waitFor(() => expect(menus.map((m) => m.title)).toEqual(['Save paper to Papershelf', 'Add “%s” to Papershelf topic', 'Agents', 'New topic…']), { timeout: LATER_MS + 4000 });
    await vi.waitFor(() => expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 42 }, files: [CONTENT_SCRIPT_FILE] }), { timeout: LATER_MS + 4000 });
  });

  it('on a pushed topic change: rebuilds the menus from the pushed topics (no read)', async () => {
    await publish({ topics: [topic('a', 'Diffusion', 0), topic('b', 'RLHF', 1)] });
    await vi.waitFor(() => expect(menus.filter((m) => m.parentId).map((m) => m.title)).toEqual(['Diffusion', 'RLHF', 'New topic…']));
  });

  it('on the enrichment alarm: fetches the details of papers still waiting for them', async () => {
    await db.putPaper(await store(), paperFromCard({ id: ID, title: 'Spec2RTL' }, '2026-11-25T10:00:00.000Z'));
    await fakeBrowser.alarms.onAlarm.trigger({ name: ENRICH_ALARM, scheduledTime: Date.now() } as never);
    await vi.waitFor(async () => expect((await db.getPaper(await store(), ID))?.enrichedAt).toBeTypeOf('string'), { timeout: LATER_MS + 4000 });
    expect(fetch).toHaveBeenCalledWith(`https://huggingface.co/api/papers/${ID}`, expect.objectContaining({ credentials: 'omit' }));
    expect((await db.getPaper(await store(), ID))!.authors[0]).toBe('Sofia Rossi');
  });

  it('ignores other alarms', async () => {
    await db.putPaper(await store(), paperFromCard({ id: ID, title: 'Spec2RTL' }, '2026-11-25T10:00:00.000Z'));
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'something-else', scheduledTime: Date.now() } as never);
    await new Promise((r) => setTimeout(r, LATER_MS + 300)); // longer than the enrichment alarm's delay
    expect(fetch).not.toHaveBeenCalled();
  });

  it('on a menu click: saves a linked paper; adds a selection to a topic', async () => {
    await menuClicked.trigger({ menuItemId: 'papershelf-save-link', linkUrl: `https://arxiv.org/abs/${ID}v2` });
    expect((await db.getPaper(await store(), ID))?.id).toBe(ID);
    await db.putTopic(await store(), topic('t1', 'Agents', 0));
    await menuClicked.trigger({ menuItemId: 'papershelf-topic:t1', selectionText: 'tool use' });
    expect((await db.listTopics(await store()))[0]!.include).toEqual(['agents', '"tool use"']);
  });

  it('on papers pushed from elsewhere (Hub sync, details fetched): the recommendations read them', async () => {
    const tab = { id: fakeBrowser.runtime.id, url: 'https://huggingface.co/papers', tab: { id: 3 } };
    const cards = CARDS.map((c) => ({ id: c.id, title: c.title, abstract: c.abstract, keywords: c.keywords }));
    const recommended = async () => {
      const res = (await ask({ papershelf: 1, type: 'match', payload: { cards } }, tab)) as { ok: true; data: { recommended: Array<{ id: string }> } };
      return res.data.recommended.map((r) => r.id).sort();
    };
    expect(await ask({ papershelf: 1, type: 'setRecommend', payload: { enabled: true, max: 50 } })).toEqual({ ok: true, data: null });
    expect(await recommended()).toEqual([]); // the model is loaded now: an empty library
    // Written by someone else than the handlers (as the Hub sync does), then pushed.
    const at = '2026-12-06T08:00:00.000Z';
    const papers = SUBJECTS.retrieval.saved.map((id) => {
      const p = paperOf(card(id));
      return { ...paperFromCard({ id, title: p.title, abstract: p.summary, aiKeywords: p.aiKeywords }, at), summary: p.summary, aiKeywords: p.aiKeywords };
    });
    await db.putAll(await store(), papers, []);
    await publish({ papers, saved: Object.fromEntries(papers.map((p) => [p.id, true])), fromSync: true });
    await vi.waitFor(async () => expect(await recommended()).toEqual([...SUBJECTS.retrieval.related].sort()));
  });

  it('on the keyboard command: asks the active tab to save its paper', async () => {
    const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([{ id: 7, url: `https://huggingface.co/papers/${ID}`, active: true }] as never);
    await command.trigger('save-paper');
    await command.trigger('another-command');
    expect(query).toHaveBeenCalledWith({ active: true, currentWindow: true });
    expect(tabMessages).toEqual([[7, expect.objectContaining({ type: 'saveCurrent' })]]);
  });
});
