/**
 * arXiv and alphaXiv are optional hosts. Once granted (a click in the popup or library, or the
 * test build's `PAPERSHELF_GRANT_OPTIONAL`), the content script for them is registered at run time
 * (`scripting.registerContentScripts`, Chrome and Firefox MV3) and injected into tabs already open;
 * when the access is removed (`permissions.onRemoved`, or the browser's site-access controls, seen
 * at the next start) it is unregistered. `syncArxivScript` is idempotent and runs at every start.
 */
import { browser } from 'wxt/browser';
import { later } from './later';
import { ARXIV_ORIGINS } from '@/utils/detection/arxiv';

export const ARXIV_SCRIPT_ID = 'papershelf-arxiv';
/** The built runtime content script (WXT names it after entrypoints/arxiv.content/). */
export const ARXIV_SCRIPT_FILE = '/content-scripts/arxiv.js';
export const ARXIV_SCRIPT_CSS = '/content-scripts/arxiv.css';

/**
 * Where the script runs, per granted origin pattern: arXiv's listing, search and abstract pages
 * (it is not a single-page app), alphaXiv everywhere (it is one: it navigates to a paper without a load).
 */
const MATCHES: Record<string, string[]> = {
  'https://arxiv.org/*': ['https://arxiv.org/list/*', 'https://arxiv.org/search/*', 'https://arxiv.org/abs/*'],
  'https://www.alphaxiv.org/*': ['https://www.alphaxiv.org/*'],
  'https://alphaxiv.org/*': ['https://alphaxiv.org/*'],
};

/** The optional origins granted now. */
export async function grantedArxivOrigins(): Promise<string[]> {
  const out: string[] = [];
  for (const origin of ARXIV_ORIGINS) if (await browser.permissions.contains({ origins: [origin] })) out.push(origin);
  return out;
}

export const matchesFor = (origins: string[]) => origins.flatMap((o) => MATCHES[o] ?? []);

let chain: Promise<unknown> = Promise.resolve();

/**
 * Make the registration match the granted origins: register, update or unregister. Returns the
 * match patterns registered now. Calls run one after the other (registering twice is an error).
 */
export function syncArxivScript(): Promise<string[]> {
  const run = chain.then(async () => {
    const matches = matchesFor(await grantedArxivOrigins());
    const existing = (await browser.scripting.getRegisteredContentScripts({ ids: [ARXIV_SCRIPT_ID] }))[0];
    if (!matches.length) {
      if (existing) await browser.scripting.unregisterContentScripts({ ids: [ARXIV_SCRIPT_ID] });
      return [];
    }
    const script = {
      id: ARXIV_SCRIPT_ID,
      matches,
      js: [ARXIV_SCRIPT_FILE],
      css: [ARXIV_SCRIPT_CSS],
      runAt: 'document_end' as const,
      persistAcrossSessions: true,
    };
    if (!existing) await browser.scripting.registerContentScripts([script]);
    else if ([...(existing.matches ?? [])].sort().join() !== [...matches].sort().join())
      await browser.scripting.updateContentScripts([script]);
    return matches;
  });
  chain = run.catch(() => undefined);
  return run;
}

/** Inject the script into open tabs it now matches (a second run on a page is a no-op). */
export async function injectArxivTabs(matches: string[]): Promise<number> {
  if (!matches.length) return 0;
  const tabs = await browser.tabs.query({ url: matches });
  const targets = tabs.filter((t) => t.id !== undefined && !t.discarded);
  const results = await Promise.allSettled(
    targets.map(async (t) => {
      await browser.scripting.insertCSS({ target: { tabId: t.id! }, files: [ARXIV_SCRIPT_CSS] });
      await browser.scripting.executeScript({ target: { tabId: t.id! }, files: [ARXIV_SCRIPT_FILE] });
    }),
  );
  return results.filter((r) => r.status === 'fulfilled').length;
}

const touchesArxiv = (p: { origins?: string[] }) => (p.origins ?? []).some((o) => ARXIV_ORIGINS.includes(o));

export function setupOptionalHosts(): void {
  // Every start of the worker (browser start, install, update, wake-up) checks the registration, a
  // moment after the event that started it (a page's lookup is answered first).
  later(() => syncArxivScript().catch((err) => console.warn('[Papershelf] arXiv registration', err)));
  browser.permissions.onAdded.addListener((p) => {
    if (!touchesArxiv(p)) return;
    void syncArxivScript()
      .then(injectArxivTabs)
      .catch((err) => console.warn('[Papershelf] arXiv registration', err));
  });
  browser.permissions.onRemoved.addListener((p) => {
    if (touchesArxiv(p)) void syncArxivScript().catch((err) => console.warn('[Papershelf] arXiv registration', err));
  });
  // An update replaces the script: tabs open at install/update get the new copy (Chrome; Firefox
  // injects registered scripts itself only into new loads, so both are done here).
  browser.runtime.onInstalled.addListener(({ reason }) => {
    if (reason === 'install' || reason === 'update')
      void syncArxivScript()
        .then(injectArxivTabs)
        .catch(() => undefined);
  });
}
