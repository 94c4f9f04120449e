/**
 * The page run, one per page visit: takes the cards of the card stream (card-stream.ts), asks the
 * background ONE lookup per batch of new ids, puts their toggles on the page, reads and matches the
 * cards, reports the page's status. The saved state is one rule (saved-state.ts); what is
 * site-specific comes from the site adapter (site-adapter.ts). Cancelled by `signal` (SPA
 * navigation, update).
 */
import { runSteps } from '@/utils/detection/steps';
import { HOOK } from '@/utils/hooks';
import { send, type PageStatus, type RecommendedCard } from '@/utils/protocol/messages';
import { errorText as describeError } from '@/utils/errors';
import { subscribe, type SyncEvent } from '@/utils/protocol/sync';
import type { CardInfo } from '@/utils/types';
import { observeCards, type CardStream } from './card-stream';
import { BAR_ATTR, removePageStyle, STYLE_ID, unmarkCard } from './marks';
import { pickSpot, placeHost, showHost, type Spot } from './placement';
import { Revealer } from './reveal';
import { seenTracker, type SeenTracker } from './seen';
import { applyState, GUESS, savedOf, watch, type SavedStates } from './saved-state';
import type { FoundCard, SiteAdapter } from './site-adapter';
import { afterPageLoad, Slicer } from './slices';
import { createToggle } from './toggle';
import { TopicMarks, type MarkedCard } from './topic-marks';

interface Card extends MarkedCard, FoundCard {
  /** Where the toggle may go (desktop/mobile copies); it lives in the visible one. */
  spots: Spot[];
  /** What the card shows: read after its toggle is on the page, or on demand (`infoOf`). */
  info?: CardInfo;
}

/** Batches larger than this are shown progressively (reveal.ts). */
const SHOW_AT_ONCE = 60;

const warn = (err: unknown) => console.warn('[Papershelf]', describeError(err));

export class PageRun {
  private cards: Card[] = [];
  private byRoot = new WeakMap<Element, Card>();
  private saved: SavedStates = new Map();
  /** Topics, display mode and the marks on the page (the background matches: see `matchCards`). */
  private marks: TopicMarks;
  /** What the tab's badge shows now (matching cards), so that it is only reported when it changes. */
  private badge = 0;
  private stream?: CardStream;
  private unsubscribe?: () => void;
  private reportTimer?: ReturnType<typeof setTimeout>;
  /** Reads a card (the adapter's reader, made once: on the HF site it parses the hydration JSON, ~30 ms on 1,000 cards). */
  private read?: (card: FoundCard) => CardInfo;
  /** Cards on the page whose toggle and marks are not shown yet. */
  private revealer = new Revealer<Card>((c) => {
    if (!c.toggle.host.isConnected) return; // the site re-rendered the card: it is found again
    c.shown = true;
    this.marks.mark(c);
    showHost(c.toggle.host);
  });
  private stopper = new AbortController();
  /** Seen/new markers and seen reports (morning triage). */
  private seen: SeenTracker;
  private firstLookup = true;
  /** Recommendations are on: cards are sent to `match` even without topics. */
  private recommend = false;
  /** The page's recommended cards (from `match`), by id. */
  private recs = new Map<string, RecommendedCard>();
  /** Recommended cards hidden by "Not interested" on this page: their chip offers Undo. */
  private hidden = new Map<string, RecommendedCard>();

  constructor(
    private doc: Document,
    private url: string,
    private signal: AbortSignal,
    /** False once the extension this copy belongs to was updated or reloaded (checking it stops the run). */
    private alive: () => boolean,
    /** The site (huggingface.co, arXiv): passed in, so each content script bundles only its own. */
    private site: SiteAdapter,
  ) {
    this.marks = new TopicMarks(doc, () => this.cards);
    this.seen = seenTracker(doc);
  }

  private get stopped(): boolean {
    return this.stopper.signal.aborted;
  }

  async start(): Promise<void> {
    cleanupLeftovers(this.doc);
    this.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.unsubscribe = subscribe((e) => this.onSync(e));
    this.stream = observeCards(
      this.doc,
      {
        signal: this.stopper.signal,
        find: (subtree) => this.site.find(subtree, this.url),
        ignore: isOurs,
        sweep: () => this.sweep(),
      },
      (found) => this.place(found),
    );
    await this.stream.ready;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopper.abort();
    this.revealer.stop();
    this.seen.stop();
    this.unsubscribe?.();
    clearTimeout(this.reportTimer);
    // A newer copy (extension update, second injection) may own the page already: its cleanup
    // removed our toggles, and the card marks, page style and highlights are now its own.
    for (const c of this.cards) {
      const ours = c.toggle.host.isConnected;
      c.toggle.host.remove();
      if (ours) for (const el of [c.root, ...(c.twins ?? [])]) unmarkCard(el);
    }
    this.cards = [];
    this.marks.clear(this.doc.querySelector(`[${HOOK.toggleHost}]`) !== null);
  }

  /** Before each batch: stop if the extension went away; forget cards that left the page or lost their toggle. */
  private lost = false;
  private sweep(): void {
    if (!this.alive()) return this.stop();
    // A toggle placed outside its card (a fixed control in <body>) does not leave with it.
    for (const c of this.cards) if (!c.root.isConnected && !c.root.contains(c.toggle.host)) c.toggle.host.remove();
    const live = this.cards.filter((c) => c.root.isConnected);
    const lost = live.filter((c) => !c.toggle.host.isConnected);
    this.lost = lost.length > 0 || live.length !== this.cards.length;
    if (live.length !== this.cards.length) this.cards = live;
    for (const c of lost) {
      // The site re-rendered the card: it is found again, and gets its toggle back.
      this.forget(c);
      for (const el of [c.root, ...(c.twins ?? [])]) el.removeAttribute(HOOK.id);
    }
  }

  /** Stop holding a card (its root may be found again). */
  private forget(c: Card): void {
    this.cards.splice(this.cards.indexOf(c), 1);
    this.byRoot.delete(c.root);
  }

  /** Take a card and its toggle off the page (its root stays, unmarked: it may be another card's root now). */
  private retire(c: Card): void {
    c.toggle.host.remove();
    for (const el of [c.root, ...(c.twins ?? [])]) unmarkCard(el);
    this.forget(c);
  }

  /**
   * New cards: ask the background about new ids (one lookup); meanwhile build their toggles off
   * the page, in time slices; put every toggle on the page in one task (one frame renders them, not
   * one per slice); then read each card and match it against the topics, in slices, marking it as
   * it goes. Toggles first: they are what the page is for; topic marks follow within a few hundred
   * milliseconds.
   */
  private async place(cards: FoundCard[]): Promise<void> {
    // A stand-in (provisional: a fixed control) gives way to a card found for the same paper.
    const real = new Set(cards.filter((f) => !f.provisional).map((f) => f.id));
    if (real.size) for (const c of this.cards.filter((c) => c.provisional && real.has(c.id))) this.retire(c);
    const found = cards.filter((f) => !this.byRoot.has(f.root));
    if (!found.length) {
      if (this.lost) this.afterChange();
      else if (this.firstLookup) await this.lookup([]);
      return;
    }
    const newIds = [...new Set(found.map((f) => f.id))].filter((id) => !this.saved.has(id));
    const looked = newIds.length || this.firstLookup ? this.lookup(newIds) : undefined;

    const slicer = new Slicer();
    const batch: Card[] = [];
    for (const f of found) {
      await slicer.pause();
      if (this.stopped) return;
      if (!f.root.isConnected) continue;
      const card: Card = { ...f, spots: this.site.spots(f, this.url), toggle: null!, matched: false, matches: [], shown: false };
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
      if (!root.isConnected || root.hasAttribute(HOOK.id)) continue;
      card.toggle.setSaved(savedOf(this.saved, card.id) === true);
      root.setAttribute(HOOK.id, card.id);
      for (const t of card.twins ?? []) t.setAttribute(HOOK.id, card.id);
      placeHost(card.toggle.host, spotOf.get(card)!, later);
      card.shown = !later;
      this.cards.push(card);
      this.byRoot.set(root, card);
      added.push(card);
    }
    this.seen.track(added);
    if (later) this.revealer.add(added);
    // The toggles are up; reading and matching the cards waits for the page's own load (and its
    // frame), so that it never delays it (the content script starts at DOMContentLoaded).
    await afterPageLoad(this.doc.defaultView);
    if (this.stopped) return;
    if (!this.read) {
      const read = await slicer.run(this.site.reader(this.doc, this.url), () => this.stopped);
      if (!read) return;
      this.read ??= read; // a click may have needed it sooner (infoOf)
    }
    for (const c of added) {
      await slicer.pause();
      if (this.stopped) return;
      if (c.root.isConnected) this.infoOf(c);
    }
    if (this.marks.topics.length || this.recommend) await this.matchCards(added.filter((c) => c.root.isConnected));
    else for (const c of added) this.marks.apply(c, []);
    this.afterChange();
  }

  private async lookup(ids: string[]): Promise<void> {
    watch(this.saved, ids); // an event about one of them during the request is newer than its reply
    try {
      const res = await send('lookup', { ids });
      this.applyAll(ids, new Set(res.saved), res.seq);
      this.seen.learn(ids, res.seen);
      if (this.firstLookup) {
        this.firstLookup = false;
        this.recommend = res.recommend;
        this.marks.dimSeen = res.dimSeen;
        this.marks.set(res.topics, res.mode);
      }
    } catch (err) {
      // Unknown state: show toggles as not saved (any real state is newer), with the reason.
      this.applyAll(ids, new Set(), GUESS);
      warn(err);
    }
  }

  /** What a card shows (read now if it was not yet). */
  private infoOf(c: Card): CardInfo {
    this.read ??= runSteps(this.site.reader(this.doc, this.url));
    return (c.info ??= this.read(c));
  }

  private async toggle(card: Card, want: boolean): Promise<void> {
    if (this.stopped) return;
    const info = this.infoOf(card);
    const mine = this.cards.filter((c) => c.id === info.id);
    for (const c of mine) {
      c.toggle.setBusy(true);
      c.toggle.setError(null);
    }
    try {
      const { seq } = want ? await send('save', { card: info }) : await send('unsave', { id: info.id });
      this.setSaved(info.id, want, seq);
    } catch (err) {
      // The worker may have stopped after writing, or before: show what the library really holds
      // (unless the background cannot say either).
      const message = describeError(err);
      const now = await send('lookup', { ids: [info.id] }).catch(() => undefined);
      const saved = now?.saved.includes(info.id);
      if (now) this.setSaved(info.id, saved!, now.seq);
      if (saved !== want) for (const c of mine) c.toggle.setError(message);
    } finally {
      for (const c of mine) c.toggle.setBusy(false);
    }
  }

  /** After a viewport change, move each toggle to the title copy that is visible now. */
  relocate(): void {
    if (this.stopped || this.site.kind(this.url) === 'paper') return;
    const moves = this.cards.map((c) => [c, pickSpot(c.spots)] as const); // reads
    for (const [c, h] of moves) placeHost(c.toggle.host, h); // writes
  }

  /** Save this page's paper (keyboard command on a single paper page, else the only card). */
  saveCurrent(): void {
    const card = this.cards.length === 1 || this.site.kind(this.url) === 'paper' ? this.cards[0] : undefined;
    if (card && !savedOf(this.saved, card.id)) void this.toggle(card, true);
  }

  /** Apply a state with its seq (saved-state.ts decides whether it is newer); show it on the id's toggles. */
  private setSaved(id: string, saved: boolean, seq: number) {
    if (this.stopped || !applyState(this.saved, id, saved, seq)) return;
    for (const c of this.cards)
      if (c.id === id) {
        c.toggle.setSaved(saved);
        this.showRec(c);
      }
  }

  /**
   * "Like your library": the hook and chip on an unsaved recommended card, none on the others; a
   * card hidden by "Not interested" on this page keeps a chip that says so, with Undo.
   */
  private showRec(c: Card) {
    const id = c.id;
    const saved = savedOf(this.saved, id);
    const r = saved ? undefined : this.recs.get(id);
    const h = saved || r ? undefined : this.hidden.get(id);
    c.root.toggleAttribute(HOOK.recommended, !!r);
    c.toggle.setRecommended(
      (r ?? h)?.reason ?? null,
      () => {
        if (r) {
          const { title, abstract, aiKeywords: keywords } = this.infoOf(c);
          this.recs.delete(id);
          this.hidden.set(id, r);
          send('notInterested', { card: { id, title, abstract, keywords } }).catch(warn);
        } else if (h) {
          this.hidden.delete(id);
          this.recs.set(id, h);
          send('forgetNotInterested', { ids: [id] }).catch(warn);
        }
        for (const o of this.cards) if (o.id === id) this.showRec(o);
      },
      !!h,
    );
  }

  private applyAll(ids: string[], saved: Set<string>, seq: number) {
    for (const id of ids) this.setSaved(id, saved.has(id), seq);
  }

  private onSync(e: SyncEvent) {
    if (this.stopped) return;
    if (e.saved) for (const [id, s] of Object.entries(e.saved)) this.setSaved(id, s, e.seq);
    if (e.dimSeen !== undefined) this.setDimSeen(e.dimSeen);
    if (e.mode) {
      this.marks.set(this.marks.topics, e.mode);
      for (const c of this.cards) this.marks.mark(c);
      this.marks.updateBar();
    }
    if (e.recommend !== undefined) this.recommend = e.recommend;
    // Topics or recommendation settings changed: match every card again (after any batch in progress,
    // which reads its cards first).
    if (e.topics || e.recommend !== undefined) this.stream?.after(() => this.rematch());
    // Many papers changed (import, wipe): re-check this page's papers with one lookup (a save or
    // sync event answered while it is out is newer: it stays).
    if (e.library && this.saved.size) void this.lookup([...this.saved.keys()]);
  }

  private setDimSeen(on: boolean): void {
    this.marks.dimSeen = on;
    for (const c of this.cards) this.marks.mark(c);
  }

  /** "Mark all as seen" (popup): every card of the page, one message; the markers change now. */
  markAllSeen(): void {
    if (this.stopped) return;
    this.seen.markAll(this.cards);
    this.setDimSeen(this.marks.dimSeen);
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
      const info = this.infoOf(c);
      const { id, title, abstract, aiKeywords: keywords, organization } = info;
      texts.push(this.site.matchText?.(info) ?? { id, title, abstract, keywords, organization });
    }
    let res;
    try {
      res = await send('match', { cards: texts });
    } catch (err) {
      warn(err); // cards stay unmarked; the toggles work
      return;
    }
    if (this.stopped) return;
    this.marks.set(res.topics, this.marks.mode);
    for (const id of ids) this.recs.delete(id);
    for (const r of res.recommended) this.recs.set(r.id, r);
    // The background set the badge from these cards; when they are the whole page, it is right.
    if (ids.size === new Set(this.cards.map((c) => c.id)).size) this.badge = Object.keys(res.matches).length;
    const slicer = new Slicer();
    for (const c of cards) {
      await slicer.pause();
      if (this.stopped) return;
      this.marks.apply(c, res.matches[c.id] ?? []);
      this.showRec(c);
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
      send('report', { matching: s.matches.length }).catch(() => undefined);
    }, 150);
  }

  status(): PageStatus {
    const ids = new Set<string>();
    const matches: PageStatus['matches'] = [];
    const recommended: NonNullable<PageStatus['recommended']> = [];
    for (const c of this.cards) {
      if (ids.has(c.id)) continue;
      ids.add(c.id);
      const saved = savedOf(this.saved, c.id) === true;
      if (c.matches.length && c.info) matches.push({ id: c.id, title: c.info.title, topics: c.matches.map((m) => m.name), saved });
      const r = this.recs.get(c.id);
      if (r && c.info) recommended.push({ id: c.id, title: c.info.title, reason: r.reason, saved, score: r.score });
    }
    return { cards: ids.size, matches, fresh: this.seen.fresh(this.cards), recommended: recommended.sort((a, b) => b.score - a.score) };
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
