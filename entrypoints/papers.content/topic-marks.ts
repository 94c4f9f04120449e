/**
 * How the page shows topics: the enabled topics and display mode, each card's ring / dim / hide
 * marks and chips, the "N papers hidden" bar, and the highlighted words. Matching itself is the
 * background's (watcher.ts asks it).
 */
import type { CardMatch, TopicBrief } from '@/utils/protocol/messages';
import type { CardInfo, DisplayMode } from '@/utils/types';
import { HighlightPainter } from './highlights';
import { hiddenBar, installPageStyle, markCard, removePageStyle } from './marks';
import type { Toggle } from './toggle';

export interface MarkedCard {
  root: Element;
  /** Other elements of the same card that carry its id and marks too (an arXiv listing entry's `<dd>`). */
  twins?: readonly Element[];
  /** Its root is the page itself, not a card (a fixed toggle): no ring, dim or hide; the chips still tell. */
  unmarked?: boolean;
  toggle: Toggle;
  info?: CardInfo;
  /** Matched against the current topics (`matches` is meaningful). */
  matched: boolean;
  matches: CardMatch[];
  /** Its toggle and marks are shown (not waiting in the revealer). */
  shown: boolean;
}

const chipsOf = (matches: CardMatch[]) => matches.map((m) => ({ name: m.name, color: m.color, terms: m.terms }));

export class TopicMarks {
  /** The enabled topics that can match, in order. */
  topics: TopicBrief[] = [];
  mode: DisplayMode = 'highlight';
  /** "Dim seen papers": cards marked data-papershelf-seen are dimmed too. */
  dimSeen = false;
  /** The bar's "Show" was pressed: hidden cards are shown (dimmed). */
  private revealHidden = false;
  private bar?: ReturnType<typeof hiddenBar>;
  private painter: HighlightPainter;

  constructor(
    private doc: Document,
    private cards: () => readonly MarkedCard[],
  ) {
    this.painter = new HighlightPainter(doc);
  }

  set(topics: TopicBrief[], mode: DisplayMode): void {
    this.topics = Array.isArray(topics) ? topics : [];
    this.mode = mode;
    installPageStyle(this.doc, this.topics);
  }

  /** Topic and display-mode marks, once the card is matched and shown. */
  mark(c: MarkedCard): void {
    if (!c.matched || !c.shown || c.unmarked) return;
    const any = this.topics.length > 0;
    markCard(c.root, c.matches, this.mode, any, this.revealHidden, this.dimSeen);
    for (const t of c.twins ?? []) markCard(t, c.matches, this.mode, any, this.revealHidden, this.dimSeen);
  }

  apply(c: MarkedCard, matches: CardMatch[]): void {
    c.matches = matches;
    c.matched = true;
    this.mark(c);
    c.toggle.setTopics(chipsOf(c.matches));
  }

  /** After cards or their matches changed: the highlights and the bar. */
  refresh(): void {
    this.painter.update(this.cards().filter((c) => c.info).map((c) => ({ root: c.root, parts: c.twins, title: c.info!.title, abstract: c.info!.abstract, matches: c.matches })));
    this.updateBar();
  }

  updateBar(): void {
    const nonMatching = this.mode === 'hide' && this.topics.length ? this.cards().filter((c) => c.matched && !c.matches.length).length : 0;
    if (!nonMatching && !this.bar) return;
    if (!this.bar) {
      this.bar = hiddenBar(this.doc, () => {
        this.revealHidden = !this.revealHidden;
        for (const c of this.cards()) this.mark(c);
        this.updateBar();
      });
      this.doc.body.append(this.bar.el);
    }
    this.bar.set(nonMatching, this.revealHidden);
  }

  /** Remove the bar; the highlights and page style too unless `keepPage` (a newer copy owns them). */
  clear(keepPage: boolean): void {
    this.bar?.el.remove();
    if (keepPage) return;
    this.painter.clear();
    removePageStyle(this.doc);
  }
}
