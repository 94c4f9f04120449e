/** What one card's scan found so far, per topic: shared by the word and regex scanners. */

export interface Hit {
  field: number; // 0 title, 1 abstract, 2… keywords, then organization
  start: number;
  end: number;
  text: string;
  /**
   * Dedupe key of the matched words (their keys, space-joined), or null when `result` makes it
   * when needed: from the text lowercased (a regex match, or PLAIN), or its words' keys (PHRASE).
   */
  key: string | null;
  kind: number;
}

/** Hit kinds: one ASCII word with nothing invisible inside (the text needs no clean-up for `terms`). */
export const PLAIN = 1;
/** A phrase with no key made. */
export const PHRASE = 2;

export const INCLUDE = 1;
export const EXCLUDE = 2;

/** Scratch state of the card being matched (matching is synchronous, one card at a time). */
export const card = {
  /** Per topic: INCLUDE and/or EXCLUDE. */
  flags: new Uint8Array(16),
  /** Per topic: include hits. */
  hits: [] as Array<Hit[] | undefined>,
};

export function startCard(topics: number): void {
  if (card.flags.length < topics) card.flags = new Uint8Array(topics * 2);
  card.flags.fill(0, 0, topics);
  if (card.hits.length < topics) card.hits = new Array<Hit[] | undefined>(topics);
  card.hits.fill(undefined, 0, topics);
}

export const excluded = (topic: number) => (card.flags[topic]! & EXCLUDE) !== 0;

export function record(topic: number, negate: boolean, field: number, start: number, end: number, text: string, key: string | null, kind: number): void {
  if (negate) {
    card.flags[topic]! |= EXCLUDE;
    return;
  }
  card.flags[topic]! |= INCLUDE;
  const h: Hit = { field, start, end, text, key, kind };
  const list = card.hits[topic];
  if (list) list.push(h);
  else card.hits[topic] = [h];
}
