/**
 * Showing a large batch of cards' toggles and marks without one long frame. Rendering 1,000 new
 * toggles on a 1,000-card page costs ~100–200 ms in a single frame (measured: bench/ notes in the
 * README), however cheap each one is. So in a large batch every toggle is put on the page at once
 * but hidden, and shown near the viewport first (IntersectionObserver, before the user scrolls
 * there), then the rest a few at a time in idle periods: each frame renders a few dozen.
 */

/** How many to show per idle period (each frame then renders ~10–20 ms of ours). */
const PER_IDLE = 40;

type Idle = (cb: (deadline: { timeRemaining(): number }) => void) => number;
const onIdle: Idle =
  typeof requestIdleCallback === 'function'
    ? (cb) => requestIdleCallback(cb, { timeout: 200 })
    : (cb) => setTimeout(() => cb({ timeRemaining: () => 8 }), 16) as unknown as number;

export class Revealer<T extends { root: Element }> {
  private waiting = new Map<Element, T>();
  private observer?: IntersectionObserver;
  private scheduled = false;
  private stopped = false;

  constructor(private show: (item: T) => void) {}

  /** Items to show later: the ones near the viewport first. */
  add(items: T[]): void {
    if (this.stopped) return;
    if (typeof IntersectionObserver === 'function')
      this.observer ??= new IntersectionObserver((entries) => {
        for (const e of entries) if (e.isIntersecting) this.reveal(e.target);
      }, { rootMargin: '100% 0px' });
    for (const item of items) {
      this.waiting.set(item.root, item);
      this.observer?.observe(item.root);
    }
    this.schedule();
  }

  /** Forget everything still waiting, without showing it. */
  stop(): void {
    this.stopped = true;
    this.waiting.clear();
    this.observer?.disconnect();
  }

  private reveal(root: Element): void {
    const item = this.waiting.get(root);
    if (!item) return;
    this.waiting.delete(root);
    this.observer?.unobserve(root);
    this.show(item);
  }

  private schedule(): void {
    if (this.scheduled || this.stopped || !this.waiting.size) return;
    this.scheduled = true;
    onIdle((deadline) => {
      this.scheduled = false;
      if (this.stopped) return;
      let n = 0;
      for (const root of this.waiting.keys()) {
        if (n++ >= PER_IDLE || deadline.timeRemaining() < 1) break;
        this.reveal(root);
      }
      if (!this.waiting.size) {
        this.observer?.disconnect();
        this.observer = undefined;
      }
      this.schedule();
    });
  }
}
