import { browser } from 'wxt/browser';

/** Toolbar badge: number of matching cards on the tab's page. */
export async function setBadge(tabId: number, matching: number): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;
  await action.setBadgeText({ tabId, text: matching > 0 ? String(Math.min(matching, 9999)) : '' });
  await action.setBadgeBackgroundColor({ tabId, color: '#6d28d9' });
}
