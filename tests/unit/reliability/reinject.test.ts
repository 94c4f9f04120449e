/**
 * After an install or update, Chrome leaves open papers tabs with no (or a cut-off) content script:
 * the worker injects the new one into each. (The e2e test does a real update in Chromium.)
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { CONTENT_SCRIPT_FILE, injectIntoOpenTabs, setupReinject } from '../../../entrypoints/background/reinject';
import { PAPERS_MATCHES } from '../../../utils/detection/site';

function stubTabs() {
  const query = vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue([
    { id: 1, url: 'https://huggingface.co/papers' },
    { id: 2, url: 'https://huggingface.co/papers/2506.13000', discarded: true },
    { id: 3, url: 'https://huggingface.co/papers/trending' },
    { url: 'https://huggingface.co/papers/date/2025-06-26' },
  ] as never);
  const inject = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async ({ target }: { target: { tabId: number } }) => {
    if (target.tabId === 3) throw new Error('Cannot access contents of the page'); // e.g. an error page
    return [];
  }) as never);
  return { query, inject };
}

describe('re-injecting the content script', () => {
  it('injects the built file into every open, loaded papers tab; a tab that refuses does not stop the others', async () => {
    const { query, inject } = stubTabs();
    expect(await injectIntoOpenTabs()).toBe(1);
    expect(query).toHaveBeenCalledWith({ url: PAPERS_MATCHES });
    expect(inject.mock.calls.map(([o]) => o)).toEqual([
      { target: { tabId: 1 }, files: [CONTENT_SCRIPT_FILE] },
      { target: { tabId: 3 }, files: [CONTENT_SCRIPT_FILE] },
    ]);
  });

  it.each([
    ['install', 1],
    ['update', 1],
    ['chrome_update', 0],
    ['shared_module_update', 0],
  ] as const)('on onInstalled "%s": %i injection round(s)', async (reason, rounds) => {
    const { query } = stubTabs();
    setupReinject();
    await fakeBrowser.runtime.onInstalled.trigger({ reason } as never);
    await vi.waitFor(() => expect(query).toHaveBeenCalledTimes(rounds));
  });
});
