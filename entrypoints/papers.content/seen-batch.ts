/**
 * Seen ids go to the worker in batches: at most one message every `intervalMs`, and once more when
 * the page is hidden or unloaded (`flush`). Never one message per card.
 */
export class SeenBatch {
  private queued = new Set<string>();
  private sent = new Set<string>();
  private timer?: ReturnType<typeof setTimeout>;
  private lastSent = -Infinity;

  constructor(
    private readonly post: (ids: string[]) => void,
    private readonly intervalMs = 3000,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Queue ids (each is sent once per page load). */
  add(ids: Iterable<string>): void {
    for (const id of ids) if (!this.sent.has(id)) this.queued.add(id);
    if (!this.queued.size || this.timer !== undefined) return;
    const wait = Math.max(0, this.lastSent + this.intervalMs - this.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  /** Send what is queued now (page hidden or unloaded, or the interval passed). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.queued.size) return;
    const ids = [...this.queued];
    this.queued.clear();
    for (const id of ids) this.sent.add(id);
    this.lastSent = this.now();
    this.post(ids);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
