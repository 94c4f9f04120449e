/**
 * One run per page visit: detect cards (now and as they appear), ask the background ONE lookup per
 * batch of new ids, mount toggles, apply topic marks. Cancelled by `signal` (SPA navigation, update).
 */
import { detectCards, type DetectedCard } from '@/utils/detect';
import { readHydration } from '@/utils/hydration';
import { HOOK } from '@/utils/hooks';
import { send, type PageStatus } from '@/utils/messages';
import { pageKind } from '@/utils/site';
import { subscribe, type SyncEvent } from '@/utils/sync';
import { compileTopics, matchTopics, type CompiledTopics, type TopicMatch } from '@/utils/topics';
import type { CardInfo, DisplayMode, Topic } from '@/utils/types';
import { clearHighlights, hiddenBar, installPageStyle, markCard, paintHighlights, removePageStyle, unmarkCard } from './marks';
import { pickHeading, placeHost, titleHeadings } from './placement';
import { createToggle, type Toggle } from './toggle';

interface Card {
  root: Element;
  /** The title headings (desktop/mobile copies); the toggle lives in the visible one. */
  headings: Element[];
  info: CardInfo;
  toggle: Toggle;
  matches: TopicMatch[];
}

const SLICE_MS = 12;
const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export function describeError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/context invalidated|Receiving end does not exist|Extension context/i.test(msg))
    return 'Papershelf was updated or reloaded: reload this page.';
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
  private stopped = false;
  private firstLookup = true;

  constructor(
    private doc: Document,
    private url: string,
    private signal: AbortSignal,
  ) {}

  async start(): Promise<void> {
    cleanupLeftovers(this.doc);
    this.hydration = readHydration(this.doc);
    this.unsubscribe = subscribe((e) => this.onSync(e));
    this.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.observer = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n.nodeType === 1 && !isOurs(n as Element)) this.pending.add(n);
      if (records.some((r) => r.removedNodes.length)) this.pending.add(this.doc.body);
      this.schedule();
    });
    this.observer.observe(this.doc.body, { childList: true, subtree: true });
    await this.process([this.doc.body]);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.observer?.disconnect();
    this.unsubscribe?.();
    clearTimeout(this.reportTimer);
    for (const c of this.cards) {
      c.toggle.host.remove();
      unmarkCard(c.root);
    }
    this.cards = [];
    this.bar?.el.remove();
    clearHighlights();
    removePageStyle(this.doc);
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
    const newIds = [...new Set(found.map((d) => d.info.id))].filter((id) => !this.saved.has(id));
    if (newIds.length || this.firstLookup) await this.lookup(newIds);
    if (this.stopped) return;
    const inline = pageKind(this.url) === 'paper';
    // Time-sliced: per slice, read layout for a batch (which title copy is visible), then write.
    for (let i = 0; i < found.length && !this.stopped; ) {
      const sliceStart = performance.now();
      const batch: Array<{ d: DetectedCard; headings: Element[]; at: Element }> = [];
      for (; i < found.length && performance.now() - sliceStart < SLICE_MS / 2; i++) {
        const d = found[i]!;
        if (!d.root.isConnected || d.root.hasAttribute(HOOK.id)) continue;
        const headings = titleHeadings(d.root, d.info.title, d.heading);
        batch.push({ d, headings, at: inline ? d.heading : pickHeading(headings) });
      }
      for (const b of batch) this.mount(b.d, b.headings, b.at, inline);
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

  private mount(d: DetectedCard, headings: Element[], at: Element, inline: boolean) {
    const info = { ...this.hydration.get(d.info.id), ...stripUndefined(d.info) } as CardInfo;
    const toggle = createToggle(this.doc, info.id, inline, (want) => void this.toggle(info, want));
    const card: Card = { root: d.root, headings, info, toggle, matches: [] };
    d.root.setAttribute(HOOK.id, info.id);
    toggle.setSaved(this.saved.get(info.id) === true);
    if (inline) at.append(toggle.host);
    else placeHost(toggle.host, at);
    this.cards.push(card);
    this.byRoot.set(d.root, card);
    this.matchCard(card);
  }

  private async toggle(info: CardInfo, want: boolean): Promise<void> {
    const mine = this.cards.filter((c) => c.info.id === info.id);
    for (const c of mine) {
      c.toggle.setBusy(true);
      c.toggle.setError(null);
    }
    try {
      if (want) await send('save', { card: info });
      else await send('unsave', { id: info.id });
      this.setSaved(info.id, want);
    } catch (err) {
      for (const c of mine) c.toggle.setError(describeError(err));
    } finally {
      for (const c of mine) c.toggle.setBusy(false);
    }
  }

  /** After a viewport change, move each toggle to the title copy that is visible now. */
  relocate(): void {
    if (this.stopped || pageKind(this.url) === 'paper') return;
    const moves = this.cards.map((c) => [c, pickHeading(c.headings)] as const); // reads
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
    if (e.saved) for (const [id, s] of Object.entries(e.saved)) if (this.saved.has(id)) this.setSaved(id, s);
    if (e.topics || e.mode) {
      this.setTopics(e.topics ?? this.topics, e.mode ?? this.mode);
      for (const c of this.cards) this.matchCard(c);
      this.afterChange();
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
    paintHighlights(
      this.cards.map((c) => ({ root: c.root, title: c.info.title, abstract: c.info.abstract, matches: c.matches })),
      this.topicIndex,
    );
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

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Remove what an earlier instance (before an extension update) left on the page. */
export function cleanupLeftovers(doc: Document): void {
  for (const el of doc.querySelectorAll(`[${HOOK.toggleHost}], [data-papershelf-bar]`)) el.remove();
  for (const el of doc.querySelectorAll(`[${HOOK.id}]`)) unmarkCard(el);
  removePageStyle(doc);
}
