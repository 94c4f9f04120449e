/**
 * "Like your library": a tf-idf model of the saved papers, kept in the background worker.
 *
 * - Each paper is a sparse vector over the library's vocabulary: sublinear term frequency
 *   (1 + ln tf) of its title, abstract and AI keywords, unit length, quantised to integers (`Q`) so
 *   that sums are exact in any order: adding and removing papers one by one gives exactly the model a
 *   full rebuild gives (tests/unit/recommend/model.test.ts checks it on random sequences).
 * - Profiles: the whole library, and each tag with at least MIN_TAG_PAPERS papers. A profile keeps
 *   the sum of its papers' vectors; idf (ln((1 + N) / (1 + df)) + 1, over the library) is applied when
 *   scoring, so a save changes one paper's terms, not every vector (O(terms of the paper)).
 * - "Not interested" papers are negatives: their mean, times NEGATIVE_WEIGHT, is subtracted from
 *   every profile's mean (Rocchio), and they are never recommended.
 * - A card's score is the cosine between its tf-idf vector and the best profile's; cards at or above
 *   THRESHOLD are recommended, best first, with the reason: the terms that add most to the score and
 *   the most similar saved paper of that profile.
 * - Speed (a 1,000-card page against 10,000 papers: bench group `recommend`): texts are read through a
 *   `Lexicon` (each distinct word looked up once), and the most similar papers of all recommended
 *   cards come from one pass over the library.
 */
import { countTerms, countText, Lexicon, logCount, textOf, type Stemming } from './tokenize';

/** What the model reads from a saved paper. */
export interface RecPaper {
  id: string;
  title: string;
  summary?: string;
  aiKeywords?: string[];
  tags?: string[];
}

/** What the model reads from a card on a page (or a "Not interested" paper). */
export interface RecCard {
  id: string;
  title: string;
  abstract?: string;
  keywords?: string[];
}

export interface Recommendation {
  id: string;
  /** Cosine similarity to the best profile, 0…1. */
  score: number;
  /** Up to three words the card shares with the profile, the strongest first. */
  terms: string[];
  /** The most similar saved paper of the profile. */
  like?: { id: string; title: string };
  /** The tag whose profile the card resembles most (none: the whole library). */
  tag?: string;
  /** The reason in words: "retrieval, dense, reranking — like “ColBERT…”". */
  reason: string;
}

/**
 * Cards scoring at least this are recommended. Chosen from the fixture corpus
 * (tests/unit/recommend/threshold.test.ts prints the distributions): a library of code-search
 * papers scores the other retrieval papers 0.168–0.218 and the rest ≤ 0.164; a library on code
 * editing scores its related paper 0.215 and the rest ≤ 0.169. 0.166 is the middle of the first gap.
 */
export const THRESHOLD = 0.166;
export const MIN_TAG_PAPERS = 5;
export const NEGATIVE_WEIGHT = 0.5;
/** Weights are stored as integers out of Q. */
const Q = 10_000;
const REASON_TERMS = 3;

interface Vec {
  /** Term ids, ascending. */
  t: Uint32Array;
  /** Quantised weights (1…Q), in the order of `t`. */
  w: Uint16Array;
}
interface Doc extends Vec {
  id: string;
  title: string;
  tags: string[];
}
interface Profile {
  n: number;
  /** term id → sum of quantised weights (integers: exact). */
  sum: Map<number, number>;
}

/** The persisted form (IndexedDB structured clone: typed arrays stay compact). */
export interface Snapshot {
  v: 1;
  stemming: Stemming;
  terms: string[];
  docs: Array<{ id: string; title: string; tags: string[]; t: Uint32Array; w: Uint16Array }>;
  negatives: Array<{ id: string; title: string; t: Uint32Array; w: Uint16Array }>;
}

const emptyProfile = (): Profile => ({ n: 0, sum: new Map() });

function addTo(p: Profile, v: Vec, sign: 1 | -1) {
  p.n += sign;
  for (let i = 0; i < v.t.length; i++) {
    const k = v.t[i]!;
    const s = (p.sum.get(k) ?? 0) + sign * v.w[i]!;
    if (s === 0) p.sum.delete(k);
    else p.sum.set(k, s);
  }
}

/** Unit-length sublinear tf weights of a text's terms. */
export function termWeights(text: string, stemming: Stemming = 'plural', surface?: Map<string, string>): Map<string, number> {
  const counts = new Map<string, number>();
  countTerms(text, counts, surface, stemming);
  let norm = 0;
  for (const [t, c] of counts) {
    const w = 1 + Math.log(c);
    counts.set(t, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  for (const [t, w] of counts) counts.set(t, w / norm);
  return counts;
}

/** Unit-length sublinear tf weights of counted terms: the values `termWeights` gives, in the same order. */
function unitWeights(counts: readonly number[]): Float64Array {
  const w = new Float64Array(counts.length);
  let norm = 0;
  for (let i = 0; i < counts.length; i++) {
    const x = 1 + logCount(counts[i]!);
    w[i] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm);
  for (let i = 0; i < w.length; i++) w[i]! /= norm;
  return w;
}

/** A lexicon holding more words than this (pages bring new ones) is started again from the model's terms. */
const LEXICON_WORDS = 200_000;

export class Recommender {
  /** The words read so far (library and pages) and their terms; `terms` are the model's vocabulary. */
  private lex: Lexicon;
  private terms: string[] = [];
  /** Lexicon term id → model term id + 1 (0: not in the model's vocabulary). */
  private modelOf = new Int32Array(1024);
  private df: number[] = [];
  private docs = new Map<string, Doc>();
  private negatives = new Map<string, Vec & { id: string; title: string }>();
  private library = emptyProfile();
  private tagProfiles = new Map<string, Profile>();
  private negativeSum = emptyProfile();
  /** Bumped on every change: scoring caches are rebuilt when it moved. */
  private version = 0;
  private cache?: { version: number; profiles: Array<{ tag?: string; v: Float64Array }> };

  constructor(readonly stemming: Stemming = 'plural') {
    this.lex = new Lexicon(stemming);
  }

  static build(papers: Iterable<RecPaper>, negatives: Iterable<RecCard> = [], stemming: Stemming = 'plural'): Recommender {
    const r = new Recommender(stemming);
    for (const p of papers) r.upsert(p);
    for (const n of negatives) r.notInterested(n);
    return r;
  }

  get size(): number {
    return this.docs.size;
  }

  has(id: string): boolean {
    return this.docs.has(id);
  }

  isNegative(id: string): boolean {
    return this.negatives.has(id);
  }

  /** The model term id of a lexicon term, or -1. */
  private known(lexId: number): number {
    return lexId < this.modelOf.length ? this.modelOf[lexId]! - 1 : -1;
  }

  /** The model term id of a lexicon term, added to the vocabulary if new. */
  private termOf(lexId: number): number {
    let id = this.known(lexId);
    if (id < 0) {
      id = this.terms.length;
      this.terms.push(this.lex.terms[lexId]!);
      this.df.push(0);
      if (lexId >= this.modelOf.length) {
        const grown = new Int32Array(Math.max(2 * this.modelOf.length, lexId + 1));
        grown.set(this.modelOf);
        this.modelOf = grown;
      }
      this.modelOf[lexId] = id + 1;
    }
    return id;
  }

  private termId(term: string): number {
    return this.termOf(this.lex.id(term));
  }

  private vec(p: RecCard): Vec {
    const { ids, counts } = countText(this.lex, p);
    const w = unitWeights(counts);
    const pairs = ids.map((l, i) => [this.termOf(l), Math.max(1, Math.round(w[i]! * Q))] as const);
    pairs.sort((a, b) => a[0] - b[0]);
    return { t: Uint32Array.from(pairs, (p) => p[0]), w: Uint16Array.from(pairs, (p) => p[1]) };
  }

  /** Start the lexicon again from the model's terms once pages have filled it with words the model never kept. */
  private trimLexicon() {
    if (this.lex.words <= LEXICON_WORDS) return;
    this.lex = new Lexicon(this.stemming);
    this.modelOf = new Int32Array(Math.max(1024, this.terms.length));
    for (let k = 0; k < this.terms.length; k++) {
      const l = this.lex.id(this.terms[k]!);
      if (l >= this.modelOf.length) {
        const grown = new Int32Array(2 * l);
        grown.set(this.modelOf);
        this.modelOf = grown;
      }
      this.modelOf[l] = k + 1;
    }
  }

  private profileOf(tag: string): Profile {
    let p = this.tagProfiles.get(tag);
    if (!p) this.tagProfiles.set(tag, (p = emptyProfile()));
    return p;
  }

  private addDoc(doc: Doc, sign: 1 | -1) {
    for (const k of doc.t) this.df[k]! += sign;
    addTo(this.library, doc, sign);
    for (const tag of doc.tags) {
      const p = this.profileOf(tag);
      addTo(p, doc, sign);
      if (p.n === 0) this.tagProfiles.delete(tag);
    }
    this.version++;
  }

  /** Add a saved paper, or replace its earlier version (text or tags changed). */
  upsert(p: RecPaper): void {
    const tags = [...new Set(p.tags ?? [])];
    const old = this.docs.get(p.id);
    if (old) this.addDoc(old, -1);
    const doc: Doc = { id: p.id, title: p.title, tags, ...this.vec({ id: p.id, title: p.title, abstract: p.summary, keywords: p.aiKeywords }) };
    this.docs.set(p.id, doc);
    this.addDoc(doc, 1);
  }

  remove(id: string): void {
    const old = this.docs.get(id);
    if (!old) return;
    this.docs.delete(id);
    this.addDoc(old, -1);
  }

  /** A negative example: never recommended again, and similar papers score lower. */
  notInterested(card: RecCard): void {
    const old = this.negatives.get(card.id);
    if (old) addTo(this.negativeSum, old, -1);
    const v = { id: card.id, title: card.title, ...this.vec(card) };
    this.negatives.set(card.id, v);
    addTo(this.negativeSum, v, 1);
    this.version++;
  }

  /** Undo `notInterested`: the paper is an ordinary card again. */
  forgetNegative(id: string): void {
    const old = this.negatives.get(id);
    if (!old) return;
    addTo(this.negativeSum, old, -1);
    this.negatives.delete(id);
    this.version++;
  }

  clear(): void {
    Object.assign(this, new Recommender(this.stemming));
    this.version++;
  }

  /** Each usable profile's mean vector, minus the negatives', dense by term id (cached until the model changes). */
  private means() {
    if (this.cache?.version === this.version) return this.cache.profiles;
    const neg = this.negativeSum;
    const size = this.terms.length;
    const mean = (p: Profile): Float64Array => {
      const v = new Float64Array(size);
      for (const [k, s] of p.sum) v[k] = s / (Q * p.n);
      if (neg.n) for (const [k, s] of neg.sum) v[k]! -= (NEGATIVE_WEIGHT * s) / (Q * neg.n);
      return v;
    };
    const profiles: Array<{ tag?: string; v: Float64Array }> = [];
    if (this.docs.size) {
      profiles.push({ v: mean(this.library) });
      for (const [tag, p] of this.tagProfiles) if (p.n >= MIN_TAG_PAPERS) profiles.push({ tag, v: mean(p) });
    }
    this.cache = { version: this.version, profiles };
    return profiles;
  }

  /**
   * Score a page's cards; the best `max` at or above `threshold`, best first. Saved papers and
   * negatives are never recommended; each card is scored once.
   *
   * idf counts the library's papers and the page's other cards as documents: on a page of code
   * papers, "code" tells nothing, whatever the library says (with the library alone, a library of
   * code-search papers scores "code" as high as "search": measured in threshold.test.ts).
   * `linear`: find each recommended card's most similar paper by a pass over the library per card
   * instead of one pass for all (the same answer, slower: tests compare the two).
   */
  recommend(cards: readonly RecCard[], max = 5, threshold = THRESHOLD, pageIdf = true, linear = false): Recommendation[] {
    const means = this.means();
    if (!means.length || max <= 0) return [];
    this.trimLexicon();
    const size = this.terms.length;
    // The page's cards: terms in the vocabulary (ids, weights), and the weights of the others.
    const page: Array<{ card: RecCard; ks: Int32Array; ws: Float64Array; unseen: number[]; unseenW: number[] }> = [];
    const done = new Set<string>();
    const pageDf = new Uint32Array(size);
    /** Lexicon term id → cards having it, for terms not in the model's vocabulary. */
    const unseenDf = new Map<number, number>();
    let pageDocs = 0;
    for (const card of cards) {
      if (done.has(card.id)) continue;
      done.add(card.id);
      if (this.docs.has(card.id)) continue; // already a document of the library
      const { ids, counts } = countText(this.lex, card);
      const weights = unitWeights(counts);
      const ks: number[] = [];
      const ws: number[] = [];
      const unseen: number[] = [];
      const unseenW: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        const term = ids[i]!;
        const w = weights[i]!;
        const k = this.known(term);
        if (k < 0) {
          unseen.push(term);
          unseenW.push(w);
          if (pageIdf) unseenDf.set(term, (unseenDf.get(term) ?? 0) + 1);
        } else {
          ks.push(k);
          ws.push(w);
          if (pageIdf) pageDf[k]!++;
        }
      }
      if (pageIdf) pageDocs++;
      if (!this.negatives.has(card.id) && ks.length) page.push({ card, ks: Int32Array.from(ks), ws: Float64Array.from(ws), unseen, unseenW });
    }
    const n1 = 1 + this.docs.size + pageDocs;
    const idf = new Float64Array(size);
    for (let k = 0; k < size; k++) idf[k] = Math.log(n1 / (1 + this.df[k]! + pageDf[k]!)) + 1;
    const unseenIdf = new Map<number, number>();
    for (const p of page) for (const l of p.unseen) if (!unseenIdf.has(l)) unseenIdf.set(l, Math.log(n1 / (1 + (unseenDf.get(l) ?? 0))) + 1);
    // Scoring vectors: q = idf² · mean / |idf · mean|, so that a card's score is Σ q·w / |idf · w|.
    const profiles = means.map(({ tag, v }) => {
      let norm = 0;
      for (let k = 0; k < size; k++) if (v[k]) norm += (idf[k]! * v[k]!) ** 2;
      const q = new Float64Array(size);
      if (norm > 0) {
        const inv = 1 / Math.sqrt(norm);
        for (let k = 0; k < size; k++) if (v[k]) q[k] = idf[k]! * idf[k]! * v[k]! * inv;
      }
      return { tag, q };
    });
    const found: Array<{ i: number; score: number; profile: (typeof profiles)[number] }> = [];
    for (let i = 0; i < page.length; i++) {
      const { ks, ws, unseen, unseenW } = page[i]!;
      let norm = 0;
      for (let j = 0; j < ks.length; j++) norm += (idf[ks[j]!]! * ws[j]!) ** 2;
      for (let j = 0; j < unseen.length; j++) norm += (unseenIdf.get(unseen[j]!)! * unseenW[j]!) ** 2;
      norm = Math.sqrt(norm);
      // The score is the best profile's. A broad library's mean tends to beat a tag's (a generic card
      // overlaps it more), so the card is credited to the best tag that clears the threshold, if any.
      let score = -Infinity;
      let tagged: (typeof profiles)[number] | undefined;
      let taggedScore = -Infinity;
      for (const p of profiles) {
        let dot = 0;
        for (let j = 0; j < ks.length; j++) dot += p.q[ks[j]!]! * ws[j]!;
        const s = dot / norm;
        if (s > score) score = s;
        if (p.tag !== undefined && s >= threshold && s > taggedScore) {
          taggedScore = s;
          tagged = p;
        }
      }
      if (score >= threshold) found.push({ i, score, profile: tagged ?? profiles[0]! });
    }
    found.sort((a, b) => b.score - a.score || (page[a.i]!.card.id < page[b.i]!.card.id ? -1 : 1));
    const top = found.slice(0, max);
    const like = linear
      ? top.map((f) => this.mostSimilarLinear(page[f.i]!.ks, page[f.i]!.ws, idf, f.profile.tag))
      : this.mostSimilar(top.map((f) => ({ ...page[f.i]!, tag: f.profile.tag })), idf);
    return top.map((f, n) => {
      const { card, ks, ws } = page[f.i]!;
      const { q, tag } = f.profile;
      // The words as the card writes them (read again for these few cards only).
      const surface = new Map<string, string>();
      termWeights(textOf(card), this.stemming, surface);
      const shared = Array.from(ks, (k, j) => [k, q[k]! * ws[j]!] as const)
        .filter(([, c]) => c > 0)
        .sort((a, b) => b[1] - a[1])
        .slice(0, REASON_TERMS)
        .map(([k]) => surface.get(this.terms[k]!) ?? this.terms[k]!);
      const d = like[n];
      const reason = `${shared.join(', ')}${d ? ` — like “${d.title}”` : ''}${tag ? ` (tag “${tag}”)` : ''}`;
      return { id: card.id, score: f.score, terms: shared, ...(d && { like: { id: d.id, title: d.title } }), ...(tag !== undefined && { tag }), reason };
    });
  }

  /** |idf · w| of a saved paper (idf depends on the page). */
  private static norm(d: Doc, idf: Float64Array): number {
    let n = 0;
    for (let i = 0; i < d.t.length; i++) n += (idf[d.t[i]!]! * d.w[i]!) ** 2;
    return Math.sqrt(n);
  }

  /**
   * The saved paper (of the card's tag, or any) most similar to each recommended card, by cosine of
   * tf-idf vectors; ties go to the paper saved first. One pass over the library for all the cards:
   * an inverted index of the cards' terms (term → the cards having it, with idf² · weight) gives,
   * for each term of a paper, the cards it adds to; a paper's norm is computed once, if it shares a
   * term with any card. Each dot sums the same products in the same order as `mostSimilarLinear`
   * (by the paper's terms), so both give the same paper; this one costs one pass, not one per card.
   */
  private mostSimilar(cards: ReadonlyArray<{ ks: Int32Array; ws: Float64Array; tag?: string }>, idf: Float64Array): Array<Doc | undefined> {
    const size = idf.length;
    const start = new Uint32Array(size + 1);
    for (const { ks } of cards) for (let j = 0; j < ks.length; j++) start[ks[j]! + 1]!++;
    for (let k = 0; k < size; k++) start[k + 1]! += start[k]!;
    const fill = start.slice(0, size);
    const who = new Uint32Array(start[size]!);
    const val = new Float64Array(start[size]!);
    cards.forEach(({ ks, ws }, c) => {
      for (let j = 0; j < ks.length; j++) {
        const k = ks[j]!;
        const at = fill[k]!++;
        who[at] = c;
        val[at] = idf[k]! * idf[k]! * ws[j]!;
      }
    });
    const dots = new Float64Array(cards.length);
    const best = new Float64Array(cards.length);
    const found: Array<Doc | undefined> = cards.map(() => undefined);
    const touched: number[] = [];
    for (const d of this.docs.values()) {
      for (let i = 0; i < d.t.length; i++) {
        const k = d.t[i]!;
        const w = d.w[i]!;
        for (let p = start[k]!, end = start[k + 1]!; p < end; p++) {
          const c = who[p]!;
          if (dots[c] === 0) touched.push(c);
          dots[c]! += val[p]! * w;
        }
      }
      if (!touched.length) continue;
      let norm = 0;
      for (const c of touched) {
        const dot = dots[c]!;
        dots[c] = 0;
        const tag = cards[c]!.tag;
        if (tag !== undefined && !d.tags.includes(tag)) continue;
        norm ||= Recommender.norm(d, idf);
        const s = dot / norm;
        if (s > best[c]!) {
          best[c] = s;
          found[c] = d;
        }
      }
      touched.length = 0;
    }
    return found;
  }

  /** The same as `mostSimilar` for one card, by a plain pass over the library (tests compare the two). */
  private mostSimilarLinear(ks: Int32Array, ws: Float64Array, idf: Float64Array, tag?: string): Doc | undefined {
    const card = new Float64Array(idf.length);
    for (let j = 0; j < ks.length; j++) card[ks[j]!] = idf[ks[j]!]! * idf[ks[j]!]! * ws[j]!;
    let best: Doc | undefined;
    let bestScore = 0;
    for (const d of this.docs.values()) {
      if (tag !== undefined && !d.tags.includes(tag)) continue;
      let dot = 0;
      for (let i = 0; i < d.t.length; i++) dot += card[d.t[i]!]! * d.w[i]!;
      if (dot <= 0) continue;
      const s = dot / Recommender.norm(d, idf);
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
    return best;
  }

  /** The persisted form: only the terms in use, renumbered. */
  serialise(): Snapshot {
    const used = new Map<number, number>();
    const terms: string[] = [];
    const remap = (v: Vec) => {
      const pairs = [...v.t].map((k, i) => {
        let to = used.get(k);
        if (to === undefined) {
          to = terms.length;
          used.set(k, to);
          terms.push(this.terms[k]!);
        }
        return [to, v.w[i]!] as const;
      });
      pairs.sort((a, b) => a[0] - b[0]);
      return { t: Uint32Array.from(pairs, (p) => p[0]), w: Uint16Array.from(pairs, (p) => p[1]) };
    };
    return {
      v: 1,
      stemming: this.stemming,
      terms,
      docs: [...this.docs.values()].map((d) => ({ id: d.id, title: d.title, tags: d.tags, ...remap(d) })),
      negatives: [...this.negatives.values()].map((n) => ({ id: n.id, title: n.title, ...remap(n) })),
    };
  }

  /** Load a persisted model (its vectors are summed again; no text is read). Undefined: not a model. */
  static deserialise(s: unknown): Recommender | undefined {
    const snap = s as Snapshot;
    if (!snap || snap.v !== 1 || !Array.isArray(snap.terms) || !Array.isArray(snap.docs) || !Array.isArray(snap.negatives)) return undefined;
    const r = new Recommender(snap.stemming === 'none' ? 'none' : 'plural');
    for (const t of snap.terms) r.termId(t);
    const vecOf = (x: { t: ArrayLike<number>; w: ArrayLike<number> }): Vec => ({ t: Uint32Array.from(x.t), w: Uint16Array.from(x.w) });
    for (const d of snap.docs) {
      const doc: Doc = { id: d.id, title: d.title, tags: [...d.tags], ...vecOf(d) };
      if (doc.t.some((k) => k >= r.terms.length)) return undefined;
      r.docs.set(doc.id, doc);
      r.addDoc(doc, 1);
    }
    for (const n of snap.negatives) {
      const v = { id: n.id, title: n.title, ...vecOf(n) };
      if (v.t.some((k) => k >= r.terms.length)) return undefined;
      r.negatives.set(v.id, v);
      addTo(r.negativeSum, v, 1);
    }
    return r;
  }

  /** The model as plain, order-free data (terms by name): equal models give equal values. */
  canonical(): unknown {
    const named = (p: Profile) => [...p.sum].map(([k, s]) => [this.terms[k]!, s] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1));
    return {
      df: this.df.map((d, k) => [this.terms[k]!, d] as const).filter(([, d]) => d > 0).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      library: { n: this.library.n, sum: named(this.library) },
      tags: [...this.tagProfiles].map(([tag, p]) => [tag, p.n, named(p)] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
      negatives: { n: this.negativeSum.n, sum: named(this.negativeSum), ids: [...this.negatives.keys()].sort() },
      docs: [...this.docs.values()].map((d) => [d.id, d.title, [...d.tags].sort()] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    };
  }
}


