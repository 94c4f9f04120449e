/** The background's unsave / remove / deleteTopic / wipe paths leave tombstones for sync. */
import { describe, expect, it } from 'vitest';
import { browser } from 'wxt/browser';
import { openPapershelfDb } from '../../../utils/store/db';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { getTombstones } from '../../../entrypoints/background/tombstones';

let n = 0;
const ext = { kind: 'extension' as const };

function setup() {
  const dbp = openPapershelfDb(`tombstones-${++n}`);
  let t = Date.parse('2026-12-01T10:00:00.000Z');
  const h = createHandlers(() => dbp, () => new Date((t += 1000)), () => undefined);
  return h;
}

describe('tombstones', () => {
  it('unsave and remove record when each paper was removed', async () => {
    const h = setup();
    for (const id of ['2501.00001', '2501.00002', '2501.00003']) await h.save({ card: { id, title: `P ${id}` } }, ext);
    await h.unsave({ id: '2501.00001' }, ext);
    await h.remove({ ids: ['2501.00002', '2501.00003'] }, ext);
    const t = await getTombstones();
    expect(Object.keys(t.papers).sort()).toEqual(['2501.00001', '2501.00002', '2501.00003']);
    expect(t.papers['2501.00001']! < t.papers['2501.00002']!).toBe(true);
    expect(t.papers['2501.00002']).toBe(t.papers['2501.00003']);
    expect(await h.count(null, ext)).toBe(0);
  });

  it('deleting a topic and wiping the library record tombstones of everything removed', async () => {
    const h = setup();
    const a = await h.saveTopic({ topic: { name: 'A', color: '#112233', include: ['x'], exclude: [], enabled: true } }, ext);
    const b = await h.saveTopic({ topic: { name: 'B', color: '#112233', include: ['y'], exclude: [], enabled: true } }, ext);
    await h.deleteTopic({ id: a.id }, ext);
    expect(Object.keys((await getTombstones()).topics)).toEqual([a.id]);
    await h.save({ card: { id: '2501.00009', title: 'P' } }, ext);
    await h.wipe(null, ext);
    const t = await getTombstones();
    expect(Object.keys(t.topics).sort()).toEqual([a.id, b.id].sort());
    expect(Object.keys(t.papers)).toEqual(['2501.00009']);
  });

  it('restoring a backup after a wipe: tombstones cleared; byte for byte without Hub sync', async () => {
    const h = setup();
    await h.save({ card: { id: '2501.00001', title: 'P' } }, ext);
    const backup = await h.dump(null, ext);
    await h.wipe(null, ext);
    await h.importRecords({ papers: backup.papers, topics: [], dryRun: false, lossless: true }, ext);
    expect((await getTombstones()).papers).toEqual({});
    expect((await h.list({}, ext)).papers).toEqual(backup.papers);
  });

  it('with Hub sync connected, the restored papers count as changed after the removal, so sync keeps them', async () => {
    await browser.storage.local.set({ 'papershelf:hub': { token: 'hf_abcdefghijklmnopqrstuvwxyz', user: 'alice', repo: 'alice/papershelf-library' } });
    const h = setup();
    await h.save({ card: { id: '2501.00001', title: 'P' } }, ext);
    const backup = await h.dump(null, ext);
    await h.wipe(null, ext);
    const removedAt = (await getTombstones()).papers['2501.00001']!;
    expect(await h.importRecords({ papers: backup.papers, topics: [], dryRun: false, lossless: true }, ext)).toMatchObject({ added: 1 });
    expect((await getTombstones()).papers).toEqual({});
    const [p] = (await h.list({}, ext)).papers;
    expect(p!.updatedAt > removedAt).toBe(true);
  });
});
