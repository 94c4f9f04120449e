/**
 * What a content script's `main` does on any site Papershelf runs on (huggingface.co, and arXiv /
 * alphaXiv once granted): one page run per page visit with that site's adapter, restarted on SPA
 * navigation, answering the popup and the keyboard command through the typed tab protocol.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { tabListener } from '@/utils/protocol/messages';
import type { SiteAdapter } from './site-adapter';
import { PageRun } from './watcher';

export function runOnPage(ctx: ContentScriptContext, site: SiteAdapter): void {
  let run: PageRun | undefined;
  let controller: AbortController | undefined;

  const start = () => {
    controller?.abort();
    controller = new AbortController();
    run = new PageRun(document, location.href, controller.signal, () => ctx.isValid, site);
    void run.start();
  };

  // Popup asks for this page's status and to mark every card seen (answered by returning a promise: the
  // `browser.*` contract the polyfill gives Chromium < 148); the keyboard command asks to save this page's paper.
  const onMessage = tabListener({
    pageStatus: () => run?.status() ?? null,
    saveCurrent: () => {
      run?.saveCurrent();
      return null;
    },
    markAllSeen: () => {
      run?.markAllSeen();
      return null;
    },
  });
  browser.runtime.onMessage.addListener(onMessage as never);
  ctx.onInvalidated(() => {
    controller?.abort();
    browser.runtime.onMessage.removeListener(onMessage as never);
  });
  // SPA navigation (the papers site, alphaXiv).
  ctx.addEventListener(window, 'wxt:locationchange', () => start());
  let resizeTimer: ReturnType<typeof setTimeout> | undefined;
  ctx.addEventListener(window, 'resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => run?.relocate(), 150);
  });
  start();
}
