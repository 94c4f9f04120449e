/** The background's run-time registration of the arXiv/alphaXiv content script, driven by the granted hosts. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ARXIV_SCRIPT_ID, injectArxivTabs, matchesFor, syncArxivScript } from '../../../entrypoints/background/optional-hosts';

type Script = { id: string; matches?: string[]; js?: string[]; css?: string[] };
let granted: Set<string>;
let registered: Script[];
const calls: string[] = [];

beforeEach(() => {
  granted = new Set();
  registered = [];
  calls.length = 0;
  const b = fakeBrowser as unknown as Record<string, Record<string, unknown>>;
  b.permissions!.contains = vi.fn(async ({ origins }: { origins: string[] }) => origins.every((o) => granted.has(o)));
  b.scripting = {
    getRegisteredContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => registered.filter((r) => ids.includes(r.id))),
    registerContentScripts: vi.fn(async (list: Script[]) => {
      calls.push('register');
      for (const s of list) {
        if (registered.some((r) => r.id === s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        registered.push(s);
      }
    }),
    updateContentScripts: vi.fn(async (list: Script[]) => {
      calls.push('update');
      for (const s of list) Object.assign(registered.find((r) => r.id === s.id)!, s);
    }),
    unregisterContentScripts: vi.fn(async ({ ids }: { ids: string[] }) => {
      calls.push('unregister');
      registered = registered.filter((r) => !ids.includes(r.id));
    }),
    insertCSS: vi.fn(async () => calls.push('css')),
    executeScript: vi.fn(async ({ target }: { target: { tabId: number } }) => calls.push(`inject ${target.tabId}`)),
  };
});

describe('syncArxivScript', () => {
  it('nothing granted: nothing registered', async () => {
    expect(await syncArxivScript()).toEqual([]);
    expect(registered).toEqual([]);
    expect(calls).toEqual([]);
  });

  it('granted: registers once (a second start, or two at once, changes nothing); revoked: unregisters', async () => {
    granted = new Set(['https://arxiv.org/*', 'https://www.alphaxiv.org/*', 'https://alphaxiv.org/*']);
    await Promise.all([syncArxivScript(), syncArxivScript()]);
    await syncArxivScript();
    expect(calls).toEqual(['register']);
    expect(registered).toEqual([
      {
        id: ARXIV_SCRIPT_ID,
        matches: ['https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://arxiv.org/abs/*', 'https://www.alphaxiv.org/*', 'https://alphaxiv.org/*'],
        js: ['/content-scripts/arxiv.js'],
        css: ['/content-scripts/arxiv.css'],
        runAt: 'document_end',
        persistAcrossSessions: true,
      },
    ]);
    // Access to alphaXiv removed in the browser's settings: only arXiv stays.
    granted.delete('https://www.alphaxiv.org/*');
    granted.delete('https://alphaxiv.org/*');
    await syncArxivScript();
    expect(registered[0]!.matches).toEqual(['https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://arxiv.org/abs/*']);
    granted.clear();
    await syncArxivScript();
    expect(registered).toEqual([]);
    expect(calls).toEqual(['register', 'update', 'unregister']);
  });

  it('injects the script and its CSS into the open tabs it matches', async () => {
    vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
      { id: 4, discarded: false },
      { id: 5, discarded: true },
      { id: 6, discarded: false },
    ] as never);
    expect(await injectArxivTabs(matchesFor(['https://arxiv.org/*']))).toBe(2);
    expect(fakeBrowser.tabs.query).toHaveBeenCalledWith({ url: ['https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://arxiv.org/abs/*'] });
    expect(calls).toEqual(['css', 'css', 'inject 4', 'inject 6']);
    expect(await injectArxivTabs([])).toBe(0);
  });
});
