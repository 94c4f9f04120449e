/**
 * Morning triage in the worker: the seen store, its pruning and its place in `lookup`, batching of
 * seen ids in the content script, today's papers from the daily API (good, empty, malformed, 500,
 * timeout, offline) and de-duplicated notifications.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB, openDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Daily, DAILY_KEY, DAILY_TIMEOUT_MS, fetchDaily, type DailyStore } from '../../../entrypoints/background/daily';
import { createHandlers } from '../../../entrypoints/background/handlers';
import { pruneSeen } from '../../../entrypoints/background/seen';
import { seenBatch } from '../../../entrypoints/papers.content/seen-batch';
import { DAILY_API, dailyPageUrl, notificationText, parseDaily, toNotify } from '../../../utils/daily';
import * as db from '../../../utils/store/db';
import { MIGRATIONS } from '../../../utils/store/migrations';
import { SYNC_KEY } from '../../../utils/protocol/sync';
import type { Handlers } from '../../../utils/protocol/router';

const DAILY_JSON = readFileSync(join(process.cwd(), 'tests/fixtures/daily/daily_papers.json'), 'utf8');
const ITEMS = JSON.parse(DAILY_JSON) as Array<{ paper: Record<string, unknown> } & Record<string, unknown>>;
const NOW = new Date('2025-06-26T09:00:00.000Z');

let name: string;
let n = 0;
let open: db.DB | undefined;
const getDb = async () => (open ??= await db.openPapershelfDb(name));

beforeEach(() => {
  name = `triage-${++n}`;
});
afterEach(async () => {
  vi.useRealTimers();
  open?.close();
  open = undefined;
  await deleteDB(name);
});

/** A fetch that answers `body` with `status` (a string body is sent as is). */
const answer = (body: unknown, status = 200): typeof fetch =>
  (async () => new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })) as never;

const topic = (nameOf: string, include: string[]) => ({ name: nameOf, color: '#6d28d9', include, exclude: [], enabled: true });

describe('the seen store', () => {
  it('is added by schema step 1 → 2 to a real version 1 database, which keeps its papers and topics', async () => {
    const v1 = JSON.parse(readFileSync(join(process.cwd(), 'tests/fixtures/versions/db-v1.json'), 'utf8'));
    const raw = await openDB(name, 1, { upgrade: (d, o, _n, tx) => MIGRATIONS[0]!(d as never, tx as never) });
    const tx = raw.transaction(['papers', 'topics'], 'readwrite');
    for (const p of v1.stores.papers) void tx.objectStore('papers').put(p);
    for (const t of v1.stores.topics) void tx.objectStore('topics').put(t);
    await tx.done;
    raw.close();
    const d = await getDb();
    // Steps 1 → 2 (seen) and 2 → 3 (recommend) both ran.
    expect(d.version).toBe(db.DB_VERSION);
    expect([...d.objectStoreNames].sort()).toEqual(['papers', 'recommend', 'seen', 'topics']);
    expect(d.transaction('seen').store.keyPath).toBe('id');
    expect(await db.countSeen(d)).toBe(0);
    expect((await db.listPapers(d)).length).toBe(v1.stores.papers.length);
    expect(await db.listTopics(d)).toEqual(v1.stores.topics);
  });

  it('keeps firstSeenAt, moves lastSeenAt, and answers which ids were seen (short and long lists)', async () => {
    const d = await getDb();
    await db.markSeen(d, ['2506.00001', '2506.00002'], '2025-06-01T00:00:00.000Z');
    await db.markSeen(d, ['2506.00002', '2506.00003'], '2025-06-02T00:00:00.000Z');
    expect(await db.listSeen(d)).toEqual([
      { id: '2506.00001', firstSeenAt: '2025-06-01T00:00:00.000Z', lastSeenAt: '2025-06-01T00:00:00.000Z' },
      { id: '2506.00002', firstSeenAt: '2025-06-01T00:00:00.000Z', lastSeenAt: '2025-06-02T00:00:00.000Z' },
      { id: '2506.00003', firstSeenAt: '2025-06-02T00:00:00.000Z', lastSeenAt: '2025-06-02T00:00:00.000Z' },
    ]);
    expect(await db.seenAmong(d, ['2506.00003', '2506.09999', '2506.00001'])).toEqual(['2506.00003', '2506.00001']);
    // A page of 100 ids: one range read; and past its cap (many seen ids in the range), one read per id.
    const page = Array.from({ length: 100 }, (_, i) => `2507.${String(10000 + i * 10)}`);
    await db.markSeen(d, page.filter((_, i) => i % 3 === 0), '2025-07-01T00:00:00.000Z');
    const expected = page.filter((_, i) => i % 3 === 0);
    expect(await db.seenAmong(d, page)).toEqual(expected);
    await db.markSeen(d, Array.from({ length: 1000 }, (_, i) => `2507.${String(10001 + i)}`), '2025-07-01T00:00:00.000Z');
    expect(await db.seenAmong(d, page)).toEqual(page); // 1,000 seen ids in the page's range: past the cap
    expect(await db.seenAmong(d, [])).toEqual([]);
  });

  it('prunes entries last seen more than 180 days ago, once a day by alarm', async () => {
    const d = await getDb();
    await db.markSeen(d, ['2501.00001'], '2024-12-27T08:59:59.000Z'); // 181 days before NOW
    await db.markSeen(d, ['2501.00002'], '2024-12-29T09:00:00.000Z'); // 179 days
    await db.markSeen(d, ['2506.00003'], '2025-06-25T00:00:00.000Z');
    expect(await pruneSeen(getDb, NOW)).toBe(1);
    expect((await db.listSeen(d)).map((e) => e.id)).toEqual(['2501.00002', '2506.00003']);
    expect(await pruneSeen(getDb, NOW)).toBe(0);
  });
});

describe('seen handlers', () => {
  let handlers: Handlers;
  const content = { kind: 'content' as const, tabId: 3 };
  const ext = { kind: 'extension' as const };
  beforeEach(() => {
    handlers = createHandlers(getDb, () => NOW, () => undefined);
  });

  it('lookup answers saved and seen ids (and "Dim seen papers") in the same message', async () => {
    await handlers.save({ card: { id: '2506.14110', title: 'A' } }, content);
    await handlers.seen({ ids: ['2506.14110v2', '2506.14147', 'not-an-id'] }, content);
    expect(await db.listSeen(await getDb())).toEqual([
      { id: '2506.14110', firstSeenAt: NOW.toISOString(), lastSeenAt: NOW.toISOString() },
      { id: '2506.14147', firstSeenAt: NOW.toISOString(), lastSeenAt: NOW.toISOString() },
    ]);
    await handlers.setDimSeen({ on: true }, ext);
    expect((await fakeBrowser.storage.local.get(SYNC_KEY))[SYNC_KEY]).toMatchObject({ dimSeen: true });
    const res = await handlers.lookup({ ids: ['2506.14110', '2506.14147', '2506.14184'] }, content);
    expect(res).toMatchObject({ saved: ['2506.14110'], seen: ['2506.14110', '2506.14147'], dimSeen: true });
    await expect(handlers.seen({ ids: 'x' as never }, content)).rejects.toThrow('Expected a list of paper ids.');
  });

  it('counts and forgets the seen set; dumps it for a backup and merges it back on import', async () => {
    await handlers.seen({ ids: ['2506.14110', '2506.14147'] }, content);
    expect(await handlers.seenCount(null, ext)).toBe(2);
    const dumped = await handlers.dump({ seen: true }, ext);
    expect(dumped.seen).toHaveLength(2);
    expect('seen' in (await handlers.dump(null, ext))).toBe(false);
    // A page that holds the library asks for the seen set alone.
    expect(await handlers.seenEntries(null, ext)).toEqual(dumped.seen);
    await handlers.forgetSeen(null, ext);
    expect(await handlers.seenCount(null, ext)).toBe(0);
    expect((await fakeBrowser.storage.local.get(SYNC_KEY))[SYNC_KEY]).toMatchObject({ seen: true });
    const seen = [{ id: '2506.14110', firstSeenAt: '2025-06-01T00:00:00.000Z', lastSeenAt: '2025-06-02T00:00:00.000Z' }];
    await handlers.importRecords({ papers: [], topics: [], seen, dryRun: true }, ext);
    expect(await handlers.seenCount(null, ext)).toBe(0); // a dry run writes nothing
    await handlers.importRecords({ papers: [], topics: [], seen, dryRun: false, lossless: true }, ext);
    await handlers.seen({ ids: ['2506.14110'] }, content);
    expect(await db.listSeen(await getDb())).toEqual([{ id: '2506.14110', firstSeenAt: '2025-06-01T00:00:00.000Z', lastSeenAt: NOW.toISOString() }]);
    await expect(
      handlers.importRecords({ papers: [], topics: [], seen: [{ id: 'x', firstSeenAt: '', lastSeenAt: '' }], dryRun: false }, ext),
    ).rejects.toThrow('seen[0]');
  });
});

describe('batching seen ids in the content script', () => {
  it('sends at most one message per interval, each id once, and everything left when the page is hidden', () => {
    vi.useFakeTimers();
    let clock = 0;
    const sent: string[][] = [];
    const batch = seenBatch((ids) => sent.push(ids), 3000, () => clock);
    batch.add(['a']);
    vi.advanceTimersByTime(0);
    clock = 0;
    expect(sent).toEqual([['a']]);
    for (const id of ['b', 'c', 'a', 'd']) {
      clock += 500;
      batch.add([id]);
      vi.advanceTimersByTime(500);
    }
    expect(sent).toEqual([['a']]); // 2 s after the first: still waiting
    clock = 3000;
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([['a'], ['b', 'c', 'd']]);
    batch.add(['e', 'b']);
    batch.flush(); // pagehide / visibilitychange → hidden
    expect(sent).toEqual([['a'], ['b', 'c', 'd'], ['e']]);
    batch.flush();
    expect(sent).toHaveLength(3);
    batch.stop();
  });
});

describe("today's papers (daily API)", () => {
  it('reads the real item shape: fields inside `paper`, thumbnail on the item', async () => {
    const list = await fetchDaily(answer(ITEMS));
    expect(list.skipped).toBe(0);
    expect(list.papers).toHaveLength(20);
    const first = ITEMS[0]!.paper as { id: string; title: string; authors: Array<{ name: string }>; ai_keywords: string[] };
    expect(list.papers[0]).toMatchObject({
      id: first.id,
      title: first.title,
      authors: first.authors.map((a) => a.name),
      aiKeywords: first.ai_keywords,
      thumbnail: ITEMS[0]!.thumbnail,
    });
    expect(dailyPageUrl(list.papers)).toMatch(/^https:\/\/huggingface\.co\/papers\/date\/\d{4}-\d{2}-\d{2}$/);
  });

  it('an empty list is a good answer; malformed items are skipped and counted', async () => {
    expect(await fetchDaily(answer([]))).toEqual({ papers: [], skipped: 0 });
    const bad = [null, 3, { paper: null }, { paper: { id: 'abc', title: 'Not arXiv' } }, { paper: { id: '2506.14110' } }, { title: 'no paper' }, ITEMS[1]];
    const r = parseDaily(bad);
    expect(r.skipped).toBe(6);
    expect(r.papers.map((p) => p.id)).toEqual([(ITEMS[1]!.paper as { id: string }).id]);
  });

  it('says why a check failed: a body that is not a list or not JSON, HTTP 500, offline, 15 s without an answer', async () => {
    await expect(fetchDaily(answer({ error: 'x' }))).rejects.toThrow('the answer was not a list of papers');
    await expect(fetchDaily(answer('<html>'))).rejects.toThrow('the answer was not valid JSON');
    await expect(fetchDaily(answer('oops', 500))).rejects.toThrow('huggingface.co answered HTTP 500');
    await expect(fetchDaily((async () => Promise.reject(new TypeError('Failed to fetch'))) as never)).rejects.toThrow('could not be reached');
    vi.useFakeTimers();
    let url = '';
    const hanging = ((u: string, init: RequestInit) => {
      url = u;
      return new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    }) as never;
    const pending = expect(fetchDaily(hanging)).rejects.toThrow('no answer within 15 s');
    await vi.advanceTimersByTimeAsync(DAILY_TIMEOUT_MS);
    await pending;
    expect(url).toBe(DAILY_API);
  });
});

describe('Daily: matches, badge, failures, notifications', () => {
  const make = (fetchImpl: typeof fetch, extra: Partial<ConstructorParameters<typeof Daily>[0]> = {}) => {
    const badges: number[] = [];
    const shown: string[] = [];
    const retries: Date[] = [];
    const daily = new Daily({
      getDb,
      fetchImpl,
      now: () => NOW,
      setGlobalBadge: async (c) => void badges.push(c),
      notify: async (_t, message) => (shown.push(message), true),
      scheduleRetry: async (d) => void retries.push(d),
      ...extra,
    });
    return { daily, badges, shown, retries };
  };
  const stored = async () => (await fakeBrowser.storage.local.get(DAILY_KEY))[DAILY_KEY] as DailyStore;

  it('matches today’s list with the topics (unseen first), and the badge counts the unseen ones', async () => {
    const handlers = createHandlers(getDb, () => NOW, () => undefined);
    await handlers.saveTopic({ topic: topic('Agents', ['agents']) }, { kind: 'extension' });
    const { daily, badges } = make(answer(ITEMS));
    await daily.check();
    const withAgents = ITEMS.filter((i) => (i.paper.ai_keywords as string[]).includes('agents')).map((i) => i.paper.id as string);
    expect(withAgents.length).toBeGreaterThan(1);
    const first = await daily.state();
    expect(first.matches.map((m) => m.id)).toEqual(expect.arrayContaining(withAgents));
    expect(first).toMatchObject({ papers: 20, skipped: 0, hasTopics: true, fetchedAt: NOW.toISOString() });
    expect(badges.at(-1)).toBe(first.matches.length);
    // Seeing one of them on a page lowers the badge and moves it last.
    const seenId = first.matches[0]!.id;
    await createHandlers(getDb, () => NOW, () => undefined, daily).seen({ ids: [seenId] }, { kind: 'content', tabId: 1 });
    expect(badges.at(-1)).toBe(first.matches.length - 1);
    const after = await daily.state();
    expect(after.matches.at(-1)).toMatchObject({ id: seenId, seen: true, topics: ['Agents'] });
  });

  it('a failed check keeps the last good list and says why and when it retries', async () => {
    await createHandlers(getDb, () => NOW, () => undefined).saveTopic({ topic: topic('LLM', ['LLM']) }, { kind: 'extension' });
    let fetchImpl = answer(ITEMS);
    const { daily, retries } = make(((u: string, i: RequestInit) => fetchImpl(u, i)) as never);
    await daily.check();
    const good = await daily.state();
    expect(good.matches.length).toBeGreaterThan(0);
    fetchImpl = answer('down', 500);
    await daily.check();
    const after = await daily.state();
    expect(after.error).toBe('huggingface.co answered HTTP 500');
    expect(after.retryAt).toBe(new Date(NOW.getTime() + 30 * 60_000).toISOString());
    expect(retries).toEqual([new Date(after.retryAt!)]);
    expect(after.matches).toEqual(good.matches);
    expect(after.fetchedAt).toBe(good.fetchedAt);
    fetchImpl = answer([{ paper: 'garbage' }, ...ITEMS.slice(0, 3)]);
    await daily.check();
    expect(await stored()).toMatchObject({ skipped: 1 });
    expect((await stored()).error).toBeUndefined();
    expect((await stored()).papers).toHaveLength(3);
  });

  it('the popup re-checks only when no check succeeded in the last hour; checks run one at a time', async () => {
    const calls: string[] = [];
    const { daily } = make((async (u: string) => (calls.push(u), new Response(DAILY_JSON))) as never);
    await Promise.all([daily.check(), daily.check()]);
    expect(calls).toHaveLength(1);
    await daily.state(true);
    expect(calls).toHaveLength(1); // fetched at NOW: fresh
    await fakeBrowser.storage.local.set({ [DAILY_KEY]: { ...(await stored()), fetchedAt: new Date(NOW.getTime() - 61 * 60_000).toISOString() } });
    await daily.state(true);
    await vi.waitFor(() => expect(calls).toHaveLength(2));
  });

  it('notifies once per new match: the same list again shows nothing, a new match shows only itself', async () => {
    await createHandlers(getDb, () => NOW, () => undefined).saveTopic({ topic: topic('Agents', ['agents']) }, { kind: 'extension' });
    const agents = ITEMS.filter((i) => (i.paper.ai_keywords as string[]).includes('agents'));
    let list = agents.slice(0, 2);
    const { daily, shown } = make((async () => new Response(JSON.stringify(list))) as never);
    await daily.check();
    expect(shown).toEqual([notificationText(list.map((i) => i.paper.title as string))]);
    expect(shown[0]).toMatch(/^2 new papers match your topics: /);
    await daily.check();
    expect(shown).toHaveLength(1);
    list = agents.slice(0, 3);
    await daily.check();
    expect(shown).toEqual([shown[0], `1 new paper matches your topics: ${agents[2]!.paper.title as string}`]);
    expect((await stored()).notified).toEqual(agents.slice(0, 3).map((i) => i.paper.id));
    expect(toNotify(['a', 'b', 'c'], ['b'])).toEqual(['a', 'c']);
  });

  it('without the permission nothing is recorded as notified (ticking the box later still announces today’s matches)', async () => {
    await createHandlers(getDb, () => NOW, () => undefined).saveTopic({ topic: topic('Agents', ['agents']) }, { kind: 'extension' });
    const { daily } = make(answer(ITEMS), { notify: async () => false });
    await daily.check();
    expect((await stored()).notified).toEqual([]);
  });

  it('saves one of today’s papers with the full record from the API item', async () => {
    const { daily } = make(answer(ITEMS));
    await daily.check();
    const handlers = createHandlers(getDb, () => NOW, () => undefined, daily);
    const item = ITEMS[3]!.paper as { id: string; title: string; summary: string; authors: Array<{ name: string }>; publishedAt: string; ai_keywords: string[] };
    const saved = await handlers.saveToday({ id: item.id }, { kind: 'extension' });
    expect(saved).toMatchObject({
      id: item.id,
      title: item.title,
      summary: item.summary.replace(/\s+/g, ' ').trim(),
      authors: item.authors.map((a) => a.name),
      publishedAt: new Date(item.publishedAt).toISOString(),
      aiKeywords: item.ai_keywords,
      enrichedAt: NOW.toISOString(),
    });
    expect((await daily.state()).matches).toEqual([]); // no topics
    expect((await daily.state()).hasTopics).toBe(false);
    await expect(handlers.saveToday({ id: '2501.00001' }, { kind: 'extension' })).rejects.toThrow("not in today's papers");
  });
});
