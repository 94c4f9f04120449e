/**
 * Storage faults: the disk is full (QuotaExceededError), IndexedDB refuses to open (disabled,
 * private window), the browser closes the connection (site data cleared). Each reaches the caller
 * as a plain message through the real listener, and the library is left exactly as it was.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { forceCloseDatabase } from 'fake-indexeddb';
import { connection } from '../../../entrypoints/background/connection';
import { createHandlers } from '../../../entrypoints/background/handlers';
import * as db from '../../../utils/store/db';
import type { MessageType, Reply, Req } from '../../../utils/protocol/messages';
import { createListener, type Handlers } from '../../../utils/protocol/router';
import type { SenderKind } from '../../../utils/protocol/sender';
import type { Paper } from '../../../utils/types';

const QUOTA = 'Your browser is out of storage space for Papershelf. Free some disk space, then try again. Nothing was changed.';
const NO_DB = 'The browser refused to open Papershelf’s database (private window or storage disabled?). Nothing was changed.';
const NOW = new Date('2026-11-25T10:00:00.000Z');

let name: string;
let n = 0;
let getDb: () => Promise<db.DB>;
let handlers: Handlers;
const connections: db.DB[] = [];

beforeEach(() => {
  name = `faults-${++n}`;
  // The worker's real connection logic, on a database of this test's own.
  getDb = connection(async () => {
    const d = await db.openPapershelfDb(name);
    connections.push(d);
    return d;
  });
  handlers = createHandlers(getDb, () => NOW, () => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const d of connections.splice(0)) d.close();
  await deleteDB(name);
});

/** Send one message through the real listener, as a content script or an extension page. */
function call<T extends MessageType>(type: T, payload: Req<T>, kind: SenderKind = 'extension'): Promise<Reply<unknown>> {
  return createListener(handlers, () => kind)({ papershelf: 1, type, payload }, { tab: { id: 1 } })!;
}

const card = (id: string) => ({ id, title: `Paper ${id}`, abstract: 'We study code generation.' });
const paper = (i: number): Paper => {
  const id = `2501.${String(10000 + i)}`;
  return { id, title: `Imported ${i}`, authors: ['A. Author'], savedAt: '2025-01-01T00:00:00.000Z', updatedAt: '2025-01-01T00:00:00.000Z', url: `https://huggingface.co/papers/${id}`, tags: ['imported'], note: '', read: false };
};

/** Everything stored, for before/after comparisons. */
async function snapshot() {
  const d = await getDb();
  return { papers: await db.listPapers(d), topics: await db.listTopics(d) };
}

/**
 * From the `after`-th write on, the write's transaction aborts with QuotaExceededError once its
 * requests are queued, as Chrome's does when the disk is full: pending requests fail with
 * AbortError first, then the transaction with the quota error.
 */
function diskFullAfter(after: number) {
  const put = IDBObjectStore.prototype.put;
  const aborted = new WeakSet<IDBTransaction>();
  let writes = 0;
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
    const request = put.apply(this, args);
    const tx = this.transaction as IDBTransaction & { _abort(name: string): void };
    if (writes++ >= after && !aborted.has(tx)) {
      aborted.add(tx);
      queueMicrotask(() => tx._abort('QuotaExceededError'));
    }
    return request;
  });
}

/** Every put throws QuotaExceededError synchronously (what some engines do for an oversized value). */
function putThrows() {
  vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  });
}

async function seed() {
  for (const id of ['2506.13000', '2506.13037', '2506.13074']) await handlers.save({ card: card(id) }, { kind: 'content', tabId: 1 });
  await handlers.saveTopic({ topic: { name: 'Code', color: '#ff0000', include: ['code'], exclude: [], enabled: true } }, { kind: 'extension' });
}

describe('disk full (QuotaExceededError)', { timeout: 60_000 }, () => {
  const operations: Array<[string, () => Promise<Reply<unknown>>]> = [
    ['saving a paper from a page', () => call('save', { card: card('2506.14110') }, 'content')],
    ['saving a paper again (refresh)', () => call('save', { card: { ...card('2506.13000'), title: 'New title' } }, 'content')],
    ['importing 10,000 papers (the abort comes at the 5,000th)', () => call('importRecords', { papers: Array.from({ length: 10_000 }, (_, i) => paper(i)), topics: [], dryRun: false, lossless: true })],
    ['editing a note', () => call('update', { ids: ['2506.13000'], patch: { note: 'x'.repeat(10_000) } })],
    ['saving a topic', () => call('saveTopic', { topic: { name: 'Vision', color: '#00ff00', include: ['image'], exclude: [], enabled: true } })],
    ['reordering topics', () => call('reorderTopics', { ids: [] })],
  ];

  it.each(operations)('%s: the plain quota message, and nothing changed', async (label, run) => {
    await seed();
    const before = await snapshot();
    diskFullAfter(label.startsWith('importing') ? 5000 : 0);
    expect(await run()).toEqual({ ok: false, error: QUOTA });
    vi.restoreAllMocks();
    expect(await snapshot()).toEqual(before);
    // Space freed: the same operation works.
    expect(await run()).toMatchObject({ ok: true });
  });

  it.each(operations.slice(0, 3))('%s, with a put that throws at once: the same message, nothing changed', async (_label, run) => {
    await seed();
    const before = await snapshot();
    putThrows();
    expect(await run()).toEqual({ ok: false, error: QUOTA });
    vi.restoreAllMocks();
    expect(await snapshot()).toEqual(before);
  });
});

describe('IndexedDB unavailable', () => {
  it.each(['UnknownError', 'InvalidStateError'])('open throws %s: every message gets the plain message; the next open is tried again', async (errorName) => {
    const open = vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('Internal error opening backing store for indexedDB.open.', errorName);
    });
    expect(await call('save', { card: card('2506.13000') }, 'content')).toEqual({ ok: false, error: NO_DB });
    expect(await call('lookup', { ids: ['2506.13000'] }, 'content')).toEqual({ ok: false, error: NO_DB });
    expect(await call('list', {})).toEqual({ ok: false, error: NO_DB });
    expect(await call('importRecords', { papers: [paper(1)], topics: [], dryRun: false })).toEqual({ ok: false, error: NO_DB });
    expect(open.mock.calls.length).toBe(4); // not cached as failed
    open.mockRestore();
    expect(await call('save', { card: card('2506.13000') }, 'content')).toMatchObject({ ok: true });
    expect((await snapshot()).papers.map((p) => p.id)).toEqual(['2506.13000']);
  });

  it('the browser closes the connection (site data cleared): the next message opens a new one', async () => {
    await seed();
    forceCloseDatabase((await getDb()) as never); // idb proxies pass through to the raw connection
    await new Promise((r) => setTimeout(r, 10)); // the browser fires "close" on the connection
    expect(await call('save', { card: card('2506.14110') }, 'content')).toMatchObject({ ok: true });
    expect(connections).toHaveLength(2);
    expect((await snapshot()).papers).toHaveLength(4);
  });

  it('another context deletes or upgrades the database: the worker lets go instead of blocking it', async () => {
    await seed();
    await getDb();
    const blocked = vi.fn();
    await deleteDB(name, { blocked });
    expect(blocked).not.toHaveBeenCalled();
    expect(await call('save', { card: card('2506.14110') }, 'content')).toMatchObject({ ok: true });
    expect((await snapshot()).papers.map((p) => p.id)).toEqual(['2506.14110']);
  });
});
