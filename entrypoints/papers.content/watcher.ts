/**
 * One run per page visit: detect cards (now and as they appear), ask the background ONE lookup per
 * batch of new ids, mount toggles, apply topic marks. Cancelled by `signal` (SPA navigation, update).
 */
import { detectCards, type DetectedCard } from '@/utils/detect';
import { readHydration } from '@/utils/hydration';
import { HOOK } from '@/utils/hooks';
import { send, type PageStatus } from '@/utils/messages';
import { compact } from '@/utils/paper-record';
import { pageKind } from '@/utils/site';
import { subscribe, type SyncEvent } from '@/utils/sync';
import { compileTopics, matchTopics, type CompiledTopics, type TopicMatch } from '@/utils/topics';
import type { CardInfo, DisplayMode, Topic } from '@/utils/types';
import { HighlightPainter } from './highlights';
import { hiddenBar, installPageStyle, markCard, removePageStyle, unmarkCard } from './marks';
import { pickSpot, placeHost, spotsFor, type Spot } from './placement';
import { createToggle, type Toggle } from './toggle';

interface Card {
  root: Element;
  /** Where the toggle may go (desktop/mobile copies); it lives in the visible one. */
  spots: Spot[];
  info: CardInfo;
  toggle: Toggle;
  matches: TopicMatch[];
}

const SLICE_MS = 8;
const SLICE_CARDS = 30;
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
/** After the next frame has been rendered (rAF runs before it; the timeout after it). */
const afterPaint = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));

export function describeError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/context invalidated|Receiving end does not exist|Extension context/i.test(msg))
    return 'Papershelf was updated or reloaded: reload this page.';
  // The worker stopped while it held the message (Chrome words this several ways).
  if (/message (port|channel) closed/i.test(msg)) return 'Papershelf was interrupted before it answered. Try again.';
  return msg;
}

export class PageRun {
  private cards: Card[] = [];
  private byRoot = new WeakMap<Element, Card>();
  private saved = new Map<string, boolean>();
  private topics: Topic[] = [];
  private compiled: CompiledTopics = compileTopics([]);
  private topicIndex = new Map<string, number>();
  private mode: DisplayMode = 'highlight';
  private revealHidden = false;
  private pending = new Set<Node>();
  private scheduled = false;
  private observer?: MutationObserver;
  private unsubscribe?: () => void;
  private bar?: ReturnType<typeof hiddenBar>;
  private reportTimer?: ReturnType<typeof setTimeout>;
  private hydration = new Map<string, Partial<CardInfo>>();
  private painter: HighlightPainter;
  private stopped = false;
  private firstLookup = true;
  /** Sync events seen per paper id: a reply older than the last event must not override it. */
  private syncSeen = new Map<string, number>();

  constructor(
    private doc: Document,
    private url: string,
    private signal: AbortSignal,
    /** False once the extension this copy belongs to was updated or reloaded (checking it stops the run). */
    private alive: () => boolean = () => true,
  ) {
    this.painter = new HighlightPainter(doc);
  }

  async start(): Promise<void> {
    cleanupLeftovers(this.doc);
    // Keep what the card's DOM lacks (authors, keywords, dates), not the abstracts: a card is
    // matched on the abstract it shows, and 1,000 abstracts held for the page's life cost megabytes.
    this.hydration = readHydration(this.doc);
    for (const h of this.hydration.values()) delete h.abstract;
    this.unsubscribe = subscribe((e) => this.onSync(e));
    this.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.observer = new MutationObserver((records) => {
      if (!this.alive()) return this.stop();
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && !isOurs(n as Element)) this.pending.add(n);
      if (records.some((r) => r.removedNodes.length)) this.pending.add(this.doc.body);
      this.schedule();
    });
    this.observer.observe(this.doc.body, { childList: true, subtree: true });
    // Let the page render first: our first layout read then finds a clean layout.
    await afterPaint();
    if (!this.stopped) await this.process([this.doc.body]);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.observer?.disconnect();
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
    this.bar?.el.remove();
    if (!this.doc.querySelector(`[${HOOK.toggleHost}]`)) {
      this.painter.clear();
      removePageStyle(this.doc);
    }
  }

  private schedule() {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const nodes = [...this.pending].filter((n) => n.isConnected);
      this.pending.clear();
      if (nodes.length) void this.process(nodes);
    });
  }

  /** Detect in the given subtrees, look up new ids once, then mount in time slices. */
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
    const found: DetectedCard[] = [];
    const seen = new Set<Element>();
    for (const n of nodes) {
      if (!(n instanceof Element)) continue;
      for (const d of detectCards(n, { pageUrl: this.url, skipMarked: true })) {
        if (seen.has(d.root) || this.byRoot.has(d.root)) continue;
        seen.add(d.root);
        found.push(d);
      }
    }
    if (!found.length) {
      if (lost.length || live.length !== this.cards.length) this.afterChange();
      else if (this.firstLookup) await this.lookup([]);
      return;
    }
    const inline = pageKind(this.url) === 'paper';
    // Which copy (desktop/mobile) is visible is read BEFORE any write of ours, so the read never
    // forces a style pass, and once for the first card: all cards of a list share markup. Each
    // card's own spots are found in the slices below (DOM queries only, no layout).
    const first = found[0]!;
    const firstSpots = spotsFor(first.root, first.info.id, first.heading, inline);
    const visible = firstSpots.indexOf(pickSpot(firstSpots));
    const placeOf = (d: DetectedCard) => {
      const spots = d === first ? firstSpots : spotsFor(d.root, d.info.id, d.heading, inline);
      // A card shaped differently from the first (rare) is read on its own.
      return { spots, at: spots.length === firstSpots.length ? spots[visible]! : pickSpot(spots) };
    };
    const newIds = [...new Set(found.map((d) => d.info.id))].filter((id) => !this.saved.has(id));
    if (newIds.length || this.firstLookup) await this.lookup(newIds);
    // Mount in small slices, one per frame, so each frame's style and layout stay short.
    for (let i = 0; i < found.length && !this.stopped; ) {
      const sliceStart = performance.now();
      for (let n = 0; i < found.length && n < SLICE_CARDS && performance.now() - sliceStart < SLICE_MS; i++) {
        const d = found[i]!;
        if (!d.root.isConnected || d.root.hasAttribute(HOOK.id)) continue;
        const { spots, at } = placeOf(d);
        this.mount(d, spots, at);
        n++;
      }
      if (i < found.length) await nextFrame();
    }
    this.afterChange();
  }

  private async lookup(ids: string[]): Promise<void> {
    try {
      const res = await send('lookup', { ids });
      for (const id of ids) this.saved.set(id, false);
      for (const id of res.saved) this.saved.set(id, true);
      if (this.firstLookup) {
        this.firstLookup = false;
        this.setTopics(res.topics, res.mode);
      }
    } catch (err) {
      // Unknown state: show toggles as not saved, with the reason.
      for (const id of ids) this.saved.set(id, false);
      console.warn('[Papershelf]', describeError(err));
    }
  }

  private mount(d: DetectedCard, spots: Spot[], at: Spot) {
    const info = { ...this.hydration.get(d.info.id), ...compact({ ...d.info }) } as CardInfo;
    const toggle = createToggle(this.doc, info.id, (want) => void this.toggle(info, want));
    const card: Card = { root: d.root, spots, info, toggle, matches: [] };
    d.root.setAttribute(HOOK.id, info.id);
    toggle.setSaved(this.saved.get(info.id) === true);
    placeHost(toggle.host, at);
    this.cards.push(card);
    this.byRoot.set(d.root, card);
    this.matchCard(card);
  }

  private async toggle(info: CardInfo, want: boolean): Promise<void> {
    if (this.stopped) return;
    const mine = this.cards.filter((c) => c.info.id === info.id);
    for (const c of mine) {
      c.toggle.setBusy(true);
      c.toggle.setError(null);
    }
    const seen = this.syncSeen.get(info.id) ?? 0;
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

  /** Apply a reply unless a sync event about `id` arrived after the request (it is newer). */
  private setSavedUnlessNewer(id: string, saved: boolean, seenAtRequest: number) {
    if ((this.syncSeen.get(id) ?? 0) === seenAtRequest) this.setSaved(id, saved);
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
    if (card && !this.saved.get(card.info.id)) void this.toggle(card.info, true);
  }

  private setSaved(id: string, saved: boolean) {
    this.saved.set(id, saved);
    for (const c of this.cards) if (c.info.id === id) c.toggle.setSaved(saved);
  }

  private onSync(e: SyncEvent) {
    if (this.stopped) return;
    if (e.saved)
      for (const [id, s] of Object.entries(e.saved)) {
        if (!this.saved.has(id)) continue;
        this.syncSeen.set(id, (this.syncSeen.get(id) ?? 0) + 1);
        this.setSaved(id, s);
      }
    if (e.topics || e.mode) {
      this.setTopics(e.topics ?? this.topics, e.mode ?? this.mode);
      for (const c of this.cards) this.matchCard(c);
      this.afterChange();
    }
    // Many papers changed (import, wipe): re-check this page's cards with one lookup.
    if (e.library) void this.recheck();
  }

  private async recheck(): Promise<void> {
    const ids = [...this.saved.keys()];
    if (!ids.length) return;
    try {
      const saved = new Set((await send('lookup', { ids })).saved);
      if (!this.stopped) for (const id of ids) this.setSaved(id, saved.has(id));
    } catch (err) {
      console.warn('[Papershelf]', describeError(err));
    }
  }

  private setTopics(topics: Topic[], mode: DisplayMode) {
    this.topics = topics.filter((t) => t.enabled).sort((a, b) => a.order - b.order);
    this.compiled = compileTopics(this.topics);
    this.topicIndex = new Map(this.topics.map((t, i) => [t.id, i]));
    this.mode = mode;
    installPageStyle(this.doc, this.topics);
  }

  private matchCard(c: Card) {
    c.matches = this.topics.length
      ? matchTopics(this.compiled, {
          title: c.info.title,
          abstract: c.info.abstract,
          keywords: c.info.aiKeywords,
          organization: c.info.organization,
        })
      : [];
    markCard(c.root, c.matches, this.topicIndex, this.mode, this.topics.length > 0, this.revealHidden);
    c.toggle.setTopics(c.matches.map((m) => ({ name: m.name, color: m.color, terms: m.terms })));
  }

  private afterChange() {
    this.painter.update(this.cards.map((c) => ({ root: c.root, title: c.info.title, abstract: c.info.abstract, matches: c.matches })));
    this.updateBar();
    clearTimeout(this.reportTimer);
    this.reportTimer = setTimeout(() => {
      const s = this.status();
      send('report', { cards: s.cards, matching: s.matches.length }).catch(() => undefined);
    }, 150);
  }

  private updateBar() {
    const nonMatching = this.mode === 'hide' && this.topics.length ? this.cards.filter((c) => !c.matches.length).length : 0;
    if (!nonMatching && !this.bar) return;
    if (!this.bar) {
      this.bar = hiddenBar(this.doc, () => {
        this.revealHidden = !this.revealHidden;
        for (const c of this.cards) this.matchCard(c);
        this.updateBar();
      });
      this.doc.body.append(this.bar.el);
    }
    this.bar.set(nonMatching, this.revealHidden);
  }

  status(): PageStatus {
    const ids = new Set<string>();
    const matches: PageStatus['matches'] = [];
    for (const c of this.cards) {
      if (ids.has(c.info.id)) continue;
      ids.add(c.info.id);
      if (c.matches.length)
        matches.push({ id: c.info.id, title: c.info.title, topics: c.matches.map((m) => m.name), saved: this.saved.get(c.info.id) === true });
    }
    return { url: this.url, kind: pageKind(this.url), cards: ids.size, matches };
  }
}

function isOurs(el: Element): boolean {
  return el.hasAttribute(HOOK.toggleHost) || el.hasAttribute('data-papershelf-bar') || el.id === 'papershelf-page-style';
}

/** Remove what an earlier instance (before an extension update) left on the page. */
export function cleanupLeftovers(doc: Document): void {
  for (const el of doc.querySelectorAll(`[${HOOK.toggleHost}], [data-papershelf-bar]`)) el.remove();
  for (const el of doc.querySelectorAll(`[${HOOK.id}]`)) unmarkCard(el);
  removePageStyle(doc);
}
