/** How long start-up work that no page waits for is put off (the worker lives 30 s after an event). */
export const LATER_MS = 1000;

/** Run `work` a moment after the event that started the worker, so a page's first message is answered first. */
export function later(work: () => Promise<unknown>): void {
  setTimeout(() => void work().catch(() => undefined), LATER_MS);
}
