/**
 * The cards on the page, now and as the site adds them: a MutationObserver collects the added
 * subtrees, one batch per frame, and the batches are searched one after the other (a search yields
 * to the page between steps), so the consumer sees each card once and never two batches at a time.
 * Same shape as Refined GitHub's `observe(selector, callback, { signal })`: stopped by the signal.
 */
import { Slicer, yieldToPage } from './slices';

export interface StreamOptions<C extends { root: Element }> {
  signal: AbortSignal;
  /** The cards in a subtree, as steps (utils/detection/steps.ts); cards already handled are left out (marked roots). */
  find(subtree: Element): Generator<void, C[]>;
  /** Our own elements (toggles, bars, style): adding them is no page change. */
  ignore(el: Element): boolean;
  /**
   * Called before each batch is searched (and once before the first): the consumer drops what left
   * the page, so that a card the site re-rendered is found again. Also where it may stop the stream.
   */
  sweep(): void;
}

export interface CardStream {
  /** Settles once the cards on the page at the start are handled. */
  ready: Promise<void>;
  /** Run `task` after the batch in progress (and any queued), in the same queue. */
  after(task: () => Promise<void> | void): void;
}

/**
 * Calls `onCards` with the new cards of each batch, in page order, each root once per batch, one
 * call at a time (it may be async: the next batch waits); also with none, after a change that added
 * no card (removals: the consumer re-checks what it holds).
 */
export function observeCards<C extends { root: Element }>(
  doc: Document,
  { signal, find, ignore, sweep }: StreamOptions<C>,
  onCards: (cards: C[]) => Promise<void> | void,
): CardStream {
  const pending = new Set<Node>();
  let scheduled = false;
  // Every batch (the first, and those for cards added later) waits for this.
  let queue: Promise<void> = yieldToPage();
  const enqueue = (task: () => Promise<void> | void) => {
    queue = queue.then(() => (signal.aborted ? undefined : task())).catch((err) => console.warn('[Papershelf]', err));
    return queue;
  };

  const batch = async (nodes: Node[]) => {
    sweep();
    if (signal.aborted) return;
    const slicer = new Slicer();
    const found: C[] = [];
    const seen = new Set<Element>();
    for (const n of nodes) {
      if (!(n instanceof Element)) continue;
      // Between steps the page may change (the observer then brings those nodes back here).
      const cards = await slicer.run(find(n), () => signal.aborted);
      if (!cards) return;
      for (const c of cards) {
        if (!c.root.isConnected || seen.has(c.root)) continue;
        seen.add(c.root);
        found.push(c);
      }
    }
    await onCards(found);
  };

  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && !ignore(n as Element)) pending.add(n);
    if (records.some((r) => r.removedNodes.length)) pending.add(doc.body);
    if (scheduled || signal.aborted) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      const nodes = [...pending].filter((n) => n.isConnected);
      pending.clear();
      if (nodes.length) void enqueue(() => batch(nodes));
    });
  });
  observer.observe(doc.body, { childList: true, subtree: true });
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  return { ready: enqueue(() => batch([doc.body])), after: (task) => void enqueue(task) };
}
