/**
 * The `storage.sync` mirror of topics and settings (Chrome and Firefox sync it with the browser's
 * account). IndexedDB stays the source of truth; this is a copy other devices merge from.
 * - one item per topic, `topic:<id>` → the topic, or `{ id, removedAt }` for a deleted one;
 * - one item `settings` → `{ mode, dimSeen, updatedAt }` (SYNCED_SETTINGS: the settings mirrored);
 * - quotas: 102,400 bytes in all, 8,192 per item, 512 items, 120 writes a minute. Writes are
 *   batched (one `set` and at most one `remove` per flush); a topic that cannot fit stays local,
 *   with the reason, and the library shows it. Removing an item never means "deleted": only a
 *   tombstone does.
 */
import type { DisplayMode, Topic } from '../types';
import { mergeTopicVersions, tombstoneCutoff } from './merge';

export const QUOTA = { total: 102_400, perItem: 8_192, items: 512, writesPerMinute: 120 } as const;
export const TOPIC_PREFIX = 'topic:';
export const SETTINGS_ITEM = 'settings';
/**
 * The settings mirrored with topics: the display mode and "Dim seen papers". "Notify me of new
 * matches" is not: it needs the notifications permission, granted per browser.
 */
export const SYNCED_SETTINGS = ['mode', 'dimSeen'] as const;

export interface SyncedSettings {
  mode?: DisplayMode;
  dimSeen?: boolean;
  updatedAt: string;
}

export interface TopicTombstone {
  id: string;
  removedAt: string;
}

export type SyncItem = Topic | TopicTombstone | SyncedSettings;

export interface LocalOnly {
  id: string;
  name: string;
  reason: string;
}

export interface MirrorPlan {
  set: Record<string, SyncItem>;
  remove: string[];
  local: LocalOnly[];
}

/** Bytes an item counts for (Chrome: key length + JSON length of the value). */
export const itemBytes = (key: string, value: unknown) => key.length + new TextEncoder().encode(JSON.stringify(value)).length;

const kb = (n: number) => `${(n / 1024).toFixed(1)} kB`;

/**
 * What to write so that storage.sync mirrors `topics` (in their order), the tombstones of deleted
 * topics (newest first, at most 180 days old) and `settings`, given what is there now.
 */
export function planMirror(
  topics: Topic[],
  removedTopics: Record<string, string>,
  settings: SyncedSettings | undefined,
  current: Record<string, unknown>,
  nowIso: string,
): MirrorPlan {
  const want = new Map<string, SyncItem>();
  const local: LocalOnly[] = [];
  let bytes = 0;
  let items = 0;
  const fits = (key: string, value: SyncItem) => {
    const n = itemBytes(key, value);
    if (n > QUOTA.perItem) return `too large for browser sync (${kb(n)}; the limit is 8 kB per topic)`;
    if (bytes + n > QUOTA.total) return 'browser sync is full (100 kB for all topics and settings)';
    if (items + 1 > QUOTA.items) return 'browser sync holds at most 512 items';
    bytes += n;
    items++;
    want.set(key, value);
    return null;
  };
  if (settings) fits(SETTINGS_ITEM, settings);
  const cutoff = tombstoneCutoff(nowIso);
  const liveIds = new Set(topics.map((t) => t.id));
  // Tombstones are small and must travel: they go before topics, newest first.
  const tombs = Object.entries(removedTopics)
    .filter(([id, at]) => at >= cutoff && !liveIds.has(id))
    .sort(([, a], [, b]) => (a < b ? 1 : -1));
  for (const [id, removedAt] of tombs) fits(TOPIC_PREFIX + id, { id, removedAt });
  for (const t of [...topics].sort((a, b) => a.order - b.order)) {
    const why = fits(TOPIC_PREFIX + t.id, t);
    if (why) local.push({ id: t.id, name: t.name, reason: why });
  }
  const plan: MirrorPlan = { set: {}, remove: [], local };
  for (const [key, value] of want) if (JSON.stringify(current[key]) !== JSON.stringify(value)) plan.set[key] = value;
  // Items no longer mirrored (a topic that stopped fitting, an expired tombstone) are removed.
  for (const key of Object.keys(current)) if ((key.startsWith(TOPIC_PREFIX) || key === SETTINGS_ITEM) && !want.has(key)) plan.remove.push(key);
  return plan;
}

const isTombstone = (v: unknown): v is TopicTombstone =>
  typeof v === 'object' && v !== null && typeof (v as TopicTombstone).removedAt === 'string' && typeof (v as TopicTombstone).id === 'string';

/** Changes from another device, merged into the local topics: what to put and what to delete here. */
export function mergeRemoteTopics(
  changes: Record<string, { newValue?: unknown }>,
  localTopics: Map<string, Topic>,
  /** Local tombstones: a topic deleted here after the other device's edit stays deleted. */
  localRemoved: Record<string, string>,
  validate: (raw: unknown) => Topic | null,
): { put: Topic[]; remove: TopicTombstone[] } {
  const out = { put: [] as Topic[], remove: [] as TopicTombstone[] };
  for (const [key, { newValue }] of Object.entries(changes)) {
    if (!key.startsWith(TOPIC_PREFIX) || newValue === undefined) continue; // an item removed is not a deletion
    const id = key.slice(TOPIC_PREFIX.length);
    const cur = localTopics.get(id);
    if (isTombstone(newValue)) {
      // A deletion beats an edit made before it (or at the same moment).
      if (cur && (cur.updatedAt ?? '') <= newValue.removedAt) out.remove.push({ id, removedAt: newValue.removedAt });
      continue;
    }
    const topic = validate(newValue);
    if (!topic || topic.id !== id) continue;
    const removedHere = localRemoved[id];
    if (!cur && removedHere !== undefined && (topic.updatedAt ?? '') <= removedHere) continue;
    const merged = cur ? mergeTopicVersions(cur, topic) : topic;
    if (merged !== cur && JSON.stringify(merged) !== JSON.stringify(cur)) out.put.push(merged);
  }
  return out;
}

export function isQuotaError(err: unknown): boolean {
  return /QUOTA_BYTES|MAX_ITEMS|quota/i.test(String((err as Error)?.message ?? err));
}

export function isRateError(err: unknown): boolean {
  return /MAX_WRITE_OPERATIONS|MAX_SUSTAINED/i.test(String((err as Error)?.message ?? err));
}
