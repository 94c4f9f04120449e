/**
 * Background side of the library sync with the user's Hugging Face dataset repository
 * (utils/library-sync/). The token is kept in storage.local (`papershelf:hub`), sent only to
 * https://huggingface.co (utils/library-sync/hub.ts), never exported, logged or sent to a page in
 * full (pages get its last 4 characters).
 * When: after local changes (alarm, ~1 minute after the last one), at browser start, every 30
 * minutes (alarm), and on "Sync now".
 */
import { browser } from 'wxt/browser';
import { unwrap } from 'idb';
import type { DB } from '@/utils/store/db';
import { STORE_PAPERS, STORE_TOPICS } from '@/utils/store/names';
import { syncOnce } from '@/utils/library-sync/engine';
import { replicaOf } from '@/utils/library-sync/file';
import { HubError, hubClient, isRepoId, type HubClient } from '@/utils/library-sync/hub';
import { localChanges, mergePaperVersions, mergeTopicVersions, tombstoneCutoff, type Replica } from '@/utils/library-sync/merge';
import type { HubStatus } from '@/utils/protocol/messages';
import { publish } from '@/utils/protocol/sync';
import { getMirrorState } from './sync-mirror';
import { getTombstones, patchTombstones } from './tombstones';

export const HUB_KEY = 'papershelf:hub';
export const HUB_SOON_ALARM = 'papershelf:hub-soon';
export const HUB_PERIODIC_ALARM = 'papershelf:hub-periodic';
export const DEFAULT_REPO_NAME = 'papershelf-library';

interface HubState {
  token?: string;
  user?: string;
  repo?: string;
  lastSyncAt?: string;
  papers?: number;
  error?: string;
  /** The error asks the user to act (token, access): no automatic retries until they do. */
  blocked?: boolean;
}

async function getState(): Promise<HubState> {
  return ((await browser.storage.local.get(HUB_KEY))[HUB_KEY] as HubState | undefined) ?? {};
}

async function patchState(patch: Partial<HubState>): Promise<HubState> {
  const next = { ...(await getState()), ...patch };
  for (const k of Object.keys(patch) as Array<keyof HubState>) if (patch[k] === undefined) delete next[k];
  await browser.storage.local.set({ [HUB_KEY]: next });
  return next;
}

/** The error as the status line says it. */
export function errorWords(err: unknown, repo?: string): { error: string; blocked: boolean } {
  if (err instanceof HubError) {
    if (err.kind === 'token') return { error: 'token expired or not valid: paste a new one', blocked: true };
    if (err.kind === 'forbidden') return { error: `no write access to ${repo ?? 'the repository'}`, blocked: true };
    if (err.kind === 'notFound') return { error: `${repo ?? 'the repository'} was not found on the Hub`, blocked: true };
    return { error: err.message, blocked: false };
  }
  return { error: err instanceof Error ? err.message : String(err), blocked: false };
}

export function createHubSync(getDb: () => Promise<DB>, opts: { fetch?: typeof fetch; now?: () => Date; fetchDetails?: () => void } = {}) {
  const now = opts.now ?? (() => new Date());
  const client = (token: string): HubClient => hubClient(token, opts.fetch);
  let running: Promise<HubStatus> | undefined;

  async function loadLocal(): Promise<Replica> {
    const d = await getDb();
    const [papers, topics, tombs] = await Promise.all([d.getAll(STORE_PAPERS), d.getAll(STORE_TOPICS), getTombstones()]);
    return replicaOf(papers, topics, tombs.papers, tombs.topics);
  }

  /**
   * Write the merge in ONE transaction, merging again with what is stored now: a save or edit made
   * since loadLocal is never overwritten, and a paper edited since is not deleted.
   */
  async function applyLocal(merged: Replica, local: Replica): Promise<void> {
    const c = localChanges(local, merged);
    const d = await getDb();
    if (c.putPapers.length || c.deletePapers.length || c.putTopics.length || c.deleteTopics.length) {
      const tx = d.transaction([STORE_PAPERS, STORE_TOPICS], 'readwrite');
      const papers = tx.objectStore(STORE_PAPERS);
      const topics = tx.objectStore(STORE_TOPICS);
      const [curPapers, curTopics] = await Promise.all([
        Promise.all([...c.putPapers.map((p) => p.id), ...c.deletePapers].map((id) => papers.get(id))),
        Promise.all([...c.putTopics.map((t) => t.id), ...c.deleteTopics].map((id) => topics.get(id))),
      ]);
      const nowP = new Map(curPapers.filter((p) => !!p).map((p) => [p!.id, p!]));
      const nowT = new Map(curTopics.filter((t) => !!t).map((t) => [t!.id, t!]));
      const rawP = unwrap(papers);
      const rawT = unwrap(topics);
      for (const p of c.putPapers) {
        const cur = nowP.get(p.id);
        rawP.put(cur ? mergePaperVersions(cur, p) : p);
      }
      for (const id of c.deletePapers) {
        const cur = nowP.get(id);
        if (cur && (cur.updatedAt ?? '') <= (merged.removedPapers.get(id) ?? '')) rawP.delete(id);
      }
      for (const t of c.putTopics) {
        const cur = nowT.get(t.id);
        rawT.put(cur ? mergeTopicVersions(cur, t) : t);
      }
      for (const id of c.deleteTopics) {
        const cur = nowT.get(id);
        if (cur && (cur.updatedAt ?? '') <= (merged.removedTopics.get(id) ?? '')) rawT.delete(id);
      }
      await tx.done;
      // Papers from the Hub come without abstracts: fetch their details (with back-off, 20 at a time).
      if (c.putPapers.some((p) => !p.enrichedAt)) opts.fetchDetails?.();
    }
    // Tombstones: the merged ones, plus any recorded here since loadLocal.
    const cutoff = tombstoneCutoff(now().toISOString());
    await patchTombstones((cur) => {
      const next = { papers: Object.fromEntries(merged.removedPapers), topics: Object.fromEntries(merged.removedTopics) };
      for (const kind of ['papers', 'topics'] as const) {
        const before = kind === 'papers' ? local.removedPapers : local.removedTopics;
        for (const [id, at] of Object.entries(cur[kind])) if (at >= cutoff && before.get(id) !== at && at > (next[kind][id] ?? '')) next[kind][id] = at;
      }
      return next;
    });
    if (c.putPapers.length || c.deletePapers.length || c.putTopics.length || c.deleteTopics.length) {
      const small = c.putPapers.length + c.deletePapers.length <= 200;
      await publish({
        ...(small
          ? { papers: c.putPapers, saved: Object.fromEntries([...c.putPapers.map((p) => [p.id, true]), ...c.deletePapers.map((id) => [id, false])]) }
          : { library: true as const }),
        ...(c.putTopics.length || c.deleteTopics.length ? { topics: await d.getAllFromIndex(STORE_TOPICS, 'order') } : {}),
        fromSync: true,
      });
    }
  }

  async function status(): Promise<HubStatus> {
    const [s, mirror] = await Promise.all([getState(), getMirrorState()]);
    return {
      connected: !!s.token,
      user: s.user,
      repo: s.repo,
      tokenEnd: s.token ? s.token.slice(-4) : undefined,
      lastSyncAt: s.lastSyncAt,
      papers: s.papers,
      error: s.error,
      running: !!running,
      topicsLocal: mirror.local,
      topicsError: mirror.error,
    };
  }

  async function run(): Promise<HubStatus> {
    const s = await getState();
    if (!s.token || !s.repo) return status();
    try {
      const r = await syncOnce({ hub: client(s.token), repo: s.repo, loadLocal, applyLocal, now: () => now().toISOString() });
      await patchState({ lastSyncAt: now().toISOString(), papers: r.papers, error: undefined, blocked: undefined });
    } catch (err) {
      const words = errorWords(err, s.repo);
      await patchState({ error: words.error, blocked: words.blocked || undefined });
      // Offline or the Hub busy: try again in 5 minutes (the 30-minute alarm also retries).
      if (!words.blocked) await browser.alarms.create(HUB_SOON_ALARM, { delayInMinutes: 5 });
    }
    return status();
  }

  /** One sync at a time; a call during a sync waits for it. */
  function syncNow(): Promise<HubStatus> {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  }

  /** Check the token, find or create the repository, and sync. */
  async function connect(token: string, repoWanted: string | undefined, allowPublic: boolean): Promise<HubStatus & { confirmPublic?: string }> {
    const t = typeof token === 'string' ? token.trim() : '';
    if (!/^hf_[A-Za-z0-9]{20,}$/.test(t)) throw new Error('That does not look like a Hugging Face access token (they start with "hf_").');
    const hub = client(t);
    let who;
    try {
      who = await hub.whoami();
    } catch (err) {
      throw new Error(`The Hub refused this token: ${errorWords(err).error}. Nothing was changed.`);
    }
    if (who.role === 'read')
      throw new Error('This is a read-only token. Create a "Write" token (or a fine-grained one with write access to your repositories). Nothing was changed.');
    const repo = (repoWanted?.trim() || `${who.name}/${DEFAULT_REPO_NAME}`).replace(/^https:\/\/huggingface\.co\/datasets\//, '');
    if (!isRepoId(repo)) throw new Error(`"${repo}" is not a repository name like "${who.name}/${DEFAULT_REPO_NAME}".`);
    let info = await hub.repoInfo(repo).catch((err: unknown) => {
      throw new Error(errorWords(err, repo).error);
    });
    if (!info) {
      const [owner, name] = repo.split('/') as [string, string];
      if (owner !== who.name) throw new Error(`${repo} was not found, and Papershelf only creates repositories in your own account (${who.name}).`);
      await hub.createRepo(name).catch((err: unknown) => {
        throw new Error(`Could not create ${repo}: ${errorWords(err, repo).error}.`);
      });
      info = await hub.repoInfo(repo);
      if (!info) throw new Error(`${repo} was created but the Hub does not show it yet; try again in a minute.`);
    }
    if (!info.private && !allowPublic) return { ...(await status()), confirmPublic: repo };
    await patchState({ token: t, user: who.name, repo, error: undefined, blocked: undefined, lastSyncAt: undefined, papers: undefined });
    await browser.alarms.create(HUB_PERIODIC_ALARM, { periodInMinutes: 30 });
    return syncNow();
  }

  async function disconnect(): Promise<HubStatus> {
    await browser.storage.local.remove(HUB_KEY);
    await browser.alarms.clear(HUB_PERIODIC_ALARM);
    await browser.alarms.clear(HUB_SOON_ALARM);
    return status();
  }

  /** A local change: sync about a minute after the last one (an alarm survives the worker stopping). */
  async function changed(): Promise<void> {
    const s = await getState();
    if (s.token && !s.blocked) await browser.alarms.create(HUB_SOON_ALARM, { delayInMinutes: 1 });
  }

  /** Alarms and browser start: sync when connected and not waiting for the user. */
  async function automatic(): Promise<void> {
    const s = await getState();
    if (s.token && !s.blocked) await syncNow();
  }

  return { status, syncNow, connect, disconnect, changed, automatic };
}
