/**
 * Test build (tests/e2e/polyfill.test.ts): the extension as Chromium 123–147 runs it, with no native
 * `browser` namespace, so webextension-polyfill wraps `chrome` instead of handing back the native
 * `browser` (Chromium 148+ has both, and the polyfill then changes nothing).
 *
 * Every chunk starts with PRELUDE (the content script's IIFE and each ES module chunk; the worker's
 * and pages' module graph evaluates `shared.js` first, which holds the polyfill): it deletes
 * `globalThis.browser` before any bundle code runs, and counts how `chrome.runtime.sendMessage` is
 * called (the polyfill always passes a callback; WXT's plain `chrome` fallback never does) and what the
 * `chrome.runtime.onMessage` listeners given to Chrome are (the polyfill's wrappers answer through
 * `sendResponse` and return true; Papershelf's own listeners return a promise).
 *
 *   PAPERSHELF_OUT_DIR=… npx wxt build -c tests/e2e/wxt.no-browser.config.ts
 */
import { defineConfig } from 'wxt';
import type { Plugin } from 'vite';
import base from '../../wxt.config';

const PRELUDE = `(() => {
  const g = globalThis;
  if (g.__papershelfProbe) return;
  delete g.browser;
  if (g.browser !== undefined) Object.defineProperty(g, 'browser', { value: undefined, configurable: true });
  const probe = (g.__papershelfProbe = { nativeBrowser: g.browser !== undefined, callbacks: 0, promises: 0, listeners: [] });
  const show = () => g.document?.documentElement?.setAttribute('data-papershelf-probe', JSON.stringify({ ...probe, listeners: probe.listeners.length }));
  const runtime = g.chrome.runtime;
  const send = runtime.sendMessage;
  runtime.sendMessage = function (...args) {
    typeof args[args.length - 1] === 'function' ? probe.callbacks++ : probe.promises++;
    show();
    return send.apply(this, args);
  };
  const add = runtime.onMessage.addListener;
  runtime.onMessage.addListener = function (listener) {
    probe.listeners.push(listener);
    show();
    return add.call(this, listener);
  };
  show();
})();
`;

function prelude(): Plugin {
  return {
    name: 'papershelf:hide-native-browser',
    renderChunk: (code) => ({ code: PRELUDE + code, map: null }),
  };
}

export default defineConfig({
  ...base,
  outDir: process.env.PAPERSHELF_OUT_DIR ?? '.output-no-browser',
  vite: (env) => {
    const v = typeof base.vite === 'function' ? base.vite(env) : {};
    return { ...v, plugins: [...((v as { plugins?: Plugin[] }).plugins ?? []), prelude()] };
  },
});
