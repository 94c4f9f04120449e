/**
 * Worker start-up: a stopped worker's answer to the first `lookup` (a daily page's ids, sent from an
 * extension page), against the floor: bench/reference-extension, a plain worker that answers the
 * same message straight from IndexedDB (same records), in the same Chromium build and flags, the
 * two stopped and asked alternately.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BASE_FLAGS, BLOCK_DNS, CHROMIUM, ROOT, type Session } from '../../tests/e2e/harness';
import type { Paper } from '../../utils/types';
import { quietExtensionPage, serveSite, type Assets } from '../browsers';
import type { Row } from '../report';
import { median, rounded } from '../stats';
import { WorkerStopper } from './page-load';

export const REFERENCE_EXTENSION = join(ROOT, 'bench/reference-extension');

export interface Floor {
  context: BrowserContext;
  page: Page;
  extensionId: string;
  close(): Promise<void>;
}

/**
 * Chromium with the reference extension only (the harness's flags), its store holding `papers`;
 * with `assets`, the same offline site as the bare browser (its content script runs there).
 */
export async function launchFloor(papers: Paper[], assets?: Assets): Promise<Floor> {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-bench-floor-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [`--disable-extensions-except=${REFERENCE_EXTENSION}`, `--load-extension=${REFERENCE_EXTENSION}`, ...BASE_FLAGS, BLOCK_DNS],
  });
  if (assets) await serveSite(context, assets);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  for (const p of context.pages()) await p.close();
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/manifest.json`);
  const seeded = await page.evaluate(
    (list) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: number }> } } }).chrome.runtime.sendMessage({ type: 'seed', payload: { papers: list } }),
    papers,
  );
  if (seeded.data !== papers.length) throw new Error(`the reference worker stored ${seeded.data} papers, expected ${papers.length}`);
  return {
    context,
    page,
    extensionId,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** ms from sending `lookup` from `page` to its answer (in the page's clock). */
async function timeLookup(page: Page, ids: string[]): Promise<{ ms: number; saved: number }> {
  return page.evaluate(async (list) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: { saved: string[] }; error?: string }> } } };
    const t = performance.now();
    const reply = await chrome.runtime.sendMessage({ papershelf: 1, type: 'lookup', payload: { ids: list } });
    const ms = performance.now() - t;
    if (!reply?.ok) throw new Error(`lookup: ${reply?.error ?? 'no answer'}`);
    return { ms, saved: reply.data.saved.length };
  }, ids);
}

export interface WorkerStartOptions {
  /** The ids asked (a daily page's cards) and how many of them are saved. */
  ids: string[];
  saved: number;
  /** The library both stores hold. */
  papers: Paper[];
  reps: number;
  ping: () => Promise<unknown>;
}

export async function measureWorkerStart(s: Session, o: WorkerStartOptions): Promise<Row> {
  const floor = await launchFloor(o.papers);
  const ours = await quietExtensionPage(s);
  const stopOurs = await WorkerStopper.open(s.context);
  const stopFloor = await WorkerStopper.open(floor.context);
  const ext: number[] = [];
  const ref: number[] = [];
  try {
    const one = async (mine: boolean) => {
      await (mine ? stopOurs : stopFloor).stop();
      const r = await timeLookup(mine ? ours : floor.page, o.ids);
      if (r.saved !== o.saved) throw new Error(`${mine ? 'Papershelf' : 'the reference worker'} found ${r.saved} saved, expected ${o.saved}`);
      return r.ms;
    };
    for (let i = 0; i < 2; i++) {
      await one(true); // warm-up: the files in the disk cache, the database's first open
      await one(false);
    }
    for (let i = 0; i < o.reps; i++) {
      if (i % 2 === 0) {
        ext.push(await one(true));
        ref.push(await one(false));
      } else {
        ref.push(await one(false));
        ext.push(await one(true));
      }
    }
  } finally {
    await stopOurs.close();
    await stopFloor.close();
    await ours.close();
    await floor.close();
    await o.ping();
  }
  const value = median(ext);
  const reference = median(ref);
  return {
    measure: `worker start-up: stopped worker answers its first lookup (${o.ids.length} ids)`,
    value,
    unit: 'ms',
    reference: { label: 'the floor: a plain worker answering from IndexedDB', value: reference, unit: 'ms' },
    ratio: value / reference,
    target: '≤ 1.5×',
    pass: value / reference <= 1.5,
    details: {
      method:
        'both workers stopped by CDP ServiceWorker.stopAllWorkers, 300 ms pause, then lookup sent from an extension page (runtime.sendMessage → answer); the floor is bench/reference-extension (module worker, one IndexedDB transaction, getKey per id) holding the same 10,000 records',
      papershelfMs: rounded(ext),
      floorMs: rounded(ref),
    },
  };
}
