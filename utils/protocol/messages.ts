/**
 * The one message protocol. Every message is declared here with its request and response types
 * and who may send it. Content scripts may only look up, save and unsave papers on their page
 * and report their page; everything that reads or changes the whole library needs an extension page.
 */
import { browser } from 'wxt/browser';
import type { TopicRange } from '../topics/match';
import type { CardInfo, DisplayMode, Paper, SeenEntry, Topic } from '../types';

/** The most papers one message may name (a page's cards, a selection in the library). */
export const MAX_IDS = 5000;

export interface PageStatus {
  /** Cards on the page (each paper once). */
  cards: number;
  /** Matching cards on the page, in page order. */
  matches: Array<{ id: string; title: string; topics: string[]; saved: boolean }>;
  /** Papers on the page never seen before this page load (morning triage). */
  fresh?: number;
  /** Unsaved cards like the library, best first (recommendations on). */
  recommended?: Array<{ id: string; title: string; reason: string; saved: boolean; score: number }>;
}

/** An unsaved card that resembles the library ("Like your library"), with the reason in words. */
export interface RecommendedCard {
  id: string;
  score: number;
  /** "retrieval, dense, reranking — like “ColBERT…” (tag “IR”)" */
  reason: string;
  tag?: string;
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
  /** Recommendations on or off; unset: on once the library has RECOMMEND_FROM papers. */
  recommend?: boolean;
  /** At most this many recommended cards per page. */
  recommendMax: number;
  /** Seen cards also get data-papershelf-dimmed. */
  dimSeen?: boolean;
  /** Notify of new matches in today's papers (needs the optional `notifications` permission). */
  notify?: boolean;
}

// ── morning triage: today's matches ──

/** One of today's matching papers, for the popup. */
export interface TodayMatch {
  id: string;
  title: string;
  topics: string[];
  seen: boolean;
  saved: boolean;
}

export interface TodayState {
  /** Last successful check (ISO), if any. */
  fetchedAt?: string;
  /** The last check failed: why, and when the next one runs (ISO). */
  error?: string;
  retryAt?: string;
  /** A check is running now. */
  checking: boolean;
  /** Papers in today's list (last good list), items of it skipped as malformed. */
  papers: number;
  skipped: number;
  /** Whether any enabled topic exists. */
  hasTopics: boolean;
  /** Unseen first, then in the list's order. */
  matches: TodayMatch[];
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

/** Recommendations are on by default from this many saved papers. */
export const RECOMMEND_FROM = 10;

export interface Protocol {
  // ── anyone (content scripts and extension pages) ──
  /**
   * `topics`: the enabled topics that can match, in order (none: no need to ask `match`). `seq`: taken
   * before the read (`readSeq`): a change the read missed has a higher seq (`SyncEvent.seq`).
   * `seen`: which of `ids` were seen in an earlier page load; `dimSeen`: "Dim seen papers" is on.
   * `recommend`: recommendations are on (send `match` even without topics).
   */
  lookup: { req: { ids: string[] }; res: { saved: string[]; seen: string[]; dimSeen: boolean; topics: TopicBrief[]; mode: DisplayMode; seq: number; recommend: boolean } };
  /**
   * Match cards against the topics. Topics live in the background, and so does matching: the page
   * ships no matcher, and the work runs off the page's thread. Sets the tab's badge. When
   * recommendations are on, `recommended` holds the page's unsaved cards like the library, best first.
   */
  match: { req: { cards: MatchCard[] }; res: { topics: TopicBrief[]; matches: Record<string, CardMatch[]>; recommended: RecommendedCard[] } };
  /** "Not interested" in a recommended card: a negative example, never recommended again. */
  notInterested: { req: { card: MatchCard }; res: null };
  /** Undo "Not interested" (the chip's Undo, the library's list): the papers may be recommended again. */
  forgetNotInterested: { req: { ids: string[] }; res: null };
  /** `seq`: the seq of the change event the save published (the tab hears both: it applies the newer). */
  save: { req: { card: CardInfo }; res: { paper: Paper; seq: number } };
  unsave: { req: { id: string }; res: { seq: number } };
  /** The number of matching cards on the page, for the tab's badge. */
  report: { req: { matching: number }; res: null };
  /** Cards that were on screen (batched by the content script, or "Mark all as seen"). */
  seen: { req: { ids: string[] }; res: null };
  // ── extension pages only ──
  // morning triage
  seenCount: { req: null; res: number };
  /** The seen set (for a JSON backup made from a page that already holds the papers and topics). */
  seenEntries: { req: null; res: SeenEntry[] };
  forgetSeen: { req: null; res: null };
  setDimSeen: { req: { on: boolean }; res: null };
  /** Today's matches; `refresh`: check the daily list now if no check succeeded in the last hour. */
  today: { req: { refresh?: boolean }; res: TodayState };
  /** Save one of today's papers with the full record from the daily list. */
  saveToday: { req: { id: string }; res: Paper };
  /** After the page got (or removed) the `notifications` permission. */
  setNotify: { req: { on: boolean }; res: null };
  // library
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
  setRecommend: { req: { enabled?: boolean; max?: number }; res: null };
  /** The "Not interested" papers, the latest first. */
  notInterestedList: { req: null; res: Array<{ id: string; title: string }> };
  /** `seen`: also the seen set (for a JSON backup). */
  dump: { req: { seen?: boolean } | null; res: { papers: Paper[]; topics: Topic[]; seen?: SeenEntry[] } };
  /** `lossless`: the records come from a Papershelf JSON backup (newest wins); otherwise they only add. */
  importRecords: { req: { papers: Paper[]; topics: Topic[]; seen?: SeenEntry[]; dryRun: boolean; lossless?: boolean }; res: ImportSummary };
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
  notInterested: 'anyone',
  forgetNotInterested: 'anyone',
  seen: 'anyone',
  seenCount: 'extension',
  seenEntries: 'extension',
  forgetSeen: 'extension',
  setDimSeen: 'extension',
  today: 'extension',
  saveToday: 'extension',
  setNotify: 'extension',
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
  setRecommend: 'extension',
  notInterestedList: 'extension',
  dump: 'extension',
  importRecords: 'extension',
  exported: 'extension',
  wipe: 'extension',
  hubStatus: 'extension',
  hubConnect: 'extension',
  hubSync: 'extension',
  hubDisconnect: 'extension',
};

export interface Envelope<T extends string = MessageType> {
  papershelf: 1;
  type: T;
  payload: T extends MessageType ? Req<T> : unknown;
}

export type Reply<T> = { ok: true; data: T } | { ok: false; error: string };

/** A message in our envelope, whatever its type (an unknown type is answered with an error, not dropped). */
export function isOurs(msg: unknown): msg is Envelope<string> {
  return typeof msg === 'object' && msg !== null && (msg as Envelope).papershelf === 1 && typeof (msg as Envelope).type === 'string';
}

export function isEnvelope(msg: unknown): msg is Envelope {
  return isOurs(msg) && Object.hasOwn(ACCESS, msg.type);
}

/** An older or newer copy of Papershelf may send a type this one does not know. */
export const unknownType = (type: string) => `Papershelf does not know the message "${type}".`;

function unwrap<T>(reply: Reply<T> | undefined, silent: string): T {
  if (!reply) throw new Error(silent);
  if (!reply.ok) throw new Error(reply.error);
  return reply.data;
}

/** Send one message to the background worker; throws with the worker's message on failure. */
export async function send<T extends MessageType>(type: T, payload: Req<T>): Promise<Res<T>> {
  const envelope: Envelope<T> = { papershelf: 1, type, payload } as Envelope<T>;
  return unwrap(await browser.runtime.sendMessage(envelope), 'Papershelf did not answer. Reload the page or the extension.');
}

// ── to a tab's content script (from the popup and the background) ──
// Their own envelope (`papershelfTab`): a tab never answers a message meant for the background, and
// the background router never takes a tab message for one of its own.

export interface TabProtocol {
  /** Popup → content script: the page's status; null while the page has no run. */
  pageStatus: { req: null; res: PageStatus | null };
  /** Background → content script: save the page's paper (keyboard command). */
  saveCurrent: { req: null; res: null };
  /** Popup → content script: mark every card of the page seen (its markers change at once). */
  markAllSeen: { req: null; res: null };
}

export type TabMessageType = keyof TabProtocol;
export type TabHandlers = { [T in TabMessageType]: (payload: TabProtocol[T]['req']) => TabProtocol[T]['res'] };

export interface TabEnvelope<T extends string = TabMessageType> {
  papershelfTab: 1;
  type: T;
  payload: T extends TabMessageType ? TabProtocol[T]['req'] : unknown;
}

/** Send one message to the content script of tab `tabId`; throws when it does not answer or refuses. */
export async function sendToTab<T extends TabMessageType>(tabId: number, type: T, payload: TabProtocol[T]['req']): Promise<TabProtocol[T]['res']> {
  const envelope = { papershelfTab: 1, type, payload } as TabEnvelope<T>;
  return unwrap(await browser.tabs.sendMessage(tabId, envelope), 'The page did not answer. Reload it.');
}

/** The content script's `runtime.onMessage` listener for the tab protocol (handlers answer at once). */
export function tabListener(handlers: TabHandlers) {
  // Answers by returning a promise (the `browser.*` contract); undefined for a message that is not ours.
  return (msg: unknown): Promise<Reply<unknown>> | undefined => {
    const m = msg as TabEnvelope<string> | null;
    if (m?.papershelfTab !== 1 || typeof m.type !== 'string') return undefined;
    return Promise.resolve(
      Object.hasOwn(handlers, m.type)
        ? { ok: true, data: (handlers[m.type as TabMessageType] as (p: unknown) => unknown)(m.payload) ?? null }
        : { ok: false, error: unknownType(m.type) },
    );
  };
}
