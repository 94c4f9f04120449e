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
