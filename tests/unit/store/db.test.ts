import { afterEach, describe, expect, it } from 'vitest';
import { deleteDB } from 'idb';
import * as db from '../../../utils/store/db';
import type { Paper } from '../../../utils/types';

let n = 0;
const opened: Array<{ name: string; d: db.DB }> = [];
async function fresh() {
  const name = `test-db-${++n}`;
  const d = await db.openPapershelfDb(name);
  opened.push({ name, d });
  return d;
}
afterEach(async () => {
  for (const { name, d } of opened.splice(0)) {
    d.close();
    await deleteDB(name);
  }
});

const paper = (id: string, savedAt: string): Paper => ({
  id, title: `T ${id}`, authors: [], savedAt, updatedAt: savedAt, url: `https://huggingface.co/papers/${id}`, tags: [], note: '', read: false,
});

describe('db', () => {
  it('creates the stores with keyPath id and the savedAt/order indexes', async () => {
    const d = await fresh();
    expect([...d.objectStoreNames].sort()).toEqual(['papers', 'recommend', 'seen', 'topics']);
    const tx = d.transaction(['papers', 'topics']);
    expect(tx.objectStore('papers').keyPath).toBe('id');
    expect([...tx.objectStore('papers').indexNames]).toEqual(['savedAt']);
    expect(tx.objectStore('topics').keyPath).toBe('id');
    expect([...tx.objectStore('topics').indexNames]).toEqual(['order']);
    expect(d.transaction('recommend').store.keyPath).toBeNull(); // out-of-line keys: "model", "negatives"
    expect(d.version).toBe(db.DB_VERSION);
  });

  it('savedAmong for a whole page (one range read) answers like one read per id, in the order asked', async () => {
    const d = await fresh();
    const saved = ['2506.13005', '2506.13050', '2507.00001', 'hep-th/9901001', '2401.00001'];
    await db.putAll(d, saved.map((id) => paper(id, '2025-01-01T00:00:00.000Z')), []);
    const page = [...Array.from({ length: 80 }, (_, i) => `2506.${13000 + i}`), '2507.00001', '2506.13005', 'hep-th/9901001'];
    const expected = page.filter((id) => saved.includes(id));
    expect(expected).toEqual(['2506.13005', '2506.13050', '2507.00001', '2506.13005', 'hep-th/9901001']);
    expect(await db.savedAmong(d, page)).toEqual(expected);
    expect(await db.savedAmong(d, page.slice(0, 40))).toEqual(['2506.13005']); // few ids: one read each
  });

  it('lists newest saved first and answers savedAmong in one call', async () => {
    const d = await fresh();
    await db.putAll(d, [paper('2506.13000', '2025-01-01T00:00:00.000Z'), paper('2506.13037', '2025-03-01T00:00:00.000Z'), paper('2506.13074', '2025-02-01T00:00:00.000Z')], []);
    expect((await db.listPapers(d)).map((p) => p.id)).toEqual(['2506.13037', '2506.13074', '2506.13000']);
    expect(await db.savedAmong(d, ['2506.13000', '9999.99999', '2506.13074'])).toEqual(['2506.13000', '2506.13074']);
  });

  it('recentPapers reads the newest N (the total only when there are fewer: counting walks every record); countPapers counts', async () => {
    const d = await fresh();
    const days = Array.from({ length: 30 }, (_, i) => paper(`2506.${13000 + i}`, new Date(Date.UTC(2025, 0, 1 + i)).toISOString()));
    await db.putAll(d, days, []);
    const r = await db.recentPapers(d, 3);
    expect(r.total).toBeNull();
    expect(r.papers.map((p) => p.id)).toEqual(['2506.13029', '2506.13028', '2506.13027']);
    expect(await db.countPapers(d)).toBe(30);
    expect((await db.recentPapers(d, 50)).total).toBe(30);
    expect((await db.recentPapers(d, 30)).total).toBeNull();
  });

  it('upserts concurrently without losing either write', async () => {
    const d = await fresh();
    await Promise.all(
      ['a', 'b', 'c'].map((tag) =>
        db.upsertPaper(d, '2506.13000', (cur) => ({ ...(cur ?? paper('2506.13000', '2025-01-01T00:00:00.000Z')), tags: [...(cur?.tags ?? []), tag] })),
      ),
    );
    expect((await db.getPaper(d, '2506.13000'))!.tags).toEqual(['a', 'b', 'c']);
  });

  it('putAll is all or nothing', async () => {
    const d = await fresh();
    await db.putAll(d, [paper('2506.13000', '2025-01-01T00:00:00.000Z')], []);
    const bad = { ...paper('2506.13037', '2025-01-01T00:00:00.000Z'), id: undefined } as unknown as Paper;
    await expect(db.putAll(d, [paper('2506.13074', '2025-01-01T00:00:00.000Z'), bad], [])).rejects.toThrow();
    expect((await db.listPapers(d)).map((p) => p.id)).toEqual(['2506.13000']);
  });
});
