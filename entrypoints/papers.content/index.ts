import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { tabListener } from '@/utils/messages';
import { PAPERS_MATCHES } from '@/utils/site';
import { huggingFace } from './site-adapter';
import { PageRun } from './watcher';
import './page.css';

export default defineContentScript({
  matches: PAPERS_MATCHES,
  runAt: 'document_idle',
  main(ctx) {
    let run: PageRun | undefined;
    let controller: AbortController | undefined;

    const start = () => {
      controller?.abort();
      controller = new AbortController();
      run = new PageRun(document, location.href, controller.signal, () => ctx.isValid, huggingFace);
      void run.start();
    };

    // Popup asks for this page's status; the keyboard command asks to save this page's paper.
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
    ctx.addEventListener(window, 'wxt:locationchange', () => start());
    let resizeTimer: ReturnType<typeof setTimeout> | undefined;
    ctx.addEventListener(window, 'resize', () => {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(() => run?.relocate(), 150);
    });
    start();
  },
});
