/**
 * One run per page visit: detect cards (now and as they appear), ask the background ONE lookup per
 * batch of new ids, mount toggles, apply topic marks. Cancelled by `signal` (SPA navigation, update).
 */
import { extractCard } from '@/utils/card-extract';
import { errorText as describeError } from '@/utils/errors';
import { findCardsInSteps, type FoundCard } from '@/utils/detect';
import { readHydration, readHydrationInSteps } from '@/utils/hydration';
import { HOOK } from '@/utils/hooks';
import { send, type PageStatus } from '@/utils/messages';
import { compact } from '@/utils/fields';
import { pageKind } from '@/utils/site';
import { subscribe, type SyncEvent } from '@/utils/sync';
import type { CardInfo } from '@/utils/types';
import { BAR_ATTR, removePageStyle, STYLE_ID, unmarkCard } from './marks';
import { pickSpot, placeHost, showHost, spotsFor, type Spot } from './placement';
import { Revealer } from './reveal';
import { Slicer, yieldToPage } from './slices';
import { createToggle } from './toggle';
import { TopicMarks, type MarkedCard } from './topic-marks';

interface Card extends MarkedCard {
  id: string;
  heading: Element;
  /** Where the toggle may go (desktop/mobile copies); it lives in the visible one. */
  spots: Spot[];
  /** What the card shows: read after its toggle is on the page, or on demand (`infoOf`). */
  info?: CardInfo;
}

/** Batches larger than this are shown progressively (reveal.ts). */
const SHOW_AT_ONCE = 60;

export class PageRun {
  private cards: Card[] = [];
  private byRoot = new WeakMap<Element, Card>();
  private saved = new Map<string, boolean>();
  /** Topics, display mode and the marks on the page (the background matches: see `matchCards`). */
  private marks: TopicMarks;
  /** What the tab's badge shows now (matching cards), so that it is only reported when it changes. */
  private badge = 0;
  private pending = new Set<Node>();
  /** Runs of `process`, one after the other (a run yields while it prepares cards). */
  private queue: Promise<void> = Promise.resolve();
  private scheduled = false;
  private observer?: MutationObserver;
  private unsubscribe?: () => void;
  private reportTimer?: ReturnType<typeof setTimeout>;
  /** The site's hydration JSON, read when the first card is (it is large: ~30 ms on 1,000 cards). */
  private hydration?: Map<string, Partial<CardInfo>>;
  /** Cards on the page whose toggle and marks are not shown yet. */
  private revealer = new Revealer<Card>((c) => {
    if (!c.toggle.host.isConnected) return; // the site re-rendered the card: it is found again
    c.shown = true;
    this.marks.mark(c);
    showHost(c.toggle.host);
  });
  private stopped = false;
  private firstLookup = true;
  /**
   * Changes applied per paper id (sync events, replies): a reply to a request sent before the
   * last change is stale and must not override it (a save's reply, a re-check's lookup).
   */
  private changes = new Map<string, number>();
  /** Ids whose first lookup is out: a sync event about one of them is newer than its reply. */
  private asking = new Set<string>();

  constructor(
    private doc: Document,
    private url: string,
    private signal: AbortSignal,
    /** False once the extension this copy belongs to was updated or reloaded (checking it stops the run). */
    private alive: () => boolean = () => true,
  ) {
    this.marks = new TopicMarks(doc, () => this.cards);
  }

  async start(): Promise<void> {
    cleanupLeftovers(this.doc);
    this.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.unsubscribe = subscribe((e) => this.onSync(e));
    this.observer = new MutationObserver((records) => {
      if (!this.alive()) return this.stop();
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && !isOurs(n as Element)) this.pending.add(n);
      if (records.some((r) => r.removedNodes.length)) this.pending.add(this.doc.body);
      this.schedule();
    });
    this.observer.observe(this.doc.body, { childList: true, subtree: true });
    // Every run of `process` (this first one, and those for cards added later) waits for this.
    this.queue = yieldToPage();
    await this.enqueue([this.doc.body]);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.observer?.disconnect();
    this.revealer.stop();
    this.unsubscribe?.();
    clearTimeout(this.reportTimer);
    // A newer copy (extension update, second injection) may own the page already: its cleanup
    // removed our toggles, and the card marks, page style and highlights are now its own.
    for (const c of this.cards) {
      const ours = c.toggle.host.isConnected;
      c.toggle.host.remove();
      if (ours) unmarkCard(c.root);
    }
    this.cards = [];
    this.marks.clear(this.doc.querySelector(`[${HOOK.toggleHost}]`) !== null);
  }

  private schedule() {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const nodes = [...this.pending].filter((n) => n.isConnected);
      this.pending.clear();
      if (nodes.length) void this.enqueue(nodes);
    });
  }

  private enqueue(nodes: Node[]): Promise<void> {
    this.queue = this.queue.then(() => (this.stopped ? undefined : this.process(nodes))).catch((err) => console.warn('[Papershelf]', err));
    return this.queue;
  }

  /**
   * Find cards in the given subtrees and ask the background about new ids (one lookup); meanwhile
   * build their toggles off the page, in time slices; put every toggle on the page in one task (one
   * frame renders them, not one per slice); then read each card and match it against the topics,
   * in slices, marking it as it goes. Toggles first: they are what the page is for; topic marks
   * follow within a few hundred milliseconds.
   */
  private async process(nodes: Node[]): Promise<void> {
    // Cards whose root left the page, or whose toggle the site's re-render removed.
    const live = this.cards.filter((c) => c.root.isConnected);
    const lost = live.filter((c) => !c.toggle.host.isConnected);
    if (live.length !== this.cards.length) this.cards = live;
    for (const c of lost) {
      this.cards.splice(this.cards.indexOf(c), 1);
      this.byRoot.delete(c.root);
      c.root.removeAttribute(HOOK.id);
    }
    const slicer = new Slicer();
    const found: FoundCard[] = [];
    const seen = new Set<Element>();
    for (const n of nodes) {
      if (!(n instanceof Element)) continue;
      // Between steps the page may change (the observer then brings those nodes back here).
      const cards = await slicer.run(findCardsInSteps(n, { pageUrl: this.url, skipMarked: true }), () => this.stopped);
      if (!cards) return;
      for (const f of cards) {
        if (!f.root.isConnected) continue;
        if (seen.has(f.root) || this.byRoot.has(f.root)) continue;
        seen.add(f.root);
        found.push(f);
      }
    }
    if (!found.length) {
      if (lost.length || live.length !== this.cards.length) this.afterChange();
      else if (this.firstLookup) await this.lookup([]);
      return;
    }
    const newIds = [...new Set(found.map((f) => f.id))].filter((id) => !this.saved.has(id));
    const looked = newIds.length || this.firstLookup ? this.lookup(newIds) : undefined;

    const inline = pageKind(this.url) === 'paper';
    const batch: Card[] = [];
    for (const f of found) {
      await slicer.pause();
      if (this.stopped) return;
      if (!f.root.isConnected) continue;
      const spots = spotsFor(f.root, f.id, f.heading, inline);
      const card: Card = { id: f.id, root: f.root, heading: f.heading, spots, toggle: null!, matched: false, matches: [], shown: false };
      card.toggle = createToggle(this.doc, f.id, (want) => void this.toggle(card, want));
      batch.push(card);
    }
    if (looked) await looked;
    if (this.stopped || !batch.length) return;
    // Which copy (desktop/mobile) is visible is read before any write of ours (so the read never
    // forces a style pass), and once, for the first card: all cards of a list share markup. A card
    // shaped differently (rare) is read on its own, still before the writes.
    const first = batch[0]!.spots;
    const visible = first.indexOf(pickSpot(first));
    const spotOf = new Map<Card, Spot>();
    for (const c of batch) spotOf.set(c, c.spots.length === first.length ? c.spots[visible]! : pickSpot(c.spots));
    // Every toggle goes on the page in this one task. A large batch goes on hidden, and is shown
    // near the viewport first, then a few dozen per idle period (reveal.ts).
    const later = batch.length > SHOW_AT_ONCE;
    const added: Card[] = [];
    for (const card of batch) {
      const { root } = card;
      const at = spotOf.get(card)!;
      if (!root.isConnected || root.hasAttribute(HOOK.id)) continue;
      card.toggle.setSaved(this.saved.get(card.id) === true);
      root.setAttribute(HOOK.id, card.id);
      placeHost(card.toggle.host, at, later);
      card.shown = !later;
      this.cards.push(card);
      this.byRoot.set(root, card);
      added.push(card);
    }
    if (later) this.revealer.add(added);
    if (!this.hydration) {
      const hydration = await slicer.run(readHydrationInSteps(this.doc, { abstracts: false }), () => this.stopped);
      if (!hydration) return;
      this.hydration ??= hydration; // a click may have needed it sooner (infoOf)
    }
    for (const c of added) {
      await slicer.pause();
      if (this.stopped) return;
      if (c.root.isConnected) this.infoOf(c);
    }
    if (this.marks.topics.length) await this.matchCards(added.filter((c) => c.root.isConnected));
    else for (const c of added) this.marks.apply(c, []);
    this.afterChange();
  }

  private async lookup(ids: string[]): Promise<void> {
    const asked = this.changesOf(ids);
    for (const id of ids) this.asking.add(id);
    try {
      const res = await send('lookup', { ids });
      const saved = new Set(res.saved);
      // No toggle shows these ids yet; a sync event during the request already told their state.
      for (const id of ids) if (this.changeCount(id) === asked[id]) this.saved.set(id, saved.has(id));
      if (this.firstLookup) {
        this.firstLookup = false;
        this.marks.set(res.topics, res.mode);
      }
    } catch (err) {
      // Unknown state: show toggles as not saved, with the reason.
      for (const id of ids) if (!this.saved.has(id)) this.saved.set(id, false);
      console.warn('[Papershelf]', describeError(err));
    } finally {
      for (const id of ids) this.asking.delete(id);
    }
  }

  /** What a card shows (read now if it was not yet), with what the hydration JSON adds. */
  private infoOf(c: Card): CardInfo {
    // Keep what the card's DOM lacks (authors, keywords, dates), not the abstracts: a card is
    // matched on the abstract it shows, and 1,000 abstracts held for the page's life cost megabytes.
    this.hydration ??= readHydration(this.doc, { abstracts: false });
    c.info ??= { ...this.hydration.get(c.id), ...compact(extractCard(c.root, c.id, { heading: c.heading, baseUrl: this.url })) } as CardInfo;
    return c.info;
  }

  private async toggle(card: Card, want: boolean): Promise<void> {
    if (this.stopped) return;
    const info = this.infoOf(card);
    const mine = this.cards.filter((c) => c.id === info.id);
    for (const c of mine) {
      c.toggle.setBusy(true);
      c.toggle.setError(null);
    }
    const seen = this.changeCount(info.id);
    try {
      if (want) await send('save', { card: info });
      else await send('unsave', { id: info.id });
      this.setSavedUnlessNewer(info.id, want, seen);
    } catch (err) {
      // The worker may have stopped after writing, or before: show what the library really holds.
      const message = describeError(err);
      const now = await this.savedInLibrary(info.id);
      if (now !== undefined) this.setSavedUnlessNewer(info.id, now, seen);
      if (now !== want) for (const c of mine) c.toggle.setError(message);
    } finally {
      for (const c of mine) c.toggle.setBusy(false);
    }
  }

  /** Whether the library holds `id` now, or undefined when the background cannot say. */
  private async savedInLibrary(id: string): Promise<boolean | undefined> {
    try {
      return (await send('lookup', { ids: [id] })).saved.includes(id);
    } catch {
      return undefined;
    }
  }

  /** Apply a reply unless another change to `id` was applied after the request (it is newer). */
  private setSavedUnlessNewer(id: string, saved: boolean, seenAtRequest: number) {
    if (this.changeCount(id) === seenAtRequest) this.setSaved(id, saved);
  }

  private changeCount(id: string): number {
    return this.changes.get(id) ?? 0;
  }

  private changesOf(ids: string[]): Record<string, number> {
    const out: Record<string, number> = {};
    for (const id of ids) out[id] = this.changeCount(id);
    return out;
  }

  /** After a viewport change, move each toggle to the title copy that is visible now. */
  relocate(): void {
    if (this.stopped || pageKind(this.url) === 'paper') return;
    const moves = this.cards.map((c) => [c, pickSpot(c.spots)] as const); // reads
    for (const [c, h] of moves) placeHost(c.toggle.host, h); // writes
  }

  /** Save this page's paper (keyboard command on a single paper page, else the only card). */
  saveCurrent(): void {
    const card = this.cards.length === 1 || pageKind(this.url) === 'paper' ? this.cards[0] : undefined;
    if (card && !this.saved.get(card.id)) void this.toggle(card, true);
  }

  private setSaved(id: string, saved: boolean) {
    this.changes.set(id, this.changeCount(id) + 1);
    this.saved.set(id, saved);
    for (const c of this.cards) if (c.id === id) c.toggle.setSaved(saved);
  }

  private onSync(e: SyncEvent) {
    if (this.stopped) return;
    if (e.saved)
      for (const [id, s] of Object.entries(e.saved)) if (this.saved.has(id) || this.asking.has(id)) this.setSaved(id, s);
    if (e.mode) {
      this.marks.set(this.marks.topics, e.mode);
      for (const c of this.cards) this.marks.mark(c);
      this.marks.updateBar();
    }
    // Topics changed: match every card again (after any run in progress, which reads its cards first).
    if (e.topics) this.queue = this.queue.then(() => this.rematch());
    // Many papers changed (import, wipe): re-check this page's cards with one lookup.
    if (e.library) void this.recheck();
  }

  private async recheck(): Promise<void> {
    const ids = [...this.saved.keys()];
    if (!ids.length) return;
    const asked = this.changesOf(ids);
    try {
      const saved = new Set((await send('lookup', { ids })).saved);
      // A save or sync event answered while this lookup was out is newer: it stays.
      if (!this.stopped) for (const id of ids) this.setSavedUnlessNewer(id, saved.has(id), asked[id]!);
    } catch (err) {
      console.warn('[Papershelf]', describeError(err));
    }
  }

  private async rematch(): Promise<void> {
    if (this.stopped || !this.cards.length) return;
    await this.matchCards(this.cards);
    this.afterChange();
  }

  /**
   * Ask the background which topics the cards match (one message: their text, each paper once),
   * then mark them in slices. The reply also brings the current topics, and sets the badge.
   */
  private async matchCards(cards: Card[]): Promise<void> {
    const ids = new Set<string>();
    const texts = [];
    for (const c of cards) {
      if (ids.has(c.id)) continue;
      ids.add(c.id);
      const { id, title, abstract, aiKeywords: keywords, organization } = this.infoOf(c);
      texts.push({ id, title, abstract, keywords, organization });
    }
    let res;
    try {
      res = await send('match', { cards: texts });
    } catch (err) {
      console.warn('[Papershelf]', describeError(err)); // cards stay unmarked; the toggles work
      return;
    }
    if (this.stopped) return;
    this.marks.set(res.topics, this.marks.mode);
    // The background set the badge from these cards; when they are the whole page, it is right.
    if (ids.size === new Set(this.cards.map((c) => c.id)).size) this.badge = Object.keys(res.matches).length;
    const slicer = new Slicer();
    for (const c of cards) {
      await slicer.pause();
      if (this.stopped) return;
      this.marks.apply(c, res.matches[c.id] ?? []);
    }
  }

  private afterChange() {
    this.marks.refresh();
    // The badge counts matching cards: report it when it changed (cards gone, added later).
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      const s = this.status();
      if (s.matches.length === this.badge) return;
      this.badge = s.matches.length;
      send('report', { cards: s.cards, matching: s.matches.length }).catch(() => undefined);
    }, 150);
  }

  status(): PageStatus {
    const ids = new Set<string>();
    const matches: PageStatus['matches'] = [];
    for (const c of this.cards) {
      if (ids.has(c.id)) continue;
      ids.add(c.id);
      if (c.matches.length && c.info)
        matches.push({ id: c.id, title: c.info.title, topics: c.matches.map((m) => m.name), saved: this.saved.get(c.id) === true });
    }
    return { url: this.url, kind: pageKind(this.url), cards: ids.size, matches };
  }
}

function isOurs(el: Element): boolean {
  return el.hasAttribute(HOOK.toggleHost) || el.hasAttribute(BAR_ATTR) || el.id === STYLE_ID;
}

/** Remove what an earlier instance (before an extension update) left on the page. */
export function cleanupLeftovers(doc: Document): void {
  // One pass over the page (it may hold 100,000 elements).
  for (const el of doc.querySelectorAll(`[${HOOK.toggleHost}], [${BAR_ATTR}], [${HOOK.id}]`)) {
    if (el.hasAttribute(HOOK.id)) unmarkCard(el);
    else el.remove();
  }
  removePageStyle(doc);
}
