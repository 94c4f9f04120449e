/**
 * The content script for arXiv and alphaXiv, registered at run time by the background once the
 * user granted those optional hosts (entrypoints/background/optional-hosts.ts): not in the
 * manifest, so `matches` is empty here (WXT would otherwise make the hosts required).
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { PAGE_STATUS, SAVE_CURRENT } from '@/utils/messages';
import { ArxivRun } from './run';
import '../papers.content/page.css';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    let run: ArxivRun | undefined;
    let controller: AbortController | undefined;
    const start = () => {
      controller?.abort();
      controller = new AbortController();
      run = new ArxivRun(document, location.href, controller.signal, () => ctx.isValid);
      void run.start().catch((err) => console.warn('[Papershelf]', err));
    };
    const onMessage = (msg: unknown, _sender: unknown, sendResponse: (r: unknown) => void) => {
      const type = (msg as { type?: string })?.type;
      if (type === PAGE_STATUS) {
        sendResponse(run?.status() ?? null);
        return false;
      }
      if (type === SAVE_CURRENT) run?.saveCurrent();
      return false;
    };
    browser.runtime.onMessage.addListener(onMessage as never);
    ctx.onInvalidated(() => {
      controller?.abort();
      browser.runtime.onMessage.removeListener(onMessage as never);
    });
    // alphaXiv navigates without page loads.
    ctx.addEventListener(window, 'wxt:locationchange', () => start());
    start();
  },
});
