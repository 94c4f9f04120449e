/**
 * Seen and new cards (morning triage). A card is seen once at least half of it has been in the
 * viewport for 1 s (cards hidden by "Hide others" never count). Each card root gets
 * data-papershelf-new (never seen before this page load, with a "New" chip on its toggle) or
 * data-papershelf-seen (seen in an earlier load), from the page's lookup; a card seen now keeps
 * -new until the next load. Seen ids go to the worker in batches (seen-batch.ts).
 */
import { HOOK } from '@/utils/hooks';
import { send } from '@/utils/messages';
import { SeenBatch } from './seen-batch';

export interface SeenCard {
  id: string;
  root: Element;
  toggle: { host: HTMLElement };
}

const VISIBLE_MS = 1000;

export class SeenTracker {
  /** id → seen in an earlier page load (ids looked up; "Mark all as seen" moves them to true). */
  private before = new Map<string, boolean>();
  private timers = new Map<Element, ReturnType<typeof setTimeout>>();
  private idOf = new WeakMap<Element, string>();
  private io?: IntersectionObserver;
  private batch = new SeenBatch((ids) => void send('seen', { ids }).catch(() => undefined));
  private onHide = () => {
    if (this.doc.visibilityState !== 'visible') this.batch.flush();
  };

  constructor(private doc: Document) {
    const win = doc.defaultView;
    if (win && 'IntersectionObserver' in win)
      this.io = new win.IntersectionObserver((entries) => this.onView(entries), { threshold: 0.5 });
    doc.addEventListener('visibilitychange', this.onHide);
    win?.addEventListener('pagehide', this.onHide);
  }

  /** The lookup's answer for `ids`: which were seen in an earlier page load. */
  learn(ids: string[], seen: string[]): void {
    const s = new Set(seen);
    for (const id of ids) if (!this.before.has(id)) this.before.set(id, s.has(id));
  }

  /** Mark cards new/seen and watch them; cards whose state is unknown (lookup failed) stay unmarked. */
  track(cards: SeenCard[]): void {
    for (const c of cards) {
      if (!this.before.has(c.id)) continue;
      this.show(c);
      this.idOf.set(c.root, c.id);
      this.io?.observe(c.root);
    }
  }

  private show(c: SeenCard): void {
    const seen = this.before.get(c.id) === true;
    c.root.toggleAttribute(HOOK.seen, seen);
    c.root.toggleAttribute(HOOK.fresh, !seen);
    c.toggle.host.toggleAttribute('data-new', !seen);
  }

  private onView(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      const root = e.target;
      clearTimeout(this.timers.get(root));
      this.timers.delete(root);
      if (!e.isIntersecting || e.intersectionRatio < 0.5) continue;
      this.timers.set(
        root,
        setTimeout(() => {
          this.timers.delete(root);
          const id = this.idOf.get(root);
          if (!id || !root.isConnected || root.hasAttribute(HOOK.hidden)) return; // hidden by "Hide others": never counts
          this.io?.unobserve(root);
          this.batch.add([id]);
        }, VISIBLE_MS),
      );
    }
  }

  /** "Mark all as seen": every card of the page, in one message; the markers change now. */
  markAll(cards: SeenCard[]): void {
    for (const c of cards) this.before.set(c.id, true);
    this.track(cards);
    this.batch.add(cards.map((c) => c.id));
    this.batch.flush();
  }

  /** Papers on the page never seen before this page load. */
  fresh(cards: SeenCard[]): number {
    return new Set(cards.filter((c) => this.before.get(c.id) === false).map((c) => c.id)).size;
  }

  stop(): void {
    this.batch.flush();
    this.batch.stop();
    this.io?.disconnect();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.doc.removeEventListener('visibilitychange', this.onHide);
    this.doc.defaultView?.removeEventListener('pagehide', this.onHide);
  }
}
