import { browser } from 'wxt/browser';
import { sendToTab } from '@/utils/protocol/messages';

/** Keyboard command (default Alt+Shift+S): save the paper of the current page. */
export function setupCommands(): void {
  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'save-paper') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await sendToTab(tab.id, 'saveCurrent', null).catch(() => undefined);
  });
}
