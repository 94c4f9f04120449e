/**
 * Seen ids go to the worker in batches: at most one message every `intervalMs`, and once more when
 * the page is hidden or unloaded (`flush`). Never one message per card. (Closures, not a class:
 * local names minify, property names would not; this ships in the content script.)
 */
export interface SeenBatch {
  /** Queue ids (each is sent once per page load). */
  add(ids: Iterable<string>): void;
  /** Send what is queued now (page hidden or unloaded). */
  flush(): void;
  stop(): void;
}

export function seenBatch(post: (ids: string[]) => void, intervalMs = 3000, now: () => number = Date.now): SeenBatch {
  const queued = new Set<string>();
  const sent = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const flush = () => {
    stop();
    if (!queued.size) return;
    const ids = [...queued];
    queued.clear();
    for (const id of ids) sent.add(id);
    last = now();
    post(ids);
  };
  return {
    add(ids) {
      for (const id of ids) if (!sent.has(id)) queued.add(id);
      if (queued.size && timer === undefined) timer = setTimeout(flush, Math.max(0, last + intervalMs - now()));
    },
    flush,
    stop,
  };
}
