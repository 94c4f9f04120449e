import { browser } from 'wxt/browser';
import { arxivPageKind } from '@/utils/detection/arxiv';
import { sendToTab, type PageStatus } from '@/utils/protocol/messages';
import { pageKind } from '@/utils/detection/site';

export type ActivePage =
  | { state: 'none' }
  | { state: 'unreachable'; url: string }
  | { state: 'ok'; tabId: number; status: PageStatus };

/**
 * The status of the active tab's papers page (or of `?tabId=` when given, as the tests do).
 * A papers page whose content script does not answer is reported, never ignored.
 */
export async function activePage(search = location.search): Promise<ActivePage> {
  const forced = Number(new URLSearchParams(search).get('tabId'));
  const tab = forced
    ? await browser.tabs.get(forced)
    : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  if (!tab?.id || !tab.url) return { state: 'none' };
  if (pageKind(tab.url) === 'none') {
    if (arxivPageKind(tab.url) === 'none') return { state: 'none' };
    // arXiv/alphaXiv: only once the user granted that host (the popup offers it otherwise).
    const origin = `${new URL(tab.url).origin}/*`;
    if (!(await browser.permissions.contains({ origins: [origin] }).catch(() => false))) return { state: 'none' };
  }
  try {
    const status = await sendToTab(tab.id, 'pageStatus', null);
    return status ? { state: 'ok', tabId: tab.id, status } : { state: 'unreachable', url: tab.url };
  } catch {
    return { state: 'unreachable', url: tab.url };
  }
}
