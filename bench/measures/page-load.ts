/**
 * The 1,000-card page loaded with and without the extension, alternately: time until every card has
 * its toggle (vs. the page's own load and first paint), long tasks, messages to the background, and
 * the JS heap the content script adds.
 */
import type { BrowserContext, Page } from 'playwright-core';
import type { Session } from '../../tests/e2e/harness';
import type { Bare } from '../browsers';
import { contentMessages, countMessages } from '../extension';
import { median, rounded } from '../stats';
import type { Row } from '../report';

export interface LoadSample {
  /** ms from navigation start. */
  dcl: number;
  load: number;
  fcp: number | null;
  /** All toggles present (extension only). */
  annotated: number | null;
  toggles: number;
  longTasks: Array<{ start: number; duration: number }>;
  heapBytes: number;
  messages: string[];
}

interface PageProbe {
  longTasks: Array<{ start: number; duration: number }>;
  marked: number;
  annotated: number | null;
}

/** Installed before the page's own scripts, in both browsers alike. */
function probe(cards: number): void {
  const p: PageProbe = { longTasks: [], marked: 0, annotated: null };
  (window as unknown as { __bench: PageProbe }).__bench = p;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Attribute records only: the parser's insertions are not observed, so this costs the page nothing.
  new MutationObserver((records) => {
    for (const r of records) if ((r.target as Element).hasAttribute('data-papershelf-id')) p.marked++;
    if (p.annotated === null && p.marked >= cards && document.querySelectorAll('[data-papershelf-toggle]').length >= cards)
      p.annotated = performance.now();
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-papershelf-id'] });
}

const SETTLE_MS = 700;

async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function loadOnce(context: BrowserContext, url: string, cards: number, s?: Session): Promise<LoadSample> {
  const page = await context.newPage();
  try {
    await page.addInitScript(probe, cards);
    if (s) await countMessages(s);
    await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
    if (s) await page.waitForFunction(() => (window as unknown as { __bench: PageProbe }).__bench.annotated !== null, null, { timeout: 90_000 });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(SETTLE_MS);
    const got = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const p = (window as unknown as { __bench: PageProbe }).__bench;
      return {
        dcl: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        annotated: p.annotated,
        toggles: document.querySelectorAll('[data-papershelf-toggle]').length,
        longTasks: p.longTasks,
      };
    });
    const heapBytes = await heapAfterGc(context, page);
    return { ...got, heapBytes, messages: s ? await contentMessages(s) : [] };
  } finally {
    await page.close();
  }
}

export interface PageLoadResult {
  rows: Row[];
  ext: LoadSample[];
  bare: LoadSample[];
}

/** `reps` alternating pairs after one warm-up pair. */
export interface PageLoadOptions {
  /** Alternating pairs measured after one warm-up pair: at least `minPairs`, then more while `more(msPerPair)`. */
  minPairs: number;
  maxPairs: number;
  more: (msPerPair: number) => boolean;
  /** What the extension holds during the loads (for the report). */
  setting: string;
}

export async function measurePageLoad(s: Session, bare: Bare, url: string, cards: number, o: PageLoadOptions): Promise<PageLoadResult> {
  await loadOnce(s.context, url, cards, s);
  await loadOnce(bare.context, url, cards);
  const ext: LoadSample[] = [];
  const base: LoadSample[] = [];
  const started = performance.now();
  for (let i = 0; i < o.maxPairs && (i < o.minPairs || o.more((performance.now() - started) / i)); i++) {
    // Alternate which browser goes first, so slow moments of a shared machine fall on both.
    if (i % 2 === 0) {
      ext.push(await loadOnce(s.context, url, cards, s));
      base.push(await loadOnce(bare.context, url, cards));
    } else {
      base.push(await loadOnce(bare.context, url, cards));
      ext.push(await loadOnce(s.context, url, cards, s));
    }
  }
  const annotated = median(ext.map((x) => x.annotated!));
  const ready = (x: LoadSample) => Math.max(x.load, x.fcp ?? 0);
  const reference = median(base.map(ready));
  const longExt = median(ext.map((x) => x.longTasks.length));
  const longBare = median(base.map((x) => x.longTasks.length));
  const lookups = ext.map((x) => x.messages.filter((m) => m === 'lookup').length);
  const totals = ext.map((x) => x.messages.length);
  const heapAdded = median(ext.map((x) => x.heapBytes)) - median(base.map((x) => x.heapBytes));
  const ms = (xs: number[]) => rounded(xs);

  const rows: Row[] = [
    {
      measure: `load + annotate ${cards.toLocaleString('en-US')}-card page (all toggles present)`,
      value: annotated,
      unit: 'ms',
      reference: { label: 'same page without extension: load + first paint', value: reference, unit: 'ms' },
      ratio: annotated / reference,
      target: '≤ 1.10×',
      pass: annotated / reference <= 1.1 && ext.every((x) => x.toggles === cards),
      details: {
        setting: o.setting,
        annotatedMs: ms(ext.map((x) => x.annotated!)),
        withExtension: { domContentLoadedMs: ms(ext.map((x) => x.dcl)), loadMs: ms(ext.map((x) => x.load)) },
        withoutExtension: { domContentLoadedMs: ms(base.map((x) => x.dcl)), loadMs: ms(base.map((x) => x.load)), fcpMs: ms(base.map((x) => x.fcp ?? NaN)) },
        toggles: ext.map((x) => x.toggles),
      },
    },
    {
      measure: 'long tasks (> 50 ms) caused by the content script (with − without)',
      value: longExt - longBare,
      unit: '',
      reference: { label: `median without the extension; ${longExt} with`, value: longBare, unit: '' },
      ratio: null,
      target: '0',
      pass: longExt - longBare <= 0,
      details: {
        withExtension: ext.map((x) => x.longTasks.length),
        withoutExtension: base.map((x) => x.longTasks.length),
        pairs: ext.length,
        note: 'start+duration in ms from navigation start, until 700 ms after the last toggle (with) or the load event (without)',
        longTasksWithExtensionMs: ext.map((x) => x.longTasks.map((t) => `${Math.round(t.start)}+${Math.round(t.duration)}`).join(' ')),
        longTasksWithoutExtensionMs: base.map((x) => x.longTasks.map((t) => `${Math.round(t.start)}+${Math.round(t.duration)}`).join(' ')),
      },
    },
    {
      measure: 'messages from the content script for that page load',
      value: median(totals),
      unit: '',
      reference: { label: 'cards on the page', value: cards, unit: '' },
      ratio: median(totals) / cards,
      target: '1 lookup (+ ≤ 1 other)',
      pass: lookups.every((n) => n === 1) && totals.every((n) => n <= 2),
      details: { lookups, total: totals, types: ext.map((x) => x.messages.join(',')) },
    },
    {
      measure: `content-script JS heap added (${cards.toLocaleString('en-US')}-card page)`,
      value: heapAdded / 1e6,
      unit: 'MB',
      reference: { label: 'page heap without extension', value: median(base.map((x) => x.heapBytes)) / 1e6, unit: 'MB' },
      ratio: null,
      target: '≤ 5 MB',
      pass: heapAdded <= 5e6,
      details: { withExtensionBytes: ext.map((x) => x.heapBytes), withoutExtensionBytes: base.map((x) => x.heapBytes), method: 'CDP HeapProfiler.collectGarbage ×2, then Runtime.getHeapUsage usedSize' },
    },
  ];
  return { rows, ext, bare: base };
}
