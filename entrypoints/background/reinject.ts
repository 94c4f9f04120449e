/**
 * Chrome does not run a new version's content script in tabs that were already open when the
 * extension was installed or updated; the old copy is cut off from the extension. Inject the
 * new one into open papers tabs: it removes the old copy's toggles and marks and takes over
 * (running the content script twice is a no-op). Firefox does this itself, so it is skipped there.
 */
import { browser } from 'wxt/browser';
import { PAPERS_MATCHES } from '@/utils/detection/site';

/** The built content script (WXT names it after entrypoints/papers.content/). */
export const CONTENT_SCRIPT_FILE = '/content-scripts/papers.js';

export async function injectIntoOpenTabs(): Promise<number> {
  const tabs = await browser.tabs.query({ url: PAPERS_MATCHES });
  const targets = tabs.filter((t) => t.id !== undefined && !t.discarded);
  const results = await Promise.allSettled(
    targets.map((t) => browser.scripting.executeScript({ target: { tabId: t.id! }, files: [CONTENT_SCRIPT_FILE] })),
  );
  return results.filter((r) => r.status === 'fulfilled').length;
}

export function setupReinject(): void {
  if (import.meta.env.BROWSER === 'firefox') return;
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update') void injectIntoOpenTabs().catch(() => undefined);
  });
}
