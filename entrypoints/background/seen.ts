/** The seen set's upkeep: entries last seen more than 180 days ago are pruned once a day. */
import { browser } from 'wxt/browser';
import { later } from './later';
import * as db from '@/utils/store/db';
import type { DB } from '@/utils/store/db';

export const PRUNE_ALARM = 'papershelf:prune-seen';
export const SEEN_MAX_AGE_DAYS = 180;
const DAY_MS = 86_400_000;

/** Delete entries last seen before `now` − 180 days; how many went. */
export async function pruneSeen(getDb: () => Promise<DB>, now = new Date()): Promise<number> {
  return db.pruneSeen(await getDb(), new Date(now.getTime() - SEEN_MAX_AGE_DAYS * DAY_MS).toISOString());
}

/** A daily alarm (re-created when missing: Firefox keeps no alarms across restarts). */
export function setupPruning(getDb: () => Promise<DB>): void {
  // Checked a moment after the event that started the worker (a page's lookup is answered first).
  later(() => browser.alarms.get(PRUNE_ALARM).then((a) => (a ? undefined : browser.alarms.create(PRUNE_ALARM, { delayInMinutes: 1, periodInMinutes: 24 * 60 }))));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === PRUNE_ALARM) void pruneSeen(getDb).catch(() => undefined);
  });
}
