/** Decide once who sent a message: an extension page, a content script, or nobody we know. */

/** Pages our content scripts run on: huggingface.co, and arXiv/alphaXiv once granted. */
const CONTENT_PAGES = /^https:\/\/(huggingface\.co|arxiv\.org|www\.alphaxiv\.org|alphaxiv\.org)\//;

export type SenderKind = 'extension' | 'content' | 'unknown';

export interface SenderLike {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
}

/**
 * `extensionBase` is `browser.runtime.getURL('/')`. Privilege comes from the sender's URL/origin
 * being the extension's own, never from `sender.tab` (Chromium sets a tab on extension pages
 * opened in tabs, and content scripts have one too).
 */
export function classifySender(sender: SenderLike, extensionId: string, extensionBase: string): SenderKind {
  if (sender.id !== extensionId) return 'unknown';
  const base = extensionBase.replace(/\/$/, '');
  const fromUrl = typeof sender.url === 'string' && (sender.url === base || sender.url.startsWith(base + '/'));
  const originOk = sender.origin === undefined || sender.origin === base;
  if (fromUrl && originOk) return 'extension';
  if (sender.tab?.id !== undefined && typeof sender.url === 'string' && CONTENT_PAGES.test(sender.url))
    return 'content';
  return 'unknown';
}
