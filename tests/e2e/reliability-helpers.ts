/**
 * Fault injection for the reliability e2e tests, over the Chrome DevTools Protocol: stop the
 * extension's service worker, evaluate in whichever worker is running now (Playwright's `Worker`
 * handle dies with the worker it was made for), read IndexedDB from an extension page, and reload
 * the extension as an update would (CDP `Extensions.loadUnpacked` on the already loaded path; unlike
 * `chrome.runtime.reload()` it keeps a command-line extension loaded in headless Chromium).
 */
import type { CDPSession, Page } from 'playwright-core';
import type { Paper } from '../../utils/types';
import { EXTENSION, readStore, storedIds, storedPapers, type Session } from './harness';

/** A page-level CDP session (the ServiceWorker domain lives there). */
async function pageCdp(s: Session): Promise<{ cdp: CDPSession; page: Page }> {
  const page = s.context.pages()[0] ?? (await s.context.newPage());
  return { cdp: await s.context.newCDPSession(page), page };
}

/** Stop every service worker of the profile, as Chrome does to an idle or crashed worker. */
export async function stopWorker(s: Session): Promise<void> {
  const { cdp } = await pageCdp(s);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

/** A ready-made stop (CDP session opened and enabled beforehand), to land inside a message's handling. */
export async function workerStopper(s: Session): Promise<{ stop(): Promise<void>; close(): Promise<void> }> {
  const { cdp } = await pageCdp(s);
  await cdp.send('ServiceWorker.enable');
  return {
    stop: async () => void (await cdp.send('ServiceWorker.stopAllWorkers')),
    close: () => cdp.detach(),
  };
}

/** An extension page kept open to read the database and to send raw messages. */
export async function extensionTab(s: Session): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`chrome-extension://${s.extensionId}/popup.html`);
  return page;
}

/** Start the worker with a message it ignores (no database use). */
export async function wakeWorker(ext: Page): Promise<void> {
  await ext.evaluate(() => chrome.runtime.sendMessage({ ping: true }).catch(() => undefined));
}

/**
 * Evaluate `fn(arg)` in the extension's running service worker and return its (JSON) result.
 * Non-flattened CDP attach: Playwright's CDP sessions cannot address child sessions otherwise.
 */
export async function inWorker<A, R>(s: Session, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  const browser = s.context.browser();
  if (!browser) throw new Error('no browser-level CDP');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const prefix = `chrome-extension://${s.extensionId}/`;
    const { targetInfos } = await cdp.send('Target.getTargets');
    const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(prefix));
    if (!target) throw new Error('the service worker is not running');
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
    const reply = new Promise<{ result?: { result: { value?: R }; exceptionDetails?: { exception?: { description?: string } } }; error?: { message: string } }>((resolve) => {
      cdp.on('Target.receivedMessageFromTarget', (e) => {
        if (e.sessionId !== sessionId) return;
        const m = JSON.parse(e.message);
        if (m.id === 1) resolve(m);
      });
    });
    const expression = `(${fn.toString()})(${JSON.stringify(arg ?? null)})`;
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id: 1, method: 'Runtime.evaluate', params: { expression, awaitPromise: true, returnByValue: true } }),
    });
    const m = await reply;
    if (m.error) throw new Error(m.error.message);
    if (m.result?.exceptionDetails) throw new Error(m.result.exceptionDetails.exception?.description ?? 'evaluation failed');
    await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => undefined);
    return m.result!.result.value as R;
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

/** Reload the extension from its directory, as an update does (onInstalled reason "update"). */
export async function updateExtension(s: Session): Promise<void> {
  const browser = s.context.browser();
  if (!browser) throw new Error('no browser-level CDP');
  const cdp = await browser.newBrowserCDPSession();
  const { id } = await cdp.send('Extensions.loadUnpacked' as never, { path: EXTENSION } as never) as { id: string };
  await cdp.detach();
  if (id !== s.extensionId) throw new Error(`the update changed the extension id: ${id}`);
}

/** Every stored paper, read by an extension page (same origin as the worker), sorted by id. */
export const papersIn = storedPapers;

export const idsIn = storedIds;

export const countIn = (ext: Page) => readStore(ext, 'papers', 'count');

/** id → aria-pressed of every card's toggle on a papers page (null when a card has none or two). */
export async function pressedByCard(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() => {
    const out: Record<string, string | null> = {};
    for (const root of document.querySelectorAll('[data-papershelf-id]')) {
      const hosts = root.querySelectorAll('[data-papershelf-toggle]');
      const button = hosts.length === 1 ? hosts[0]!.shadowRoot!.querySelector<HTMLButtonElement>('button[data-papershelf-save]') : null;
      out[root.getAttribute('data-papershelf-id')!] = button?.getAttribute('aria-busy') === 'true' ? 'busy' : (button?.getAttribute('aria-pressed') ?? null);
    }
    return out;
  });
}

/** Every card's toggle shows what the store holds (and none is busy). */
export function matchesStore(pressed: Record<string, string | null>, stored: readonly string[]): string[] {
  const saved = new Set(stored);
  return Object.entries(pressed)
    .filter(([id, p]) => p !== String(saved.has(id)))
    .map(([id, p]) => `${id}: toggle ${p}, store ${saved.has(id)}`);
}

/** `count` valid records with ids `<prefix>.<10000 + i>`. */
export function records(prefix: string, count: number): Paper[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `${prefix}.${10000 + i}`;
    return { id, title: `Imported paper ${i}`, authors: ['A. Author'], savedAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', url: `https://huggingface.co/papers/${id}`, tags: ['bulk'], note: '', read: false };
  });
}
