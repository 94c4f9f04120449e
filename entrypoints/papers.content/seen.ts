/**
 * Seen and new cards (morning triage). A card is seen once at least half of it has been in the
 * viewport for 1 s (cards hidden by "Hide others" never count). Each card root gets
 * data-papershelf-new (never seen before this page load, with a "New" chip on its toggle) or
 * data-papershelf-seen (seen in an earlier load), from the page's lookup; a card seen now keeps
 * -new until the next load. Seen ids go to the worker in batches (seen-batch.ts).
 * Closures rather than a class: this ships in the content script, and local names minify.
 */
import { HOOK } from '@/utils/hooks';
import { send } from '@/utils/protocol/messages';
import { seenBatch } from './seen-batch';

export interface SeenCard {
  id: string;
  root: Element;
  toggle: { host: HTMLElement };
}

export interface SeenTracker {
  /** The lookup's answer for `ids`: which were seen in an earlier page load. */
  learn(ids: string[], seen: string[]): void;
  /** Mark cards new/seen and watch them; cards whose state is unknown (lookup failed) stay unmarked. */
  track(cards: SeenCard[]): void;
  /** "Mark all as seen": every card of the page, in one message; the markers change now. */
  markAll(cards: SeenCard[]): void;
  /** Papers on the page never seen before this page load. */
  fresh(cards: SeenCard[]): number;
  stop(): void;
}

export function seenTracker(doc: Document): SeenTracker {
  /** id → seen in an earlier page load (ids looked up; "Mark all as seen" sets them true). */
  const before = new Map<string, boolean>();
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  const idOf = new WeakMap<Element, string>();
  const batch = seenBatch((ids) => void send('seen', { ids }).catch(() => undefined));
  const win = doc.defaultView;
  const onHide = () => doc.visibilityState === 'visible' || batch.flush();
  const io =
    win?.IntersectionObserver &&
    new win.IntersectionObserver(
      (entries) => {
        for (const { target, isIntersecting, intersectionRatio } of entries) {
          clearTimeout(timers.get(target));
          timers.delete(target);
          if (isIntersecting && intersectionRatio >= 0.5)
            timers.set(
              target,
              setTimeout(() => {
                timers.delete(target);
                const id = idOf.get(target);
                // Hidden by "Hide others": never counts.
                if (!id || !target.isConnected || target.hasAttribute(HOOK.hidden)) return;
                io!.unobserve(target);
                batch.add([id]);
              }, 1000),
            );
        }
      },
      { threshold: 0.5 },
    );
  doc.addEventListener('visibilitychange', onHide);
  win?.addEventListener('pagehide', onHide);

  const track = (cards: SeenCard[]) => {
    for (const c of cards) {
      const seen = before.get(c.id);
      if (seen === undefined) continue;
      c.root.toggleAttribute(HOOK.seen, seen);
      c.root.toggleAttribute(HOOK.fresh, !seen);
      c.toggle.host.toggleAttribute('data-new', !seen);
      idOf.set(c.root, c.id);
      io?.observe(c.root);
    }
  };
  return {
    learn(ids, seen) {
      const s = new Set(seen);
      for (const id of ids) if (!before.has(id)) before.set(id, s.has(id));
    },
    track,
    markAll(cards) {
      for (const c of cards) before.set(c.id, true);
      track(cards);
      batch.add(cards.map((c) => c.id));
      batch.flush();
    },
    fresh: (cards) => new Set(cards.filter((c) => before.get(c.id) === false).map((c) => c.id)).size,
    stop() {
      batch.flush();
      io?.disconnect();
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      doc.removeEventListener('visibilitychange', onHide);
      win?.removeEventListener('pagehide', onHide);
    },
  };
}
