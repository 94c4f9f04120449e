import { browser } from 'wxt/browser';
import { SAVE_CURRENT } from '@/utils/messages';

/** Keyboard command (default Alt+Shift+S): save the paper of the current page. */
export function setupCommands(): void {
  browser.commands?.onCommand.addListener(async (command) => {
    if (command !== 'save-paper') return;
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    if (tab?.id !== undefined) await browser.tabs.sendMessage(tab.id, { type: SAVE_CURRENT }).catch(() => undefined);
  });
}
