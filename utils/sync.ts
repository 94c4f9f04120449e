/**
 * The push channel: the background worker writes one `storage.local` key per change; every
 * papers tab and extension page listens to `storage.onChanged`. One channel for everything.
 */
import { browser } from 'wxt/browser';
import type { DisplayMode, Paper, Topic } from './types';

export const SYNC_KEY = 'papershelf:sync';

export interface SyncEvent {
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
  /** The change came from another device (storage.sync or the Hub): not to be synced back. */
  fromSync?: true;
}

let seq = 0;

export async function publish(event: Omit<SyncEvent, 'seq'>): Promise<void> {
  seq = Math.max(seq + 1, Date.now());
  await browser.storage.local.set({ [SYNC_KEY]: { ...event, seq } satisfies SyncEvent });
}

export function subscribe(onEvent: (e: SyncEvent) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    const value = changes[SYNC_KEY]?.newValue;
    if (area === 'local' && value && typeof value === 'object') onEvent(value as SyncEvent);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
