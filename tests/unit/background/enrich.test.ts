import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteDB } from 'idb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ENRICH_ALARM, enrichOne } from '../../../entrypoints/background/enrich';
import * as db from '../../../utils/store/db';
import { paperFromCard } from '../../../utils/store/paper-record';
import { SITE_DIR } from '../../fixtures/site';
import { subscribe, type SyncEvent } from '../../../utils/protocol/sync';

const API = JSON.parse(readFileSync(join(SITE_DIR, 'api/papers/2506.13000.json'), 'utf8'));
let d: db.DB | undefined;
const NAME = 'enrich-test';
const getDb = async () => (d ??= await db.openPapershelfDb(NAME));
afterEach(async () => {
  d?.close();
  d = undefined;
  await deleteDB(NAME);
});

async function seed() {
  await db.putPaper(await getDb(), paperFromCard({ id: '2506.13000', title: 'Spec2RTL' }, '2026-11-25T10:00:00.000Z'));
}
const respond = (status: number, body: string) => (async () => new Response(body, { status })) as unknown as typeof fetch;

describe('enrichment', () => {
  it('fills authors, dates, keywords and repo from the API', async () => {
    await seed();
    expect(await enrichOne(getDb, '2506.13000', respond(200, JSON.stringify(API)))).toBe(true);
    const p = (await db.getPaper(await getDb(), '2506.13000'))!;
    expect(p.authors).toEqual(API.authors.map((a: { name: string }) => a.name));
    expect(p.publishedAt).toBe('2025-06-01T17:59:00.000Z');
    expect(p.aiKeywords).toEqual(API.ai_keywords);
    expect(p.githubRepo).toBe(API.githubRepo);
    expect(p.title).toBe(API.title);
    expect(p.enrichedAt).toBeTypeOf('string');
    expect(p.enrichAttempts).toBeUndefined();
  });

  it.each([
    ['the API is down', respond(503, 'down')],
    ['the API returns garbage', respond(200, '<html>not json')],
    ['the API returns another paper', respond(200, JSON.stringify({ ...API, id: '2506.99999' }))],
    ['the network fails', (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch],
  ])('keeps the save and schedules a retry when %s', async (_why, fetchImpl) => {
    await seed();
    expect(await enrichOne(getDb, '2506.13000', fetchImpl)).toBe(false);
    const p = (await db.getPaper(await getDb(), '2506.13000'))!;
    expect(p.title).toBe('Spec2RTL');
    expect(p.enrichAttempts).toBe(1);
    expect(p.enrichedAt).toBeUndefined();
    expect(await fakeBrowser.alarms.get(ENRICH_ALARM)).toMatchObject({ name: ENRICH_ALARM });
  });
});

describe('enrichment publishes its change', () => {
  const events = () => {
    const seen: SyncEvent[] = [];
    subscribe((e) => seen.push(e));
    return seen;
  };

  it('pushes the enriched record, so an open library page or popup shows authors and dates', async () => {
    await seed();
    const seen = events();
    await enrichOne(getDb, '2506.13000', respond(200, JSON.stringify(API)));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    const [paper] = seen[0]!.papers!;
    expect(paper).toEqual(await db.getPaper(await getDb(), '2506.13000'));
    expect(paper!.authors).toEqual(API.authors.map((a: { name: string }) => a.name));
    expect(paper!.publishedAt).toBe('2025-06-01T17:59:00.000Z');
    expect(seen[0]!.saved).toBeUndefined(); // its saved state did not change
  });

  it('pushes a failed attempt too (the record changed: its attempt count)', async () => {
    await seed();
    const seen = events();
    await enrichOne(getDb, '2506.13000', respond(503, 'down'));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]!.papers).toEqual([expect.objectContaining({ id: '2506.13000', enrichAttempts: 1 })]);
  });

  it('pushes nothing for a paper removed before its details came', async () => {
    const seen = events();
    await enrichOne(getDb, '2506.13000', respond(200, JSON.stringify(API)));
    await new Promise((r) => setTimeout(r, 20));
    expect(seen.filter((e) => e.papers)).toEqual([]);
  });
});
