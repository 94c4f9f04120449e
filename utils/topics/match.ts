/**
 * Match one card against compiled topics: one word pass per field (scan-words.ts), regex terms only
 * where the word pass or their required text says they may match (scan-regexes.ts), then one
 * result per matching topic.
 * Synchronous: the scratch state of a scan (scan-state.ts) belongs to the compiled topics and is
 * passed to both passes.
 */
import type { CompiledTopics } from './compile';
import { type Hit, INCLUDE, PHRASE, PLAIN } from './hits';
import type { ScanState } from './scan-state';
import { scanRegexes } from './scan-regexes';
import { scanWords } from './scan-words';
import { HIDDEN_ALL, words } from './tokenize';

export interface MatchFields {
  title: string;
  abstract?: string;
  keywords?: string[];
  organization?: string;
}

export interface TopicRange {
  field: 'title' | 'abstract';
  /** UTF-16 offsets into the given string, end exclusive. */
  start: number;
  end: number;
}

export interface TopicMatch {
  topicId: string;
  name: string;
  color: string;
  /**
   * The matched text as it appears (whitespace collapsed, invisible characters removed), in reading
   * order (title, abstract, keywords, organization), deduped by matched words ("Code LLM", "code-LLM"
   * and "ｃｏｄｅ ＬＬＭ" are one entry, the first seen); a match lying inside a longer one is left out.
   */
  terms: string[];
  /** Include matches in title and abstract: sorted, non-overlapping (touching ones merged) per field. */
  ranges: TopicRange[];
}

const FIELD_NAMES = ['title', 'abstract'] as const;
const termKeys: string[] = [];
const before = (a: Hit, b: Hit) => a.field - b.field || a.start - b.start || b.end - a.end;

/** Sort a topic's hits in reading order (one-word hits arrive in it; phrase and regex hits may not). */
function sortHits(list: Hit[]): Hit[] {
  for (let k = 1; k < list.length; k++)
    if (before(list[k - 1]!, list[k]!) > 0) {
      list.sort(before);
      break;
    }
  return list;
}

/** The key of a phrase hit: its words' keys, space-joined (the span holds just those words). */
const phraseKey = (h: Hit) => words(h.text.slice(h.start, h.end)).map((w) => w.key).join(' ');

function termsOf(hits: Hit[]): string[] {
  const list = sortHits(hits);
  const terms: string[] = [];
  const keys = termKeys; // dedupe keys of `terms`, few
  keys.length = 0;
  let reach = -1; // furthest end so far in the current field
  for (let k = 0; k < list.length; k++) {
    const h = list[k]!;
    if (k > 0 && list[k - 1]!.field !== h.field) reach = -1;
    // A match inside a longer one ("diffusion" in "diffusion models") adds nothing to the tooltip.
    if (h.end <= reach) continue;
    reach = h.end;
    if (h.key !== null && keys.includes(h.key)) continue;
    let term = h.text.slice(h.start, h.end);
    if (h.kind !== PLAIN) term = term.replace(HIDDEN_ALL, '').replace(/\s+/g, ' ');
    const key = h.key ?? (h.kind === PHRASE ? phraseKey(h) : term.toLowerCase());
    if (!keys.includes(key)) keys.push(key), terms.push(term);
  }
  keys.length = 0;
  return terms;
}

function rangesOf(hits: Hit[]): TopicRange[] {
  const list = sortHits(hits);
  const ranges: TopicRange[] = [];
  for (let k = 0; k < list.length; k++) {
    const h = list[k]!;
    const field = FIELD_NAMES[h.field];
    if (field === undefined) break; // keywords and organization come last
    const prev = ranges[ranges.length - 1];
    if (prev && prev.field === field && h.start <= prev.end) prev.end = Math.max(prev.end, h.end);
    else ranges.push({ field, start: h.start, end: h.end });
  }
  return ranges;
}

/**
 * One matching topic. `terms` and `ranges` are getters that build them on first read, from the
 * hits kept until then: most cards are never painted or hovered. `toJSON` gives the plain object.
 */
class Match implements TopicMatch {
  readonly topicId: string;
  readonly name: string;
  readonly color: string;
  #hits: Hit[];
  #terms: string[] | null = null;
  #ranges: TopicRange[] | null = null;

  constructor(topic: { id: string; name: string; color: string }, hits: Hit[]) {
    this.topicId = topic.id;
    this.name = topic.name;
    this.color = topic.color;
    this.#hits = hits;
  }

  get terms(): string[] {
    return (this.#terms ??= termsOf(this.#hits));
  }

  get ranges(): TopicRange[] {
    return (this.#ranges ??= rangesOf(this.#hits));
  }

  toJSON(): TopicMatch {
    return plainMatch(this);
  }
}

/** A match as plain data, its terms and ranges built now: what a message copies (own properties only). */
export const plainMatch = ({ topicId, name, color, terms, ranges }: TopicMatch): TopicMatch => ({ topicId, name, color, terms, ranges });

function scan(c: CompiledTopics, s: ScanState, text: unknown, field: number): void {
  if (typeof text !== 'string' || text === '') return;
  s.startField(c.gates, c.literals.length);
  scanWords(c, s, text, field);
  if (c.regexes.length) scanRegexes(c, s, text, field);
}

/**
 * Topics matching a card, in topic order. A topic matches when at least one include term matches
 * in any field and no exclusion term does.
 */
export function matchTopics(compiled: CompiledTopics, fields: MatchFields): TopicMatch[] {
  const n = compiled.topics.length;
  if (n === 0) return [];
  const s = compiled.scan;
  s.startCard(n);
  scan(compiled, s, fields.title, 0);
  scan(compiled, s, fields.abstract, 1);
  const kw = Array.isArray(fields.keywords) ? fields.keywords : [];
  for (let i = 0; i < kw.length; i++) scan(compiled, s, kw[i], 2 + i);
  scan(compiled, s, fields.organization, 2 + kw.length);
  const out: TopicMatch[] = [];
  for (let k = 0; k < n; k++) if (s.flags[k] === INCLUDE) out.push(new Match(compiled.topics[k]!, s.hits[k]!));
  return out;
}
