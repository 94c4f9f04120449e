/**
 * One sync with the Hub: pull the file at the head of main, merge with this browser's library,
 * apply the merge here, push a commit whose parent is the head pulled. If the branch moved meanwhile
 * the Hub refuses the commit (HTTP 412): pull, merge and push again, at most 3 times, then report.
 */
import { SYNC_FILE, parseReplica, serialiseReplica } from './file';
import { HubError, type HubClient } from './hub';
import { emptyReplica, mergeReplicas, type Replica } from './merge';

export const MAX_ATTEMPTS = 3;

export interface SyncDeps {
  hub: HubClient;
  repo: string;
  /** This browser's library and tombstones, read now. */
  loadLocal(): Promise<Replica>;
  /** Write the merge here (never losing a change made since loadLocal: the writer merges again). */
  applyLocal(merged: Replica, local: Replica): Promise<void>;
  now(): string;
}

export interface SyncResult {
  papers: number;
  topics: number;
  /** The head of main after the sync. */
  commit: string;
  /** Attempts used (1 unless the branch moved meanwhile). */
  attempts: number;
  pushed: boolean;
}

export async function syncOnce(deps: SyncDeps): Promise<SyncResult> {
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const info = await deps.hub.repoInfo(deps.repo);
    if (!info) throw new HubError('notFound', `${deps.repo} not found`);
    const text = await deps.hub.download(deps.repo, info.sha, SYNC_FILE);
    const nowIso = deps.now();
    const remote = text === null ? emptyReplica() : parseReplica(text, nowIso);
    const local = await deps.loadLocal();
    const merged = mergeReplicas(local, remote, nowIso);
    await deps.applyLocal(merged, local);
    const content = serialiseReplica(merged, nowIso);
    const result = { papers: merged.papers.size, topics: merged.topics.size, attempts: attempt };
    if (text !== null && content === serialiseReplica(remote, nowIso)) return { ...result, commit: info.sha, pushed: false };
    try {
      const summary = `Papershelf: ${merged.papers.size.toLocaleString('en-US')} papers`;
      const commit = await deps.hub.commit(deps.repo, info.sha, SYNC_FILE, content, summary);
      return { ...result, commit, pushed: true };
    } catch (err) {
      if (!(err instanceof HubError && err.kind === 'conflict')) throw err;
    }
  }
  throw new HubError('conflict', `the library on the Hub kept changing during ${MAX_ATTEMPTS} attempts; will retry`);
}
