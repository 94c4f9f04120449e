/** Cooperative scheduling for the content script: work in short slices, yielding to the page between them. */

/** Longest stretch of work before yielding to the page (well under the 50 ms of a long task). */
export const SLICE_MS = 12;

/** Let the page run (input, its own tasks) without waiting for a frame. */
export function yieldToPage(): Promise<void> {
  const s = (globalThis as unknown as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((r) => setTimeout(r, 0));
}

/** Runs work in slices of SLICE_MS: `await slicer.pause()` between items yields when a slice is used up. */
export class Slicer {
  private start = performance.now();
  async pause(): Promise<void> {
    if (performance.now() - this.start < SLICE_MS) return;
    await yieldToPage();
    this.start = performance.now();
  }

  /** Run a generator of steps (utils/detection/steps.ts) with pauses between them; undefined once `stopped()`. */
  async run<T>(steps: Generator<void, T>, stopped: () => boolean): Promise<T | undefined> {
    for (let r = steps.next(); ; r = steps.next()) {
      if (r.done) return r.value;
      await this.pause();
      if (stopped()) return undefined;
    }
  }
}

/** Longest wait for the page's load event before work that may follow it runs anyway. */
export const LOAD_WAIT_MS = 1000;

/**
 * Settles once the page has loaded and drawn the frame after (at once if it had), or after
 * LOAD_WAIT_MS: work that no user waits for (reading and matching cards) runs after the page's own
 * loading instead of delaying it. Without a window (tests on a bare document), at once.
 */
export function afterPageLoad(win: (Window & typeof globalThis) | null): Promise<void> {
  if (!win || win.document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    setTimeout(resolve, LOAD_WAIT_MS); // settling twice is harmless
    win.addEventListener('load', () => win.requestAnimationFrame(() => setTimeout(resolve)), { once: true });
  });
}
