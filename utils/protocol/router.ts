/** Wire the typed protocol to handlers, deciding access once per message by its sender. */
import { ACCESS, isEnvelope, isOurs, unknownType, type MessageType, type Reply, type Req, type Res } from './messages';
import { storageErrorText } from '../errors';
import { isRecord } from '../import/validate';
import type { SenderKind, SenderLike } from './sender';

export interface HandlerContext {
  kind: SenderKind;
  /** The sender's tab, for content scripts (never taken from the payload). */
  tabId?: number;
  /** The sender's page URL as the browser reports it (never taken from the payload). */
  url?: string;
}

export type Handlers = {
  [T in MessageType]: (payload: Req<T>, ctx: HandlerContext) => Promise<Res<T>>;
};

/**
 * A `runtime.onMessage` listener in the `browser.*` contract: it answers by returning a promise of the
 * reply (webextension-polyfill on Chromium < 148, native `browser` on Chrome 148+ and Firefox), and
 * returns undefined for a message that is not ours, so another listener may answer it.
 * (WXT's fake browser replies only through `sendResponse`: unit tests wire it with
 * tests/unit/listener.ts.)
 */
export function createListener(handlers: Handlers, classify: (sender: SenderLike) => SenderKind) {
  return (msg: unknown, sender: SenderLike): Promise<Reply<unknown>> | undefined => {
    if (!isEnvelope(msg)) {
      // Ours, of a type this copy does not know (an older or newer copy sent it): say so, never drop it.
      return isOurs(msg) ? Promise.resolve({ ok: false, error: unknownType(msg.type) }) : undefined;
    }
    const kind = classify(sender);
    const allowed = kind === 'extension' || (kind === 'content' && ACCESS[msg.type] === 'anyone');
    if (!allowed) return Promise.resolve({ ok: false, error: `Papershelf refused "${msg.type}": not allowed from this page.` });
    const handler = handlers[msg.type] as (p: unknown, c: HandlerContext) => Promise<unknown>;
    return (
      Promise.resolve()
        // A payload that is not an object reaches the handler as {}: its own checks then name what is missing.
        .then(() => handler(isRecord(msg.payload) ? msg.payload : {}, { kind, tabId: sender.tab?.id, url: sender.url }))
        .then(
          (data): Reply<unknown> => ({ ok: true, data: data ?? null }),
          (err): Reply<unknown> => ({ ok: false, error: storageErrorText(err) }),
        )
    );
  };
}
