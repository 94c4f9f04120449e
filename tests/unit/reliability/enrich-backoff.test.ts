/**
 * The HF API down, slow or answering garbage: a save never waits for it; each failed attempt is
 * counted on the record and the retry alarm backs off (1, 2, 4 … minutes); after
 * MAX_ENRICH_ATTEMPTS the paper is left alone, still saved. (tests/unit/background/enrich.test.ts
 * covers one failed attempt of each kind; the e2e covers the real worker and alarm.)
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ENRICH_ALARM, enrichOne, retryPending } from '../../../entrypoints/background/enrich';
import { createHandlers } from '../../../entrypoints/background/handlers';
import * as db from '../../../utils/store/db';
import { MAX_ENRICH_ATTEMPTS, retryDelayMinutes } from '../../../utils/store/paper-record';

let name: string;
let n = 0;
let d: db.DB | undefined;
const getDb = async () => (d ??= await db.openPapershelfDb(name));
const ID = '2506.13000';

beforeEach(() => {
  name = `backoff-${++n}`;
});
afterEach(async () => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.restoreAllMocks();
  d?.close();
  d = undefined;
  await deleteDB(name);
});

const down = vi.fn(async () => new Response('Internal Server Error', { status: 500 }));
/** A request that only ends when its signal aborts it (the API hangs). */
const hanging = (_url: string, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError'))));

describe('enrichment when the HF API fails', { timeout: 60_000 }, () => {
  it('a save returns while the API hangs; the hang is cut off and counted as one failed attempt', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const fetch = vi.fn(hanging);
    vi.stubGlobal('fetch', fetch);
    const handlers = createHandlers(getDb); // the real enrichment, started in the background
    const { paper: saved } = await handlers.save({ card: { id: ID, title: 'Spec2RTL' } }, { kind: 'content', tabId: 1 });
    expect(saved).toMatchObject({ id: ID, title: 'Spec2RTL' });
    expect(saved.enrichedAt).toBeUndefined();
    await vi.waitFor(() => expect(fetch).toHaveBeenCalledTimes(1), { timeout: 15_000 });
    expect(await db.getPaper(await getDb(), ID)).toMatchObject({ id: ID });
    await vi.advanceTimersByTimeAsync(8000); // the request's own time limit
    await vi.waitFor(async () => expect((await db.getPaper(await getDb(), ID))?.enrichAttempts).toBe(1), { timeout: 15_000 });
    await vi.waitFor(async () => expect(await fakeBrowser.alarms.get(ENRICH_ALARM)).toMatchObject({ name: ENRICH_ALARM }), { timeout: 15_000 });
  });

  it(`backs off 1, 2, 4 … minutes and gives up after ${MAX_ENRICH_ATTEMPTS} attempts, the paper kept`, async () => {
    vi.stubGlobal('fetch', down);
    const create = vi.spyOn(fakeBrowser.alarms, 'create');
    await createHandlers(getDb, undefined, () => undefined).save({ card: { id: ID, title: 'Spec2RTL' } }, { kind: 'content', tabId: 1 });
    await enrichOne(getDb, ID); // the attempt right after the save
    for (let attempt = 1; attempt <= MAX_ENRICH_ATTEMPTS; attempt++) {
      expect((await db.getPaper(await getDb(), ID))!.enrichAttempts).toBe(attempt);
      if (attempt < MAX_ENRICH_ATTEMPTS) {
        expect(create).toHaveBeenLastCalledWith(ENRICH_ALARM, { delayInMinutes: retryDelayMinutes(attempt) });
        expect(retryDelayMinutes(attempt)).toBe(Math.min(2 ** (attempt - 1), 360));
        await retryPending(getDb); // what the alarm runs
      }
    }
    const calls = create.mock.calls.length;
    expect(calls).toBe(MAX_ENRICH_ATTEMPTS - 1);
    down.mockClear();
    await retryPending(getDb); // a late alarm: nothing left to try
    expect(down).not.toHaveBeenCalled();
    expect(create.mock.calls.length).toBe(calls);
    expect(await db.getPaper(await getDb(), ID)).toMatchObject({ id: ID, title: 'Spec2RTL', enrichAttempts: MAX_ENRICH_ATTEMPTS });
  });

  it.each([
    ['HTML instead of JSON', '<!doctype html><title>Hugging Face – 503</title>'],
    ['JSON that is a list', '[]'],
    ['JSON of another paper', JSON.stringify({ id: '2506.99999', title: 'Other' })],
    ['a hostile record', JSON.stringify({ id: ID, title: { $ne: 1 }, authors: 'x', summary: 7, githubRepo: 'javascript:alert(1)', upvotes: -5 })],
  ])('garbage (%s): nothing unsafe is stored', async (_what, body) => {
    await createHandlers(getDb, undefined, () => undefined).save({ card: { id: ID, title: 'Spec2RTL' } }, { kind: 'content', tabId: 1 });
    await enrichOne(getDb, ID, (async () => new Response(body, { status: 200 })) as unknown as typeof fetch);
    const p = (await db.getPaper(await getDb(), ID))!;
    expect(p.title).toBe('Spec2RTL');
    expect(p.githubRepo).toBeUndefined();
    expect(p.upvotes).toBeUndefined();
    expect(p.authors).toEqual([]);
  });
});
