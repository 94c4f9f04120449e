/**
 * Any error as the text a person reads: one module for every part (background replies, pages, the
 * content script). Failures with a known cause are said plainly; anything else gives its message.
 */

/** The rule everywhere: a stopped or replaced extension said plainly, else the error's message. */
export function errorText(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  // The extension was updated or reloaded under a page that still runs its old copy.
  if (/context invalidated|Receiving end does not exist|Extension context/i.test(msg)) return 'Papershelf was updated or reloaded: reload this page.';
  // The worker stopped while it held the message (Chrome words this several ways).
  if (/message (port|channel) closed/i.test(msg)) return 'Papershelf was interrupted before it answered. Try again.';
  return msg;
}

/**
 * errorText, with IndexedDB's failures said plainly too: for the background worker, the only part
 * that opens the database (a separate function so the content script does not ship these texts).
 */
export function storageErrorText(err: unknown): string {
  const name = (err as { name?: unknown } | null)?.name;
  if (name === 'QuotaExceededError')
    return 'Your browser is out of storage space for Papershelf. Free some disk space, then try again. Nothing was changed.';
  if (name === 'InvalidStateError' || name === 'UnknownError')
    return 'The browser refused to open Papershelf’s database (private window or storage disabled?). Nothing was changed.';
  return errorText(err);
}
