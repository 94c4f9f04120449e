/**
 * The scratch state of one scan, passed explicitly from `matchTopics` to the word and regex passes
 * (scan-words.ts, scan-regexes.ts) instead of living in module variables. Matching is synchronous,
 * one card at a time, so each compiled topic set owns one (`CompiledTopics.scan`) and reuses it:
 * nothing is allocated per card but the hits.
 */
import type { Head } from './compile';
import { EXCLUDE, type Hit, INCLUDE } from './hits';
import { type Seen, Word } from './tokenize';

/** A word read ahead of the current one, for phrases. */
export class Ahead extends Word {
  /** ASCII with nothing invisible: `hash` and `len` are its key's. */
  plain = false;
  /** Its key, once made. */
  key: string | null = null;
}

export class ScanState implements Seen {
  // The card: per topic, INCLUDE and/or EXCLUDE, and its include hits.
  flags = new Uint8Array(16);
  hits: Array<Hit[] | undefined> = [];

  // The field being read. Set by the word pass, read by the regex pass.
  /** An invisible character was seen (regexes then run on the text without them). */
  hidden = false;
  /** Some character is not ASCII. */
  nonAscii = false;
  /** Per regex gate (CompiledRegex.gate): 1 when a word starts with its text. */
  gates = new Uint8Array(8);
  /** Per required literal: 0 not checked, 1 present, 2 absent. */
  literals = new Uint8Array(16);

  // The word pass.
  /** The word being matched. */
  readonly cur = new Word();
  /** The words joined after the word ending at `aheadFrom`, read once however many phrases start with it. */
  aheadFrom = -1;
  aheadCount = 0;
  aheadDone = false;
  readonly aheadWords: Ahead[] = [];
  /**
   * Phrases of a first word found by hash are not read ahead: their heads wait in `pendHeads`
   * (`pendCount` of them), all for the word text[pendStart, pendEnd), and are checked against `next`,
   * the next word the scan reads.
   */
  pendCount = 0;
  pendStart = 0;
  pendEnd = 0;
  readonly pendHeads: Head[] = [];
  readonly next = new Ahead();

  /** Start a card matched against `topics` topics. */
  startCard(topics: number): void {
    if (this.flags.length < topics) this.flags = new Uint8Array(topics * 2);
    this.flags.fill(0, 0, topics);
    if (this.hits.length < topics) this.hits = new Array<Hit[] | undefined>(topics);
    this.hits.fill(undefined, 0, topics);
  }

  /** Start a field of the card: `gates` regex gates and `literals` required literals to track. */
  startField(gates: number, literals: number): void {
    this.hidden = false;
    this.nonAscii = false;
    this.aheadFrom = -1;
    this.pendCount = 0;
    if (gates !== 0) {
      if (this.gates.length < gates) this.gates = new Uint8Array(gates * 2);
      this.gates.fill(0, 0, gates);
    }
    if (literals !== 0) {
      if (this.literals.length < literals) this.literals = new Uint8Array(literals * 2);
      this.literals.fill(0, 0, literals);
    }
  }

  excluded(topic: number): boolean {
    return (this.flags[topic]! & EXCLUDE) !== 0;
  }

  record(topic: number, negate: boolean, field: number, start: number, end: number, text: string, key: string | null, kind: number): void {
    if (negate) {
      this.flags[topic]! |= EXCLUDE;
      return;
    }
    this.flags[topic]! |= INCLUDE;
    const h: Hit = { field, start, end, text, key, kind };
    const list = this.hits[topic];
    if (list) list.push(h);
    else this.hits[topic] = [h];
  }
}
