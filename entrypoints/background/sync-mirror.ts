/**
 * Background side of the storage.sync mirror (utils/library-sync/mirror.ts): flushes local topic
 * and settings changes in batches, and merges changes from other devices into IndexedDB.
 */
import { browser } from 'wxt/browser';
import * as db from '@/utils/store/db';
import type { DB } from '@/utils/store/db';
import { validateTopic } from '@/utils/import/validate';
import {
  isQuotaError,
  isRateError,
  mergeRemoteTopics,
  planMirror,
  SETTINGS_ITEM,
  TOPIC_PREFIX,
  type LocalOnly,
  type SyncedSettings,
} from '@/utils/library-sync/mirror';
import { publish } from '@/utils/protocol/sync';
import type { DisplayMode, Topic } from '@/utils/types';
import { getSettings, patchSettings } from './settings';
import { getTombstones, recordRemoval } from './tombstones';

export const MIRROR_KEY = 'papershelf:mirror';

export interface MirrorState {
  /** When the mirrored settings last changed here (or arrived from another device). */
  settingsUpdatedAt?: string;
  /** Topics that stay in this browser only, and why. */
  local: LocalOnly[];
  /** The last write's error in words, if it failed. */
  error?: string;
  flushedAt?: string;
}

type Area = Pick<typeof browser.storage.sync, 'get' | 'set' | 'remove'>;

export async function getMirrorState(): Promise<MirrorState> {
  const got = (await browser.storage.local.get(MIRROR_KEY))[MIRROR_KEY] as Partial<MirrorState> | undefined;
  return { local: [], ...got };
}

async function patchMirrorState(patch: Partial<MirrorState>): Promise<void> {
  await browser.storage.local.set({ [MIRROR_KEY]: { ...(await getMirrorState()), ...patch } });
}

const validTopic = (raw: unknown): Topic | null => {
  const r = validateTopic(raw, 'topic', { nowIso: new Date().toISOString(), warnings: [] });
  return Array.isArray(r) ? null : r;
};

export function createMirror(getDb: () => Promise<DB>, area: Area = browser.storage.sync, now: () => Date = () => new Date(), delayMs = 2000) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  /** Write what changed, in one `set` (and one `remove`). */
  async function flush(): Promise<MirrorState> {
    const nowIso = now().toISOString();
    const [topics, tombs, settings, state, current] = await Promise.all([
      db.listTopics(await getDb()),
      getTombstones(),
      getSettings(),
      getMirrorState(),
      area.get(null) as Promise<Record<string, unknown>>,
    ]);
    const synced: SyncedSettings | undefined = state.settingsUpdatedAt
      ? { mode: settings.mode, dimSeen: settings.dimSeen === true, updatedAt: state.settingsUpdatedAt }
      : undefined;
    const plan = planMirror(topics, tombs.topics, synced, current, nowIso);
    const local = [...plan.local];
    let error: string | undefined;
    const entries = Object.entries(plan.set);
    if (entries.length) {
      try {
        await area.set(plan.set);
      } catch (err) {
        if (isRateError(err)) {
          error = 'browser sync is busy (120 writes a minute); will retry';
          schedule(60_000);
        } else if (isQuotaError(err)) {
          // The browser counted differently from us: write one item at a time, keep the refused ones local.
          for (const [key, value] of entries) {
            try {
              await area.set({ [key]: value });
            } catch (e) {
              if (!key.startsWith(TOPIC_PREFIX)) continue;
              const t = topics.find((x) => TOPIC_PREFIX + x.id === key);
              if (t) local.push({ id: t.id, name: t.name, reason: `browser sync refused it (${String((e as Error)?.message ?? e)})` });
            }
          }
        } else error = `browser sync failed: ${String((err as Error)?.message ?? err)}`;
      }
    }
    if (plan.remove.length) await area.remove(plan.remove).catch(() => undefined);
    const next = { local, error, flushedAt: nowIso };
    await patchMirrorState(next);
    return { ...state, ...next };
  }

  function schedule(ms = delayMs): void {
    clearTimeout(timer);
    timer = setTimeout(() => void (running = running.then(flush).then(() => undefined, () => undefined)), ms);
  }

  /** A local change of a mirrored setting: it now wins over older ones elsewhere. */
  async function settingsChanged(): Promise<void> {
    await patchMirrorState({ settingsUpdatedAt: now().toISOString() });
    schedule();
  }

  /** storage.onChanged for area 'sync': merge other devices' changes into IndexedDB. */
  async function onRemote(changes: Record<string, { newValue?: unknown }>): Promise<void> {
    const d = await getDb();
    const [topics, tombs] = await Promise.all([db.listTopics(d), getTombstones()]);
    const { put, remove } = mergeRemoteTopics(changes, new Map(topics.map((t) => [t.id, t])), tombs.topics, validTopic);
    if (put.length) await db.putAll(d, [], put);
    for (const r of remove) await db.deleteTopic(d, r.id);
    for (const r of remove) await recordRemoval('topics', [r.id], r.removedAt);
    const s = changes[SETTINGS_ITEM]?.newValue as SyncedSettings | undefined;
    const state = await getMirrorState();
    let mode: DisplayMode | undefined;
    let dimSeen: boolean | undefined;
    if (s && typeof s.updatedAt === 'string' && s.updatedAt > (state.settingsUpdatedAt ?? '')) {
      if (['highlight', 'dim', 'hide'].includes(s.mode ?? '')) mode = s.mode;
      if (typeof s.dimSeen === 'boolean') dimSeen = s.dimSeen;
      if (mode !== undefined || dimSeen !== undefined) {
        await patchSettings(() => ({ ...(mode ? { mode } : {}), ...(dimSeen !== undefined ? { dimSeen } : {}) }));
        await patchMirrorState({ settingsUpdatedAt: s.updatedAt });
      }
    }
    if (put.length || remove.length || mode || dimSeen !== undefined)
      await publish({
        ...(put.length || remove.length ? { topics: await db.listTopics(d) } : {}),
        ...(mode ? { mode } : {}),
        ...(dimSeen !== undefined ? { dimSeen } : {}),
        fromSync: true,
      });
  }

  return { flush, schedule, settingsChanged, onRemote, idle: () => running };
}
