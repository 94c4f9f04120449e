/** Records stored by the background worker in IndexedDB `papershelf`. */

export interface Paper {
  /** arXiv id, normalised without version: "2506.13000" or "hep-th/9901001". */
  id: string;
  title: string;
  authors: string[];
  summary?: string;
  /** ISO date-time the paper was published on arXiv. */
  publishedAt?: string;
  /** ISO date-time the user saved it. */
  savedAt: string;
  /** ISO date-time of the last change to this record. */
  updatedAt: string;
  /** https://huggingface.co/papers/<id> */
  url: string;
  thumbnail?: string;
  upvotes?: number;
  organization?: string;
  githubRepo?: string;
  aiKeywords?: string[];
  /** arXiv primary category (e.g. "cs.CL") when known. */
  primaryClass?: string;
  tags: string[];
  note: string;
  read: boolean;
  /** Last successful fetch of /api/papers/<id>. */
  enrichedAt?: string;
  /** Failed enrichment attempts since the last success (drives back-off). */
  enrichAttempts?: number;
  /** Where the paper was first saved (absent on records from before arXiv support: "hf"). */
  source?: PaperSource;
  /** When /api/papers/<id> answered 404 (the paper is not on HF): final, never retried. */
  notOnHfAt?: string;
}

export type PaperSource = 'hf' | 'arxiv' | 'alphaxiv';
export const PAPER_SOURCES: readonly PaperSource[] = ['hf', 'arxiv', 'alphaxiv'];

export interface Topic {
  id: string;
  name: string;
  /** CSS colour, "#rrggbb". */
  color: string;
  include: string[];
  exclude: string[];
  enabled: boolean;
  order: number;
  updatedAt?: string;
}

/** What the content script reads from one card on the page. */
export interface CardInfo {
  id: string;
  title: string;
  abstract?: string;
  organization?: string;
  upvotes?: number;
  thumbnail?: string;
  authors?: string[];
  publishedAt?: string;
  aiKeywords?: string[];
  githubRepo?: string;
  /** arXiv primary category, when the page shows it (arXiv listings, abstract pages). */
  primaryClass?: string;
}

export type DisplayMode = 'highlight' | 'dim' | 'hide';

/** A paper whose card was on screen (IndexedDB store `seen`, keyPath `id`). */
export interface SeenEntry {
  id: string;
  /** ISO date-times: the first and the last page load it was seen in. */
  firstSeenAt: string;
  lastSeenAt: string;
}
