/**
 * Wires a `browser.*`-style `runtime.onMessage` listener (one that answers by returning a promise,
 * as utils/protocol/router.ts createListener does) to WXT's fake browser, which delivers replies only through
 * `sendResponse`: call the listener, pass its promise's value to `sendResponse`, return true.
 * In the browsers the polyfill (Chromium < 148) or the native `browser` honours the returned promise.
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SenderLike } from '../../utils/protocol/sender';

type PromiseListener = (msg: unknown, sender: SenderLike) => Promise<unknown> | undefined;

/** The listener as the fake browser needs it (sendResponse + `return true`). */
export function viaSendResponse(listener: PromiseListener) {
  return (msg: unknown, sender: SenderLike, sendResponse: (r: unknown) => void): boolean => {
    const reply = listener(msg, sender);
    if (reply === undefined) return false;
    void reply.then(sendResponse);
    return true;
  };
}

/** Add `listener` to the fake browser's `runtime.onMessage`. */
export function addFakeListener(listener: PromiseListener): void {
  fakeBrowser.runtime.onMessage.addListener(viaSendResponse(listener) as never);
}
