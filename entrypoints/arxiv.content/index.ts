/**
 * The content script for arXiv and alphaXiv, registered at run time by the background once the
 * user granted those optional hosts (entrypoints/background/optional-hosts.ts): not in the
 * manifest, so `matches` is empty here (WXT would otherwise make the hosts required). The same page
 * run as on huggingface.co (card stream, saved state), with the arXiv site adapter.
 */
import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { tabListener } from '@/utils/messages';
import { PageRun } from '../papers.content/watcher';
import { arxivSite } from './adapter';
import '../papers.content/page.css';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main(ctx) {
    let run: PageRun | undefined;
    let controller: AbortController | undefined;
    const start = () => {
      controller?.abort();
      controller = new AbortController();
      run = new PageRun(document, location.href, controller.signal, () => ctx.isValid, arxivSite);
      void run.start();
    };
    const onMessage = tabListener({
      pageStatus: () => run?.status() ?? null,
      saveCurrent: () => {
        run?.saveCurrent();
        return null;
      },
    });
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
