/**
 * One run per arXiv/alphaXiv page visit: find the cards (listing entries, search results, the
 * abstract page's paper), ONE lookup for their ids, the toggles on the page in one task, then ONE
 * match message for their text and the topic marks. Saved state follows the library through the
 * sync feed, as on huggingface.co. Cancelled by `signal` (alphaXiv navigation, extension update).
 */
import { arxivPageKind, type ArxivCardInfo, type ArxivPageKind } from '@/utils/arxiv';
import { HOOK } from '@/utils/hooks';
import { send, type PageStatus } from '@/utils/messages';
import { subscribe, type SyncEvent } from '@/utils/sync';
import { BAR_ATTR, removePageStyle, unmarkCard } from '../papers.content/marks';
import { createToggle, type Toggle } from '../papers.content/toggle';
import { TopicMarks, type MarkedCard } from '../papers.content/topic-marks';
import { matchText, siteCards } from './sites';

interface Card extends MarkedCard {
  id: string;
  root: Element;
  twins: Element[];
  spot: Element | null;
  info: ArxivCardInfo;
  toggle: Toggle;
}

const INLINE = 'display:inline-block;vertical-align:middle;margin-left:10px;';
const FIXED = 'position:fixed;top:12px;right:12px;z-index:2147483000;';

export function describeError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/context invalidated|Receiving end does not exist|Extension context/i.test(msg)) return 'Papershelf was updated or reloaded: reload this page.';
  return msg;
}

/** Remove what an earlier copy of this script left (extension update, second injection). */
export function cleanupArxiv(doc: Document): void {
  for (const el of doc.querySelectorAll(`[${HOOK.toggleHost}], [${BAR_ATTR}]`)) el.remove();
  for (const el of doc.querySelectorAll(`[${HOOK.id}]`)) unmarkCard(el);
  removePageStyle(doc);
}

export class ArxivRun {
  private cards: Card[] = [];
  private saved = new Map<string, boolean>();
  /** Changes applied per id: a reply to a request sent before the last change is stale. */
  private changes = new Map<string, number>();
  private marks: TopicMarks;
  private stopped = false;
  private unsubscribe?: () => void;
  private observer?: MutationObserver;
  private kind: ArxivPageKind;

  constructor(
    private doc: Document,
    private url: string,
    private signal: AbortSignal,
    private alive: () => boolean = () => true,
  ) {
    this.kind = arxivPageKind(url);
    this.marks = new TopicMarks(doc, () => this.cards);
  }

  async start(): Promise<void> {
    cleanupArxiv(this.doc);
    if (this.kind === 'none') return;
    this.signal.addEventListener('abort', () => this.stop(), { once: true });
    this.unsubscribe = subscribe((e) => this.onSync(e));
    await this.process();
    // alphaXiv renders in the page: its title may come later, and it may re-render.
    if (this.kind === 'alphaxiv' && !this.stopped) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      this.observer = new MutationObserver(() => {
        if (!this.alive()) return this.stop();
        if (this.cards.some((c) => c.toggle.host.isConnected && (c.spot ? c.spot.isConnected : true)) && this.cards.every((c) => c.spot !== null)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void this.process(), 100);
      });
      this.observer.observe(this.doc.body, { childList: true, subtree: true });
    }
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.observer?.disconnect();
    this.unsubscribe?.();
    for (const c of this.cards) this.unmount(c);
    this.cards = [];
    this.marks.clear(false);
  }

  private unmount(c: Card) {
    c.toggle.host.remove();
    for (const el of [c.root, ...c.twins]) unmarkCard(el);
  }

  private async process(): Promise<void> {
    if (this.stopped) return;
    // A re-run (alphaXiv re-rendered or its title arrived): start over with what the page shows now.
    for (const c of this.cards) this.unmount(c);
    this.cards = [];
    const found = siteCards(this.doc, this.url, this.kind);
    const ids = [...new Set(found.map((f) => f.id))];
    const looked = this.lookup(ids.filter((id) => !this.saved.has(id)));
    const batch: Card[] = found.map((f) => {
      const card = { ...f, toggle: null!, matched: false, matches: [], shown: true } as unknown as Card;
      card.toggle = createToggle(this.doc, f.id, (want) => void this.toggle(card, want));
      if (!f.root) {
        card.root = card.toggle.host;
        card.shown = false; // nothing to mark: the chips in the toggle still name the topics
      }
      return card;
    });
    await looked;
    if (this.stopped) return;
    for (const c of batch) {
      c.toggle.setSaved(this.saved.get(c.id) === true);
      c.toggle.host.style.cssText = c.spot ? INLINE : FIXED;
      (c.spot ?? this.doc.body).append(c.toggle.host);
      for (const el of [c.root, ...c.twins]) el.setAttribute(HOOK.id, c.id);
    }
    this.cards = batch;
    await this.matchCards();
    this.report();
  }

  private async lookup(ids: string[]): Promise<void> {
    const asked = new Map(ids.map((id) => [id, this.changes.get(id) ?? 0]));
    try {
      const res = await send('lookup', { ids });
      const saved = new Set(res.saved);
      for (const id of ids) if ((this.changes.get(id) ?? 0) === asked.get(id)) this.saved.set(id, saved.has(id));
      this.marks.set(res.topics, res.mode);
    } catch (err) {
      for (const id of ids) if (!this.saved.has(id)) this.saved.set(id, false);
      console.warn('[Papershelf]', describeError(err));
    }
  }

  private async matchCards(): Promise<void> {
    if (!this.marks.topics.length) {
      for (const c of this.cards) this.marks.apply(c, []);
      this.marks.refresh();
      return;
    }
    const seen = new Set<string>();
    const texts = this.cards.filter((c) => !seen.has(c.id) && seen.add(c.id)).map(matchText);
    let res;
    try {
      res = await send('match', { cards: texts });
    } catch (err) {
      console.warn('[Papershelf]', describeError(err));
      return;
    }
    if (this.stopped) return;
    this.marks.set(res.topics, this.marks.mode);
    for (const c of this.cards) this.marks.apply(c, res.matches[c.id] ?? []);
    this.marks.refresh();
  }

  private async toggle(card: Card, want: boolean): Promise<void> {
    if (this.stopped) return;
    const mine = this.cards.filter((c) => c.id === card.id);
    for (const c of mine) {
      c.toggle.setBusy(true);
      c.toggle.setError(null);
    }
    const seen = this.changes.get(card.id) ?? 0;
    try {
      if (want) await send('save', { card: card.info });
      else await send('unsave', { id: card.id });
      if ((this.changes.get(card.id) ?? 0) === seen) this.setSaved(card.id, want);
    } catch (err) {
      const message = describeError(err);
      let now: boolean | undefined;
      try {
        now = (await send('lookup', { ids: [card.id] })).saved.includes(card.id);
      } catch {
        now = undefined;
      }
      if (now !== undefined && (this.changes.get(card.id) ?? 0) === seen) this.setSaved(card.id, now);
      if (now !== want) for (const c of mine) c.toggle.setError(message);
    } finally {
      for (const c of mine) c.toggle.setBusy(false);
    }
  }

  private setSaved(id: string, saved: boolean) {
    this.changes.set(id, (this.changes.get(id) ?? 0) + 1);
    this.saved.set(id, saved);
    for (const c of this.cards) if (c.id === id) c.toggle.setSaved(saved);
  }

  private onSync(e: SyncEvent) {
    if (this.stopped) return;
    if (e.saved) for (const [id, s] of Object.entries(e.saved)) if (this.saved.has(id)) this.setSaved(id, s);
    if (e.mode) {
      this.marks.set(this.marks.topics, e.mode);
      for (const c of this.cards) this.marks.mark(c);
      this.marks.updateBar();
    }
    if (e.topics)
      void this.lookup([]).then(async () => {
        await this.matchCards();
        this.report();
      });
    if (e.library) void this.recheck();
  }

  private async recheck(): Promise<void> {
    const ids = [...this.saved.keys()];
    if (!ids.length) return;
    const asked = new Map(ids.map((id) => [id, this.changes.get(id) ?? 0]));
    try {
      const saved = new Set((await send('lookup', { ids })).saved);
      if (!this.stopped) for (const id of ids) if ((this.changes.get(id) ?? 0) === asked.get(id)) this.setSaved(id, saved.has(id));
    } catch (err) {
      console.warn('[Papershelf]', describeError(err));
    }
  }

  private report() {
    const s = this.status();
    send('report', { cards: s.cards, matching: s.matches.length }).catch(() => undefined);
  }

  /** Save this page's paper (keyboard command): on an abstract or alphaXiv page, or the only card. */
  saveCurrent(): void {
    const card = this.cards.length === 1 || this.kind === 'abs' || this.kind === 'alphaxiv' ? this.cards[0] : undefined;
    if (card && !this.saved.get(card.id)) void this.toggle(card, true);
  }

  status(): PageStatus {
    const ids = new Set<string>();
    const matches: PageStatus['matches'] = [];
    for (const c of this.cards) {
      if (ids.has(c.id)) continue;
      ids.add(c.id);
      if (c.matches.length) matches.push({ id: c.id, title: c.info.title, topics: c.matches.map((m) => m.name), saved: this.saved.get(c.id) === true });
    }
    const kind = this.kind === 'listing' || this.kind === 'search' ? 'list' : this.kind === 'none' ? 'none' : 'paper';
    return { url: this.url, kind, cards: ids.size, matches };
  }
}
