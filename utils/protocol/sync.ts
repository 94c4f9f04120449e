/**
 * The push channel: the background worker writes one `storage.local` key per change; every
 * papers tab and extension page listens to `storage.onChanged`. One channel for everything.
 */
import { browser } from 'wxt/browser';
import type { DisplayMode, Paper, Topic } from '../types';

export const SYNC_KEY = 'papershelf:sync';

export interface SyncEvent {
  /**
   * Orders every change and every reply that reports a state (`save`, `unsave`, `lookup`): a state
   * with a higher seq is newer. Increasing across worker restarts (see `publish`).
   */
  seq: number;
  /** id → saved? for papers whose saved state changed. */
  saved?: Record<string, boolean>;
  /** The full topic list, when topics changed. */
  topics?: Topic[];
  mode?: DisplayMode;
  /** The new state of papers saved or edited (small changes only), so pages need not reload. */
  papers?: Paper[];
  /** Many records changed (import, wipe): reload everything. */
  library?: true;
  /** "Dim seen papers" changed. */
  dimSeen?: boolean;
  /** Seen papers were forgotten or imported (pages re-check nothing: markers change on the next load). */
  seen?: true;
  /** The recommendation settings changed: recommendations are now on (true) or off; tabs match again. */
  recommend?: boolean;
  /** Today's matches changed (a check ended, or one started). */
  daily?: true;
  /** The change came from another device (storage.sync or the Hub): not to be synced back. */
  fromSync?: true;
  /**
   * The worker's own handlers made this change and already applied it to the recommendation model:
   * the worker need not read these papers again for it (details fetched, Hub sync: not set).
   */
  modelled?: true;
}

let seq = 0;
let seeded: Promise<void> | undefined;

/**
 * A restarted worker starts above the last seq it published (kept in storage with the event), so
 * seqs never go back, even if the clock does or an earlier worker ran ahead of it (several changes
 * in one millisecond).
 */
function seed(): Promise<void> {
  return (seeded ??= browser.storage.local.get(SYNC_KEY).then(
    (got) => {
      seq = Math.max(seq, Number((got[SYNC_KEY] as Partial<SyncEvent> | undefined)?.seq) || 0);
    },
    () => undefined,
  ));
}

/** Tell every tab and page about a change; returns its seq (replies carry it: see `SyncEvent.seq`). */
/** Listeners in this context (the worker's own caches), told of each event it publishes before any tab is. */
const inProcess = new Set<(e: SyncEvent) => void>();

/** Hear every event this context publishes, synchronously, before it is written (no race with the tabs it reaches). */
export function onPublish(listener: (e: SyncEvent) => void): () => void {
  inProcess.add(listener);
  return () => inProcess.delete(listener);
}

export async function publish(event: Omit<SyncEvent, 'seq'>): Promise<number> {
  await seed();
  const mine = (seq = Math.max(seq + 1, Date.now()));
  const full: SyncEvent = { ...event, seq: mine };
  for (const listener of inProcess) listener(full);
  await browser.storage.local.set({ [SYNC_KEY]: full });
  return mine;
}

/**
 * The seq for a read that starts now: every change it may miss publishes a higher seq after it.
 * Take it before reading (a change published after the read began must win over the read).
 */
export async function readSeq(): Promise<number> {
  await seed();
  return (seq = Math.max(seq, Date.now()));
}

export function subscribe(onEvent: (e: SyncEvent) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const value = changes[SYNC_KEY]?.newValue;
    if (area === 'local' && value && typeof value === 'object') onEvent(value as SyncEvent);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
