import { defineContentScript } from 'wxt/utils/define-content-script';
import { PAPERS_MATCHES } from '@/utils/detection/site';
import { runOnPage } from './main';
import { huggingFace } from './site-adapter';
import './page.css';

export default defineContentScript({
  matches: PAPERS_MATCHES,
  // At DOMContentLoaded: the one lookup and the toggles overlap the page's own loading (images), so a
  // user waits for no pass of ours after the load event. The site hydrates its cards afterwards; a
  // card it re-renders or strips is found again (card-stream.ts; tests/e2e/hydration.test.ts).
  runAt: 'document_end',
  main: (ctx) => runOnPage(ctx, huggingFace),
});
