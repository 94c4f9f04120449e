import { defineContentScript } from 'wxt/utils/define-content-script';
import { PAPERS_MATCHES } from '@/utils/detection/site';
import { runOnPage } from './main';
import { huggingFace } from './site-adapter';
import './page.css';

export default defineContentScript({
  matches: PAPERS_MATCHES,
  runAt: 'document_idle',
  main: (ctx) => runOnPage(ctx, huggingFace),
});
