/** One sync against a fake Hub (real compare-and-swap on main): pull, merge, push, retry on 412. */
import { describe, expect, it } from 'vitest';
import { syncOnce, MAX_ATTEMPTS } from '../../../utils/library-sync/engine';
import { SYNC_FILE, parseReplica, serialiseReplica } from '../../../utils/library-sync/file';
import { HubError, hubClient } from '../../../utils/library-sync/hub';
import { emptyReplica, mergeReplicas, type Replica } from '../../../utils/library-sync/merge';
import type { Paper } from '../../../utils/types';
import { FakeHub } from '../../fake-hub';

const NOW = '2026-12-06T10:00:00.000Z';
const REPO = 'alice/papershelf-library';

const paper = (id: string, t: string, over: Partial<Paper> = {}): Paper => ({
  id, title: `Paper ${id}`, authors: [], savedAt: t, updatedAt: t, url: `https://huggingface.co/papers/${id}`, tags: [], note: '', read: false, ...over,
});

const replica = (papers: Paper[]): Replica => ({ ...emptyReplica(), papers: new Map(papers.map((p) => [p.id, p])) });

/** A device: its library in memory, synced through `syncOnce`. */
function device(hub: FakeHub, initial: Replica) {
  const state = { lib: initial };
  const deps = {
    hub: hubClient('hf_alice', hub.fetch),
    repo: REPO,
    loadLocal: async () => state.lib,
    applyLocal: async (merged: Replica) => {
      state.lib = merged;
    },
    now: () => NOW,
  };
  return { state, sync: () => syncOnce(deps) };
}

function setup() {
  const hub = new FakeHub().addUser('hf_alice', { name: 'alice', role: 'write' });
  hub.addRepo(REPO);
  return hub;
}

const onHub = (hub: FakeHub) => parseReplica(hub.repos.get(REPO)!.files.get(SYNC_FILE)!, NOW);

describe('syncOnce', () => {
  it('first sync writes the library file in one commit whose parent is the head it pulled', async () => {
    const hub = setup();
    const head = hub.repos.get(REPO)!.head;
    const a = device(hub, replica([paper('2501.00001', '2026-12-01T00:00:00.000Z', { summary: 'secret abstract' })]));
    const r = await a.sync();
    expect(r).toMatchObject({ papers: 1, attempts: 1, pushed: true });
    const repo = hub.repos.get(REPO)!;
    expect(repo.commits).toHaveLength(1);
    expect(repo.commits[0]!.parent).toBe(head);
    expect(repo.files.get(SYNC_FILE)).not.toContain('secret abstract');
    expect([...onHub(hub).papers.keys()]).toEqual(['2501.00001']);
    // Nothing changed: a second sync pulls and does not commit.
    expect(await a.sync()).toMatchObject({ pushed: false, attempts: 1 });
    expect(repo.commits).toHaveLength(1);
  });

  it('a refused commit (the branch moved meanwhile) is retried: pull, merge, push; both changes kept', async () => {
    const hub = setup();
    const a = device(hub, replica([paper('2501.00001', '2026-12-01T00:00:00.000Z')]));
    const b = replica([paper('2501.00002', '2026-12-01T00:01:00.000Z')]);
    let moved = false;
    hub.beforeCommit = () => {
      if (moved) return;
      moved = true; // another device commits between our pull and our push
      hub.push(REPO, SYNC_FILE, serialiseReplica(b, NOW));
    };
    const r = await a.sync();
    expect(r).toMatchObject({ attempts: 2, pushed: true, papers: 2 });
    expect(hub.log.filter((l) => l.startsWith('POST /api/datasets/')).length).toBe(2);
    expect([...onHub(hub).papers.keys()].sort()).toEqual(['2501.00001', '2501.00002']);
    expect([...a.state.lib.papers.keys()].sort()).toEqual(['2501.00001', '2501.00002']);
  });

  it(`gives up after ${MAX_ATTEMPTS} refused commits and says so; the Hub keeps the other device's file`, async () => {
    const hub = setup();
    const a = device(hub, replica([paper('2501.00001', '2026-12-01T00:00:00.000Z')]));
    let n = 0;
    hub.beforeCommit = () => void hub.push(REPO, SYNC_FILE, serialiseReplica(replica([paper(`2501.1000${++n}`, NOW)]), NOW));
    const err = await a.sync().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HubError);
    expect((err as HubError).kind).toBe('conflict');
    expect((err as HubError).message).toMatch(/kept changing during 3 attempts/);
    expect(n).toBe(MAX_ATTEMPTS);
    expect([...onHub(hub).papers.keys()]).toEqual(['2501.10003']);
  });

  it('two devices: a removal on one and an edit on the other converge on both', async () => {
    const hub = setup();
    const p = paper('2501.00001', '2026-12-01T00:00:00.000Z');
    const q = paper('2501.00002', '2026-12-01T00:00:00.000Z');
    const a = device(hub, replica([p, q]));
    await a.sync();
    const b = device(hub, emptyReplica());
    await b.sync();
    expect([...b.state.lib.papers.keys()].sort()).toEqual(['2501.00001', '2501.00002']);
    // a removes p; b edits q later
    a.state.lib = { ...a.state.lib, papers: new Map([[q.id, q]]), removedPapers: new Map([[p.id, '2026-12-02T00:00:00.000Z']]) };
    b.state.lib = { ...b.state.lib, papers: new Map(b.state.lib.papers).set(q.id, { ...q, note: 'from b', updatedAt: '2026-12-03T00:00:00.000Z' }) };
    await a.sync();
    await b.sync();
    await a.sync();
    for (const d of [a, b]) {
      expect([...d.state.lib.papers.keys()]).toEqual(['2501.00002']);
      expect(d.state.lib.papers.get('2501.00002')!.note).toBe('from b');
    }
    expect(serialiseReplica(a.state.lib, NOW)).toBe(serialiseReplica(mergeReplicas(b.state.lib, a.state.lib, NOW), NOW));
  });

  it('errors in words: a rejected token, no write access, offline', async () => {
    const hub = setup().addUser('hf_reader', { name: 'alice', role: 'read' });
    await expect(hubClient('hf_wrong', hub.fetch).whoami()).rejects.toMatchObject({ kind: 'token', message: 'token expired or not valid' });
    const reader = hubClient('hf_reader', hub.fetch);
    await expect(reader.commit(REPO, hub.repos.get(REPO)!.head, SYNC_FILE, '{}', 's')).rejects.toMatchObject({
      kind: 'forbidden',
      message: `no write access to ${REPO}`,
    });
    const offline = hubClient('hf_alice', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(offline.whoami()).rejects.toMatchObject({ kind: 'offline', message: 'offline; will retry' });
  });

  it('sends the token only in the Authorization header, only to https://huggingface.co', async () => {
    const seen: Array<{ url: string; auth: string | null }> = [];
    const hub = setup();
    const client = hubClient('hf_alice', async (input, init) => {
      seen.push({ url: String(input), auth: new Headers(init?.headers).get('authorization') });
      return hub.fetch(input, init);
    });
    await client.whoami();
    await client.createRepo('papershelf-library'); // exists: 409 is taken as "use it"
    const info = await client.repoInfo(REPO);
    await client.download(REPO, info!.sha, SYNC_FILE);
    expect(seen.every((s) => s.url.startsWith('https://huggingface.co/') && !s.url.includes('hf_alice') && s.auth === 'Bearer hf_alice')).toBe(true);
    expect(seen.map((s) => new URL(s.url).pathname)).toEqual([
      '/api/whoami-v2',
      '/api/repos/create',
      `/api/datasets/${REPO}`,
      `/datasets/${REPO}/resolve/${info!.sha}/${SYNC_FILE}`,
    ]);
  });
});
