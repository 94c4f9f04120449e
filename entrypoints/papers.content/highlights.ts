/**
 * Matched words painted with the CSS Custom Highlight API (no DOM rewriting), lazily: a card's
 * ranges are built when it comes near the viewport, so a 1,000-card page costs what is on screen.
 * One Highlight per topic colour; where the API is missing, the chips still say why a card matched.
 */
import type { TopicMatch } from '@/utils/topics';
import { collapse, rangesFor } from '@/utils/text-ranges';

export const HL_PREFIX = 'papershelf-topic-';

interface HighlightLike {
  add(r: Range): void;
  delete(r: Range): boolean;
}
type Registry = Map<string, HighlightLike>;

export interface PaintCard {
  root: Element;
  title: string;
  abstract?: string;
  matches: TopicMatch[];
}

const registry = () => (globalThis.CSS as unknown as { highlights?: Registry } | undefined)?.highlights;
const HighlightCtor = () => (globalThis as unknown as { Highlight?: new () => HighlightLike }).Highlight;

/** Visible elements inside `root` whose collapsed text is exactly `text` (desktop or mobile copy). */
function elementsWithText(root: Element, text: string, selector: string): Element[] {
  const out: Element[] = [];
  for (const el of root.querySelectorAll(selector)) if (collapse(el.textContent ?? '') === text) out.push(el);
  return out;
}

export class HighlightPainter {
  private cards = new Map<Element, PaintCard>();
  private painted = new Map<Element, Array<[number, Range]>>();
  private topicIndex = new Map<string, number>();
  private observer?: IntersectionObserver;

  constructor(private doc: Document) {}

  private get enabled() {
    return !!registry() && !!HighlightCtor() && typeof IntersectionObserver === 'function';
  }

  /** Replace what is painted: `cards` with their current matches. */
  update(cards: PaintCard[], topicIndex: Map<string, number>): void {
    if (!this.enabled) return;
    this.clear();
    this.topicIndex = topicIndex;
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: '600px 0px' });
    for (const c of cards) {
      if (!c.matches.length) continue;
      this.cards.set(c.root, c);
      this.observer.observe(c.root);
    }
  }

  private highlight(i: number): HighlightLike {
    const reg = registry()!;
    let h = reg.get(HL_PREFIX + i);
    if (!h) {
      h = new (HighlightCtor()!)();
      reg.set(HL_PREFIX + i, h);
    }
    return h;
  }

  private onIntersect(entries: IntersectionObserverEntry[]) {
    for (const e of entries) {
      if (!e.isIntersecting || this.painted.has(e.target)) continue;
      const card = this.cards.get(e.target);
      if (!card) continue;
      const ranges: Array<[number, Range]> = [];
      for (const m of card.matches) {
        const i = this.topicIndex.get(m.topicId) ?? 0;
        const title = m.ranges.filter((r) => r.field === 'title');
        const abstract = m.ranges.filter((r) => r.field === 'abstract');
        if (title.length)
          for (const el of elementsWithText(card.root, card.title, 'h1, h2, h3, h4, h5, h6, [role="heading"]'))
            for (const r of rangesFor(el, title, this.doc)) ranges.push([i, r]);
        if (abstract.length && card.abstract)
          for (const el of elementsWithText(card.root, card.abstract, 'p'))
            for (const r of rangesFor(el, abstract, this.doc)) ranges.push([i, r]);
      }
      for (const [i, r] of ranges) this.highlight(i).add(r);
      this.painted.set(e.target, ranges);
      this.observer?.unobserve(e.target);
    }
  }

  clear(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.cards.clear();
    this.painted.clear();
    const reg = registry();
    if (reg) for (const key of [...reg.keys()]) if (key.startsWith(HL_PREFIX)) reg.delete(key);
  }
}
