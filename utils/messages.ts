/**
 * The one message protocol. Every message is declared here with its request and response types
 * and who may send it. Content scripts may only look up, save and unsave papers on their page
 * and report their page; everything that reads or changes the whole library needs an extension page.
 */
import { browser } from 'wxt/browser';
import type { TopicRange } from './topics/match';
import type { CardInfo, DisplayMode, Paper, Topic } from './types';

/** The most papers one message may name (a page's cards, a selection in the library). */
export const MAX_IDS = 5000;

export interface PageStatus {
  url: string;
  kind: 'list' | 'paper' | 'none';
  cards: number;
  /** Matching cards on the page, in page order. */
  matches: Array<{ id: string; title: string; topics: string[]; saved: boolean }>;
}

/** A card's text as the content script read it, matched against the topics in the background. */
export interface MatchCard {
  id: string;
  title: string;
  abstract?: string;
  keywords?: string[];
  organization?: string;
}

/** A topic a card matches: why (`terms`, as they appear) and where (`ranges` in title and abstract). */
export interface CardMatch {
  topicId: string;
  name: string;
  color: string;
  terms: string[];
  ranges: TopicRange[];
}

/** An enabled topic that can match, as content scripts need it. */
export interface TopicBrief {
  id: string;
  name: string;
  color: string;
}

export interface TopicInput {
  id?: string;
  name: string;
  color: string;
  include: string[];
  exclude: string[];
  enabled: boolean;
}

export interface ImportSummary {
  added: number;
  updated: number;
  unchanged: number;
  topics: number;
}

export interface Settings {
  mode: DisplayMode;
  lastExportAt?: string;
  savesSinceExport: number;
}

/** Library sync (Library → Sync): the Hub connection and the storage.sync mirror, as pages see them. */
export interface HubStatus {
  connected: boolean;
  user?: string;
  repo?: string;
  /** The token's last 4 characters: the full token never leaves the background. */
  tokenEnd?: string;
  lastSyncAt?: string;
  papers?: number;
  /** The last sync's error in words ("token expired…", "no write access to <repo>", "offline; will retry"). */
  error?: string;
  running: boolean;
  /** Topics that stay in this browser (storage.sync quotas), and why. */
  topicsLocal: Array<{ id: string; name: string; reason: string }>;
  topicsError?: string;
}

export interface Protocol {
  // ── anyone (content scripts and extension pages) ──
  /** `topics`: the enabled topics that can match, in order (none: no need to ask `match`). */
  lookup: { req: { ids: string[] }; res: { saved: string[]; topics: TopicBrief[]; mode: DisplayMode } };
  /**
   * Match cards against the topics. Topics live in the background, and so does matching: the page
   * ships no matcher, and the work runs off the page's thread. Sets the tab's badge.
   */
  match: { req: { cards: MatchCard[] }; res: { topics: TopicBrief[]; matches: Record<string, CardMatch[]> } };
  save: { req: { card: CardInfo }; res: Paper };
  unsave: { req: { id: string }; res: null };
  report: { req: { cards: number; matching: number }; res: null };
  // ── extension pages only ──
  /** Newest saved first; `query` filters on title, authors, tags and note; `limit` caps the page. */
  /** `total: null`: more than `limit` papers, ask `count` (counting 10,000 records takes ~25 ms: the list comes first). */
  list: { req: { query?: string; limit?: number }; res: { total: number | null; papers: Paper[] } };
  count: { req: null; res: number };
  update: { req: { ids: string[]; patch: { tags?: string[]; addTags?: string[]; removeTags?: string[]; note?: string; read?: boolean } }; res: Paper[] };
  remove: { req: { ids: string[] }; res: null };
  topics: { req: null; res: Topic[] };
  saveTopic: { req: { topic: TopicInput }; res: Topic };
  deleteTopic: { req: { id: string }; res: null };
  reorderTopics: { req: { ids: string[] }; res: Topic[] };
  settings: { req: null; res: Settings };
  setMode: { req: { mode: DisplayMode }; res: null };
  dump: { req: null; res: { papers: Paper[]; topics: Topic[] } };
  /** `lossless`: the records come from a Papershelf JSON backup (newest wins); otherwise they only add. */
  importRecords: { req: { papers: Paper[]; topics: Topic[]; dryRun: boolean; lossless?: boolean }; res: ImportSummary };
  exported: { req: null; res: null };
  wipe: { req: null; res: null };
  // ── library sync (extension pages only) ──
  hubStatus: { req: null; res: HubStatus };
  /** Check the token, use or create the repository (`confirmPublic`: it is public, ask first), then sync. */
  hubConnect: { req: { token: string; repo?: string; allowPublic?: boolean }; res: HubStatus & { confirmPublic?: string } };
  hubSync: { req: null; res: HubStatus };
  hubDisconnect: { req: null; res: HubStatus };
}

export type MessageType = keyof Protocol;
export type Req<T extends MessageType> = Protocol[T]['req'];
export type Res<T extends MessageType> = Protocol[T]['res'];

export type Audience = 'anyone' | 'extension';

/** Who may send each message. A message missing here fails to typecheck. */
export const ACCESS: Record<MessageType, Audience> = {
  lookup: 'anyone',
  save: 'anyone',
  unsave: 'anyone',
  report: 'anyone',
  match: 'anyone',
  list: 'extension',
  count: 'extension',
  update: 'extension',
  remove: 'extension',
  topics: 'extension',
  saveTopic: 'extension',
  deleteTopic: 'extension',
  reorderTopics: 'extension',
  settings: 'extension',
  setMode: 'extension',
  dump: 'extension',
  importRecords: 'extension',
  exported: 'extension',
  wipe: 'extension',
  hubStatus: 'extension',
  hubConnect: 'extension',
  hubSync: 'extension',
  hubDisconnect: 'extension',
};

export interface Envelope<T extends MessageType = MessageType> {
  papershelf: 1;
  type: T;
  payload: Req<T>;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

export function isEnvelope(msg: unknown): msg is Envelope {
  return (
    typeof msg === 'object' &&
    msg !== null &&
    (msg as Envelope).papershelf === 1 &&
    typeof (msg as Envelope).type === 'string' &&
    Object.hasOwn(ACCESS, (msg as Envelope).type)
  );
}

/** Send one message to the background worker; throws with the worker's message on failure. */
export async function send<T extends MessageType>(type: T, payload: Req<T>): Promise<Res<T>> {
  const envelope: Envelope<T> = { papershelf: 1, type, payload };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<Res<T>> | undefined;
  if (!reply) throw new Error('Papershelf did not answer. Reload the page or the extension.');
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/** Popup → content script of a tab: the page's status. */
export const PAGE_STATUS = 'papershelf:pageStatus';
/** Background → content script of a tab: save the page's paper (keyboard command). */
export const SAVE_CURRENT = 'papershelf:saveCurrent';
