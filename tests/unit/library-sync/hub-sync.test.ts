/** Connecting to the Hub from the background (fake Hub as fetch): token checks, repository choice, public repos. */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { openPapershelfDb, putPaper, listPapers } from '../../../utils/store/db';
import { createHubSync, HUB_KEY, HUB_PERIODIC_ALARM, HUB_SOON_ALARM } from '../../../entrypoints/background/hub-sync';
import { SYNC_FILE } from '../../../utils/library-sync/file';
import { FakeHub } from '../../fake-hub';

const TOKEN = 'hf_' + 'Wr1te'.repeat(6);
const READ = 'hf_' + 'Re4d0'.repeat(6);
let n = 0;

async function setup() {
  const hub = new FakeHub().addUser(TOKEN, { name: 'alice', role: 'write' }).addUser(READ, { name: 'alice', role: 'read' });
  const dbp = openPapershelfDb(`hub-sync-${++n}`);
  await putPaper(await dbp, {
    id: '2501.00001', title: 'Kept', authors: [], savedAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
    url: 'https://huggingface.co/papers/2501.00001', tags: [], note: '', read: false,
  });
  return { hub, dbp, sync: createHubSync(() => dbp, { fetch: hub.fetch }) };
}

describe('connect', () => {
  it('creates <username>/papershelf-library private, syncs, and sets the 30-minute alarm', async () => {
    const { hub, sync } = await setup();
    const s = await sync.connect(TOKEN, undefined, false);
    expect(s).toMatchObject({ connected: true, user: 'alice', repo: 'alice/papershelf-library', papers: 1, tokenEnd: TOKEN.slice(-4) });
    expect(s.error).toBeUndefined();
    expect(hub.repos.get('alice/papershelf-library')).toMatchObject({ private: true });
    expect(hub.repos.get('alice/papershelf-library')!.files.get(SYNC_FILE)).toContain('"Kept"');
    expect(await fakeBrowser.alarms.get(HUB_PERIODIC_ALARM)).toMatchObject({ periodInMinutes: 30 });
  });

  it('a public repository is not used until confirmed', async () => {
    const { hub, sync } = await setup();
    hub.addRepo('alice/shared', { private: false });
    const first = await sync.connect(TOKEN, 'alice/shared', false);
    expect(first).toMatchObject({ connected: false, confirmPublic: 'alice/shared' });
    expect(hub.repos.get('alice/shared')!.commits).toHaveLength(0);
    expect((await fakeBrowser.storage.local.get(HUB_KEY))[HUB_KEY]).toBeUndefined();
    const second = await sync.connect(TOKEN, 'alice/shared', true);
    expect(second).toMatchObject({ connected: true, repo: 'alice/shared' });
    expect(hub.repos.get('alice/shared')!.commits).toHaveLength(1);
  });

  it('refuses a read-only token, a rejected token and a malformed one, changing nothing', async () => {
    const { hub, sync, dbp } = await setup();
    await expect(sync.connect(READ, undefined, false)).rejects.toThrow(/read-only token.*Nothing was changed/);
    await expect(sync.connect('hf_' + 'z'.repeat(30), undefined, false)).rejects.toThrow('The Hub refused this token: token expired or not valid: paste a new one. Nothing was changed.');
    await expect(sync.connect('not a token', undefined, false)).rejects.toThrow(/start with "hf_"/);
    expect(hub.repos.size).toBe(0);
    expect((await listPapers(await dbp)).map((p) => p.id)).toEqual(['2501.00001']);
    expect((await sync.status()).connected).toBe(false);
  });

  it('a token revoked later: the status says so in words and automatic syncs stop until the user acts', async () => {
    const { hub, sync } = await setup();
    await sync.connect(TOKEN, undefined, false);
    hub.users.delete(TOKEN);
    expect(await sync.syncNow()).toMatchObject({ error: 'token expired or not valid: paste a new one' });
    await fakeBrowser.alarms.clear(HUB_SOON_ALARM);
    await sync.changed();
    expect(await fakeBrowser.alarms.get(HUB_SOON_ALARM)).toBeUndefined();
  });

  it('offline: "offline; will retry" and a retry alarm; local changes set the ~1 minute alarm; disconnect forgets the token', async () => {
    const { hub, sync } = await setup();
    await sync.connect(TOKEN, undefined, false);
    await sync.changed();
    expect(await fakeBrowser.alarms.get(HUB_SOON_ALARM)).toMatchObject({ name: HUB_SOON_ALARM });
    const offline = createHubSync(() => openPapershelfDb(`hub-sync-${n}`), {
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await offline.syncNow()).toMatchObject({ error: 'offline; will retry' });
    expect(hub.log.length).toBeGreaterThan(0);
    expect(await sync.disconnect()).toMatchObject({ connected: false });
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(TOKEN);
  });
});
