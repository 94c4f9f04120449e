/**
 * Runs inside the generated 1,000-card page (bundled to one IIFE by bench/bundle-page.ts and served
 * as a script at a huggingface.co URL): topic matching of every card against a textContent read.
 */
import { compileTopics, matchTopics } from '../../utils/topics';
import type { Topic } from '../../utils/types';

interface CardText {
  root: Element;
  title: string;
  abstract: string;
}

/** Each card's title (its heading link) and abstract (its longest paragraph), as the page shows them. */
function readCards(): CardText[] {
  return Array.from(document.querySelectorAll('article'), (root) => {
    const title = root.querySelector('h3 a')?.textContent ?? '';
    let abstract = '';
    for (const p of root.querySelectorAll('p')) if ((p.textContent ?? '').length > abstract.length) abstract = p.textContent ?? '';
    return { root, title: title.replace(/\s+/g, ' ').trim(), abstract: abstract.replace(/\s+/g, ' ').trim() };
  });
}

export interface MatchRun {
  cards: number;
  /** ms: compileTopics + matchTopics for every card. */
  match: number[];
  /** ms: one textContent read of every card. */
  read: number[];
  matchedCards: number;
  matches: number;
}

/** `reps` interleaved repetitions (read, then match), each matching with a freshly compiled set. */
function run(topics: Topic[], reps: number): MatchRun {
  const cards = readCards();
  const out: MatchRun = { cards: cards.length, match: [], read: [], matchedCards: 0, matches: 0 };
  let sink = 0;
  for (let r = 0; r < reps; r++) {
    let t = performance.now();
    for (const c of cards) sink += (c.root.textContent ?? '').length;
    out.read.push(performance.now() - t);

    t = performance.now();
    const compiled = compileTopics(topics);
    let matchedCards = 0;
    let matches = 0;
    for (const c of cards) {
      const m = matchTopics(compiled, { title: c.title, abstract: c.abstract });
      if (m.length) matchedCards++;
      matches += m.length;
    }
    out.match.push(performance.now() - t);
    out.matchedCards = matchedCards;
    out.matches = matches;
  }
  if (sink < 0) console.log(sink);
  return out;
}

(globalThis as unknown as { papershelfBench: unknown }).papershelfBench = { run };
