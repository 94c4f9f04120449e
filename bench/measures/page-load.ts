/**
 * A page loaded with and without the extension, alternately, with the worker warm and with the
 * worker stopped just before the load (cold: the usual case, Chrome stops an idle worker after 30 s):
 * what a user waits for, navigation start → every card shows its saved state and the page is loaded
 * (the frame after both), against the same page's load + first frame without the extension. Also
 * long tasks, messages to the background and the JS heap the content script adds.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import type { Session } from '../../tests/e2e/harness';
import type { Bare } from '../browsers';
import { contentMessages, countMessages } from '../extension';
import { median, rounded } from '../stats';
import type { Row } from '../report';

export type Temperature = 'warm' | 'cold';

export interface LoadSample {
  /** ms from navigation start. */
  dcl: number;
  load: number;
  /** The frame after the load event (requestAnimationFrame, then the next task). */
  loadFrame: number | null;
  fcp: number | null;
  /** Every card shows its saved state: a `button[data-papershelf-save]` with aria-pressed (extension only). */
  state: number | null;
  /** The frame after `state`. */
  stateFrame: number | null;
  /** The old bench's end point: the task that put the last toggle on the page (before its frame). */
  annotated: number | null;
  toggles: number;
  pressed: number;
  longTasks: Array<{ start: number; duration: number }>;
  heapBytes: number | null;
  messages: string[] | null;
}

interface PageProbe {
  longTasks: Array<{ start: number; duration: number }>;
  marked: number;
  annotated: number | null;
  state: number | null;
  stateFrame: number | null;
  loadFrame: number | null;
}

/** Installed before the page's own scripts, in both browsers alike. */
function probe({ cards, root }: { cards: number; root: string }): void {
  const p: PageProbe = { longTasks: [], marked: 0, annotated: null, state: null, stateFrame: null, loadFrame: null };
  (window as unknown as { __bench: PageProbe }).__bench = p;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) p.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // The frame after a moment: its animation frame, then the first task after it (the frame is drawn).
  const afterFrame = (done: (t: number) => void) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => done(performance.now());
      ch.port2.postMessage(null);
    });
  addEventListener('load', () => afterFrame((t) => (p.loadFrame = t)), { once: true });
  const showsState = () => {
    const roots = document.querySelectorAll(root);
    if (roots.length < cards) return false;
    for (const root of roots) {
      const host = root.querySelector('[data-papershelf-toggle]');
      if (!host?.shadowRoot?.querySelector('button[data-papershelf-save][aria-pressed]')) return false;
    }
    return true;
  };
  // Attribute records only: the parser's insertions are not observed, so this costs the page nothing.
  // The content script sets a card's toggle state before it marks the card (data-papershelf-id).
  new MutationObserver((records) => {
    for (const r of records) if ((r.target as Element).hasAttribute('data-papershelf-id')) p.marked++;
    if (p.marked < cards) return;
    const now = performance.now();
    if (p.annotated === null && document.querySelectorAll('[data-papershelf-toggle]').length >= cards) p.annotated = now;
    if (p.state === null && showsState()) {
      p.state = now;
      afterFrame((t) => (p.stateFrame = t));
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-papershelf-id'] });
}

const SETTLE_MS = 700;
/** After the worker is stopped (or not, without the extension): the same pause on both sides. */
const STOPPED_MS = 300;

async function heapAfterGc(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

/**
 * Stops every service worker of a browser through CDP (`ServiceWorker.stopAllWorkers`) from a
 * blank page of its own, as a user's idle minute does; used alike with and without the extension.
 * (Playwright keeps one Worker object per worker across stops and starts: `s.worker` stays usable.)
 */
export class WorkerStopper {
  /** Running status of each worker version the browser reported. */
  private status = new Map<string, string>();

  private constructor(
    private page: Page,
    private cdp: CDPSession,
  ) {
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) this.status.set(v.versionId, v.runningStatus);
    });
  }

  static async open(context: BrowserContext): Promise<WorkerStopper> {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    const stopper = new WorkerStopper(page, cdp);
    await cdp.send('ServiceWorker.enable');
    return stopper;
  }

  /** Stop the workers and wait until the browser reports every one stopped, then the same pause. */
  async stop(): Promise<void> {
    await this.cdp.send('ServiceWorker.stopAllWorkers');
    const until = performance.now() + 5000;
    while ([...this.status.values()].some((st) => st !== 'stopped')) {
      if (performance.now() > until) throw new Error(`service workers did not stop: ${[...this.status.values()].join(', ')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await new Promise((r) => setTimeout(r, STOPPED_MS));
  }

  async close(): Promise<void> {
    await this.cdp.detach().catch(() => undefined);
    await this.page.close().catch(() => undefined);
  }
}

interface LoadOptions {
  cards: number;
  /** The card roots that carry a toggle (PageSpec.root). */
  root: string;
  /** With the extension: its session (messages are counted on warm loads). */
  s?: Session;
  heap?: boolean;
}

async function loadOnce(context: BrowserContext, url: string, o: LoadOptions, count: boolean): Promise<LoadSample> {
  const page = await context.newPage();
  try {
    await page.addInitScript(probe, { cards: o.cards, root: o.root });
    if (o.s && count) await countMessages(o.s);
    await page.goto(url, { waitUntil: 'load', timeout: 90_000 });
    if (o.s) await page.waitForFunction('window.__bench.stateFrame !== null', null, { timeout: 90_000 });
    await page.waitForFunction('window.__bench.loadFrame !== null', null, { timeout: 10_000 });
    await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10_000 }).catch(() => undefined);
    await page.waitForTimeout(SETTLE_MS);
    const got = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const p = (window as unknown as { __bench: PageProbe }).__bench;
      let pressed = 0;
      for (const host of document.querySelectorAll('[data-papershelf-toggle]'))
        if (host.shadowRoot?.querySelector('button[data-papershelf-save][aria-pressed="true"]')) pressed++;
      return {
        dcl: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        loadFrame: p.loadFrame,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
        state: p.state,
        stateFrame: p.stateFrame,
        annotated: p.annotated,
        toggles: document.querySelectorAll('[data-papershelf-toggle]').length,
        pressed,
        longTasks: p.longTasks,
      };
    });
    const heapBytes = o.heap ? await heapAfterGc(context, page) : null;
    return { ...got, heapBytes, messages: o.s && count ? await contentMessages(o.s) : null };
  } finally {
    await page.close();
  }
}

export interface PageSpec {
  url: string;
  cards: number;
  /** Row label: "1,000-card page", "daily page (28 cards)". */
  label: string;
  /** Ratio target of the load rows. */
  target: number;
  /** Cards whose paper is saved (their toggles must show it). */
  saved: number;
  /** Also the messages and JS heap rows (the 1,000-card page). */
  full: boolean;
  /** The card roots that must each show a toggle (default `[data-papershelf-id]`; an arXiv listing: its `<dt>`s, not their `<dd>` twins). */
  root?: string;
}

export interface PageLoadOptions {
  /** Rounds measured after one warm-up round: at least `minPairs`, then more while `more(msPerRound)`. */
  minPairs: number;
  maxPairs: number;
  more: (msPerRound: number) => boolean;
  /** What the extension holds during the loads (for the report). */
  setting: string;
  /** A message to the extension's worker from an extension page (wakes it before a warm load). */
  ping: () => Promise<unknown>;
  /**
   * The reference extension (bench/reference-extension: the least content script and worker that show
   * saved state), loaded in the same rounds: the floor any extension pays on this page.
   */
  floor?: { context: BrowserContext; ping: () => Promise<unknown> };
}

export interface PageLoadResult {
  rows: Row[];
  samples: Record<Temperature, { ext: LoadSample[]; bare: LoadSample[]; floor: LoadSample[] }>;
}

/** Every card of the page showed its toggle and saved state in this load. */
const showedAll = (spec: PageSpec) => (x: LoadSample) => x.toggles >= spec.cards && x.state !== null && x.pressed === spec.saved;

/** What the user waits for: the page loaded and every card showing its state, and the frame after. */
const userReady = (x: LoadSample) => Math.max(x.loadFrame ?? x.load, x.stateFrame ?? 0);
const bareReady = (x: LoadSample) => x.loadFrame ?? x.load;

/**
 * Each round: a warm pair and a cold pair (with and without the extension), the order alternating
 * so slow moments of a shared machine fall on both sides.
 */
export async function measurePageLoad(s: Session, bare: Bare, spec: PageSpec, o: PageLoadOptions): Promise<PageLoadResult> {
  const stopExt = await WorkerStopper.open(s.context);
  const stopBare = await WorkerStopper.open(bare.context);
  const stopFloor = o.floor && (await WorkerStopper.open(o.floor.context));
  const samples: PageLoadResult['samples'] = { warm: { ext: [], bare: [], floor: [] }, cold: { ext: [], bare: [], floor: [] } };
  const root = spec.root ?? '[data-papershelf-id]';
  try {
    const ext = async (t: Temperature, heap: boolean) => {
      if (t === 'cold') await stopExt.stop();
      else await o.ping(); // running, and countMessages can listen in it
      return loadOnce(s.context, spec.url, { cards: spec.cards, root, s, heap }, t === 'warm');
    };
    const base = async (t: Temperature, heap: boolean) => {
      if (t === 'cold') await stopBare.stop();
      return loadOnce(bare.context, spec.url, { cards: spec.cards, root, heap }, false);
    };
    const ref = async (t: Temperature) => {
      if (t === 'cold') await stopFloor!.stop();
      else await o.floor!.ping();
      return loadOnce(o.floor!.context, spec.url, { cards: spec.cards, root }, false);
    };
    const round = async (i: number, keep: boolean) => {
      for (const t of i % 2 === 0 ? (['warm', 'cold'] as const) : (['cold', 'warm'] as const)) {
        const heap = spec.full && t === 'warm';
        const pair = i % 2 === 0 ? [await ext(t, heap), await base(t, heap)] : [await base(t, heap), await ext(t, heap)].reverse();
        // The reference extension between the two, or first: its place in the order alternates too.
        const floor = o.floor ? await ref(t) : undefined;
        if (keep) {
          samples[t].ext.push(pair[0]!);
          samples[t].bare.push(pair[1]!);
          if (floor) samples[t].floor.push(floor);
        }
      }
    };
    await round(1, false); // warm-up: caches, the worker's first start, the page's first parse
    const started = performance.now();
    for (let i = 0; i < o.maxPairs && (i < o.minPairs || o.more((performance.now() - started) / i)); i++) await round(i, true);
  } finally {
    await stopExt.close();
    await stopBare.close();
    await stopFloor?.close();
  }
  return { rows: pageRows(spec, samples, o), samples };
}

function pageRows(spec: PageSpec, samples: PageLoadResult['samples'], o: PageLoadOptions): Row[] {
  const ms = (xs: number[]) => rounded(xs);
  const rows: Row[] = [];
  const long: Record<Temperature, { with: number[]; without: number[] }> = { warm: { with: [], without: [] }, cold: { with: [], without: [] } };
  for (const t of ['warm', 'cold'] as const) {
    const { ext, bare } = samples[t];
    const value = median(ext.map(userReady));
    const reference = median(bare.map(bareReady));
    const ratios = ext.map((x, i) => userReady(x) / bareReady(bare[i]!));
    const complete = ext.every(showedAll(spec));
    long[t] = { with: ext.map((x) => x.longTasks.length), without: bare.map((x) => x.longTasks.length) };
    rows.push({
      measure: `load + saved state shown: ${spec.label}, ${t} worker`,
      value,
      unit: 'ms',
      reference: { label: 'same page without extension: load + first frame', value: reference, unit: 'ms' },
      ratio: value / reference,
      target: `≤ ${spec.target.toFixed(2)}×`,
      pass: value / reference <= spec.target && complete,
      details: {
        setting: o.setting,
        worker: t === 'cold' ? 'stopped (CDP ServiceWorker.stopAllWorkers, both browsers alike) 300 ms before the navigation' : 'running (a message just before the navigation)',
        definition:
          `with: max(frame after the load event, frame after every card shows its saved state: a button[data-papershelf-save] with aria-pressed in each ${spec.root ?? '[data-papershelf-id]'} card); without: frame after the load event; ms from navigation start`,
        pairRatios: ratios.map((r) => Math.round(r * 1000) / 1000),
        medianPairRatio: Math.round(median(ratios) * 1000) / 1000,
        withExtension: {
          readyMs: ms(ext.map(userReady)),
          stateShownMs: ms(ext.map((x) => x.state ?? NaN)),
          stateFrameMs: ms(ext.map((x) => x.stateFrame ?? NaN)),
          loadFrameMs: ms(ext.map((x) => x.loadFrame ?? NaN)),
          domContentLoadedMs: ms(ext.map((x) => x.dcl)),
          loadMs: ms(ext.map((x) => x.load)),
        },
        withoutExtension: {
          loadFrameMs: ms(bare.map((x) => x.loadFrame ?? NaN)),
          domContentLoadedMs: ms(bare.map((x) => x.dcl)),
          loadMs: ms(bare.map((x) => x.load)),
          fcpMs: ms(bare.map((x) => x.fcp ?? NaN)),
        },
        // The bench's end points before issue 16: the task that put the last toggle on the page (before
        // its frame is drawn), against max(load, first contentful paint) without the extension.
        oldMeasure: {
          ratio: median(ext.map((x) => x.annotated ?? NaN)) / median(bare.map((x) => Math.max(x.load, x.fcp ?? 0))),
          annotatedMs: ms(ext.map((x) => x.annotated ?? NaN)),
        },
        toggles: ext.map((x) => x.toggles),
        savedShown: ext.map((x) => x.pressed),
      },
    });
  }
  if (o.floor)
    for (const t of ['warm', 'cold'] as const) {
      const { ext, bare, floor } = samples[t];
      const value = median(ext.map(userReady));
      const reference = median(floor.map(userReady));
      const complete = floor.every(showedAll(spec));
      rows.push({
        measure: `load + saved state shown: ${spec.label}, ${t} worker, against the reference extension`,
        value,
        unit: 'ms',
        reference: { label: 'the same with bench/reference-extension: one lookup, plain toggles', value: reference, unit: 'ms' },
        ratio: value / reference,
        target: `≤ ${spec.target.toFixed(2)}×`,
        pass: complete && value / reference <= spec.target,
        details: {
          why: 'the least any extension that shows saved state pays on this page: its content script (at document_end: one lookup to its worker, then a plain toggle in an open shadow root on each card, one task) and its worker (one IndexedDB read); same loads, same rounds',
          referenceAgainstBare: Math.round((reference / median(bare.map(bareReady))) * 1000) / 1000,
          referenceReadyMs: ms(floor.map(userReady)),
          referenceStateShownMs: ms(floor.map((x) => x.state ?? NaN)),
          referenceLoadMs: ms(floor.map((x) => x.load)),
          pairRatios: ext.map((x, i) => Math.round((userReady(x) / userReady(floor[i]!)) * 1000) / 1000),
          referenceComplete: complete,
        },
      });
    }
  const extra = (t: Temperature) => median(long[t].with) - median(long[t].without);
  const worst = Math.max(extra('warm'), extra('cold'));
  rows.push({
    measure: `long tasks: ${spec.label}, warm and cold (> 50 ms, with − without)`,
    value: worst,
    unit: '',
    reference: { label: `median without the extension, warm; ${median(long.warm.with)} with`, value: median(long.warm.without), unit: '' },
    ratio: null,
    target: '0',
    pass: worst <= 0,
    details: {
      warm: long.warm,
      cold: long.cold,
      note: 'start+duration in ms from navigation start, until 700 ms after the last toggle (with) or the load event (without)',
      longTasksWithExtensionMs: (['warm', 'cold'] as const).flatMap((t) => samples[t].ext.map((x) => `${t}: ${x.longTasks.map((l) => `${Math.round(l.start)}+${Math.round(l.duration)}`).join(' ')}`)),
      longTasksWithoutExtensionMs: (['warm', 'cold'] as const).flatMap((t) => samples[t].bare.map((x) => `${t}: ${x.longTasks.map((l) => `${Math.round(l.start)}+${Math.round(l.duration)}`).join(' ')}`)),
    },
  });
  if (!spec.full) return rows;
  const { ext, bare } = samples.warm;
  const counted = ext.filter((x) => x.messages);
  const lookups = counted.map((x) => x.messages!.filter((m) => m === 'lookup').length);
  const totals = counted.map((x) => x.messages!.length);
  // Besides its one lookup and one match, a page reports the cards seen (morning triage), batched:
  // at most one report every 3 s, never one per card.
  const seenReports = counted.map((x) => x.messages!.filter((m) => m === 'seen').length);
  const heapWith = median(ext.map((x) => x.heapBytes ?? NaN));
  const heapWithout = median(bare.map((x) => x.heapBytes ?? NaN));
  rows.push(
    {
      measure: 'messages from the content script for that page load',
      value: median(totals),
      unit: '',
      reference: { label: 'cards on the page', value: spec.cards, unit: '' },
      ratio: median(totals) / spec.cards,
      target: '1 lookup + ≤ 1 match + ≤ 1 seen report',
      pass: counted.length > 0 && lookups.every((n) => n === 1) && totals.every((n, i) => n - seenReports[i]! <= 2 && seenReports[i]! <= 1),
      details: { lookups, seenReports, total: totals, types: counted.map((x) => x.messages!.join(',')) },
    },
    {
      measure: `content-script JS heap added (${spec.label})`,
      value: (heapWith - heapWithout) / 1e6,
      unit: 'MB',
      reference: { label: 'page heap without extension', value: heapWithout / 1e6, unit: 'MB' },
      ratio: null,
      target: '≤ 5 MB',
      pass: heapWith - heapWithout <= 5e6,
      details: { withExtensionBytes: ext.map((x) => x.heapBytes), withoutExtensionBytes: bare.map((x) => x.heapBytes), method: 'CDP HeapProfiler.collectGarbage ×2, then Runtime.getHeapUsage usedSize' },
    },
  );
  return rows;
}
