/**
 * The content script for arXiv and alphaXiv, registered at run time by the background once the
 * user granted those optional hosts (entrypoints/background/optional-hosts.ts): not in the
 * manifest, so `matches` is empty here (WXT would otherwise make the hosts required). The same page
 * run as on huggingface.co (card stream, saved state, seen markers), with the arXiv site adapter.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { runOnPage } from '../papers.content/main';
import { arxivSite } from './adapter';
import '../papers.content/page.css';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  main: (ctx) => runOnPage(ctx, arxivSite),
});
