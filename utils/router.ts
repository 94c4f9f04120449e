/** Wire the typed protocol to handlers, deciding access once per message by its sender. */
import { ACCESS, isEnvelope, isOurs, unknownType, type MessageType, type Reply, type Req, type Res } from './messages';
import { isRecord } from './import/validate';
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

/** A human message for any error, with storage failures said plainly. */
export function errorMessage(err: unknown): string {
  const name = (err as { name?: string })?.name;
  if (name === 'QuotaExceededError')
    return 'Your browser is out of storage space for Papershelf. Free some disk space, then try again. Nothing was changed.';
  if (name === 'InvalidStateError' || name === 'UnknownError')
    return 'The browser refused to open Papershelf’s database (private window or storage disabled?). Nothing was changed.';
  return err instanceof Error ? err.message : String(err);
}

/**
 * A `runtime.onMessage` listener. It answers through `sendResponse` and returns true, which works
 * natively in Chrome and Firefox, and in WXT’s fake browser.
 */
export function createListener(handlers: Handlers, classify: (sender: SenderLike) => SenderKind) {
  return (msg: unknown, sender: SenderLike, sendResponse: (r: Reply<unknown>) => void): boolean => {
    if (!isEnvelope(msg)) {
      // Ours, of a type this copy does not know (an older or newer copy sent it): say so, never drop it.
      if (isOurs(msg)) sendResponse({ ok: false, error: unknownType(msg.type) });
      return false;
    }
    const kind = classify(sender);
    const allowed = kind === 'extension' || (kind === 'content' && ACCESS[msg.type] === 'anyone');
    if (!allowed) {
      sendResponse({ ok: false, error: `Papershelf refused "${msg.type}": not allowed from this page.` });
      return false;
    }
    const handler = handlers[msg.type] as (p: unknown, c: HandlerContext) => Promise<unknown>;
    Promise.resolve()
      // A payload that is not an object reaches the handler as {}: its own checks then name what is missing.
      .then(() => handler(isRecord(msg.payload) ? msg.payload : {}, { kind, tabId: sender.tab?.id, url: sender.url }))
      .then(
        (data) => sendResponse({ ok: true, data: data ?? null }),
        (err) => sendResponse({ ok: false, error: errorMessage(err) }),
      );
    return true;
  };
}
