/**
 * Enrich saved papers from https://huggingface.co/api/papers/<id>. A save never waits on this:
 * failures are counted on the record and retried with back-off by an alarm.
 */
import { browser } from 'wxt/browser';
import * as db from '@/utils/store/db';
import type { DB } from '@/utils/store/db';
import { applyApiPaper, MAX_ENRICH_ATTEMPTS, retryDelayMinutes } from '@/utils/store/paper-record';
import { publish } from '@/utils/protocol/sync';

export const ENRICH_ALARM = 'papershelf:enrich';
const TIMEOUT_MS = 8000;

/** The API answered 404: the paper is not on huggingface.co (an arXiv-only paper). Final. */
export class NotOnHf extends Error {
  constructor(id: string) {
    super(`${id} is not on huggingface.co`);
    this.name = 'NotOnHf';
  }
}

export async function fetchApiPaper(id: string, fetchImpl: typeof fetch = fetch): Promise<unknown> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), TIMEOUT_MS);
  try {
    const res = await fetchImpl(`https://huggingface.co/api/papers/${encodeURIComponent(id)}`, {
      signal: ctrl.signal,
      credentials: 'omit',
    });
    if (res.status === 404) throw new NotOnHf(id);
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return await res.json();
  } finally {
    clearTimeout(timer);
  }
}

/** One attempt for one paper. Returns true when the record was enriched. */
export async function enrichOne(getDb: () => Promise<DB>, id: string, fetchImpl?: typeof fetch): Promise<boolean> {
  let json: unknown;
  let ok = false;
  let missing = false;
  try {
    json = await fetchApiPaper(id, fetchImpl);
    ok = true;
  } catch (err) {
    missing = err instanceof NotOnHf;
  }
  const d = await getDb();
  const now = new Date().toISOString();
  let enriched = false;
  if (missing) {
    // Not on HF: what the page gave (arXiv's metadata) stays, and it is never asked again.
    const kept = await db.updatePaper(d, id, (p) => ({ ...p, notOnHfAt: now, enrichAttempts: undefined }));
    if (kept) await publish({ papers: [kept] });
    return false;
  }
  const paper = await db.updatePaper(d, id, (p) => {
    const next = ok ? applyApiPaper(p, json, now) : null;
    if (next) {
      enriched = true;
      return next;
    }
    return { ...p, enrichAttempts: (p.enrichAttempts ?? 0) + 1 };
  });
  // Like any other change: open pages show the new authors and dates (or the attempt count that an
  // export from the library page carries) without a reload. A paper removed meanwhile is not told.
  if (paper) await publish({ papers: [paper] });
  if (!enriched) await scheduleRetry(getDb);
  return enriched;
}

export function enrichSoon(getDb: () => Promise<DB>, id: string): void {
  void enrichOne(getDb, id).catch(() => undefined);
}

/** Saved papers still waiting for their details, not yet given up on. */
async function pendingEnrichment(getDb: () => Promise<DB>) {
  return (await db.listPapers(await getDb())).filter((p) => !p.enrichedAt && !p.notOnHfAt && (p.enrichAttempts ?? 0) < MAX_ENRICH_ATTEMPTS);
}

async function scheduleRetry(getDb: () => Promise<DB>): Promise<void> {
  const pending = await pendingEnrichment(getDb);
  if (!pending.length) return;
  const minAttempts = Math.min(...pending.map((p) => p.enrichAttempts ?? 0));
  await browser.alarms.create(ENRICH_ALARM, { delayInMinutes: retryDelayMinutes(minAttempts) });
}

/** Alarm handler: retry every paper still waiting, one at a time. */
export async function retryPending(getDb: () => Promise<DB>): Promise<void> {
  const pending = await pendingEnrichment(getDb);
  for (const p of pending.slice(0, 20)) await enrichOne(getDb, p.id);
}
