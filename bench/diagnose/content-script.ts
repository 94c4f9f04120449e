/**
 * Where the content script's time and memory go on a page load, when a page target is missed: a
 * CPU profile and a sampling heap profile (by source file and function, through the diagnosis
 * build's source map), and a trace of the renderer's long tasks after the script started (script
 * vs. style/layout/paint).
 */
import type { Page } from 'playwright-core';
import type { Session } from '../../tests/e2e/harness';
import { decodeMappings, sourceAt, type RawMap } from '../sourcemap';
import { round } from '../stats';
import { selfTimeBySource, type CpuProfile } from './profile';

async function annotatedPage(s: Session, url: string, cards: number, before: (page: Page) => Promise<void>): Promise<Page> {
  const page = await s.context.newPage();
  await before(page);
  await page.goto(url, { timeout: 90_000 });
  await page.waitForFunction((n) => document.querySelectorAll('[data-papershelf-toggle]').length >= n, cards, { timeout: 90_000, polling: 50 });
  await page.waitForTimeout(400);
  return page;
}

/** Self time of the content script (and what it calls), by source file and by function. */
export async function profileContentScript(s: Session, url: string, cards: number, map: RawMap, script: string) {
  let cdp!: Awaited<ReturnType<typeof s.context.newCDPSession>>;
  const page = await annotatedPage(s, url, cards, async (p) => {
    cdp = await s.context.newCDPSession(p);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
    await cdp.send('Profiler.start');
  });
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  await page.close();
  return selfTimeBySource(profile, script, map);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { data?: { url?: string }; beginData?: { url?: string } };
}

/** Top-level work inside a task, by kind. The fixture page runs no script: all script is ours. */
const KIND: Record<string, 'script' | 'style' | 'layout' | 'paint' | 'parse'> = {
  EvaluateScript: 'script',
  FunctionCall: 'script',
  RunMicrotasks: 'script',
  FireAnimationFrame: 'script',
  TimerFire: 'script',
  EventDispatch: 'script',
  'V8.Execute': 'script',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  ParseHTML: 'parse',
};
const TASK = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

/**
 * The renderer's long tasks from the content script's start until every toggle is present: what
 * each spent on script (ours: the fixture page has none), style, layout and paint, and how much
 * style/layout was forced synchronously from inside our script.
 */
export async function traceLongTasks(s: Session, url: string, cards: number) {
  const events: TraceEvent[] = [];
  let cdp!: Awaited<ReturnType<typeof s.context.newCDPSession>>;
  let complete!: Promise<unknown>;
  const page = await annotatedPage(s, url, cards, async (p) => {
    cdp = await s.context.newCDPSession(p);
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
    await cdp.send('Tracing.start', { categories: 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline,v8.execute', transferMode: 'ReportEvents' });
  });
  await cdp.send('Tracing.end');
  await complete;
  await page.close();

  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === url);
  if (!parse) return { error: 'page main thread not found in the trace' };
  const main = events
    .filter((e) => e.pid === parse.pid && e.tid === parse.tid && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);
  const start = main.find((e) => e.name === 'EvaluateScript' && (e.args?.data?.url ?? '').startsWith('chrome-extension://'))?.ts;
  if (start === undefined) return { error: 'content script not found in the trace' };
  const tasks: TraceEvent[] = [];
  for (const e of main) if (TASK.has(e.name) && end(e) >= start && (!tasks.length || e.ts >= end(tasks[tasks.length - 1]!))) tasks.push(e);
  const long = tasks.filter((t) => (t.dur ?? 0) > 50_000);
  const totals = { script: 0, forcedStyleAndLayoutInScript: 0, style: 0, layout: 0, paint: 0, parse: 0, other: 0 };
  const ms = (x: number) => Math.round(x / 1000);
  const lines = long.map((t) => {
    const inside = main.filter((e) => e.ts >= t.ts && end(e) <= end(t) && !TASK.has(e.name));
    const part = { script: 0, forcedStyleAndLayoutInScript: 0, style: 0, layout: 0, paint: 0, parse: 0, other: 0 };
    // Known kinds only (wrappers are transparent): an event counts unless a known one contains it.
    const open: TraceEvent[] = [];
    for (const e of inside) {
      const kind = KIND[e.name];
      if (!kind) continue;
      while (open.length && end(open[open.length - 1]!) <= e.ts) open.pop();
      const outer = open[0];
      if (!outer) part[kind] += e.dur ?? 0;
      else if (KIND[outer.name] === 'script' && (kind === 'style' || kind === 'layout')) part.forcedStyleAndLayoutInScript += e.dur ?? 0;
      open.push(e);
    }
    part.other = Math.max(0, t.dur! - part.script - part.style - part.layout - part.paint - part.parse);
    for (const k of Object.keys(part) as Array<keyof typeof part>) totals[k] += part[k];
    return `+${ms(t.ts - start)} ms, ${ms(t.dur!)} ms: script ${ms(part.script)} (forced style+layout ${ms(part.forcedStyleAndLayoutInScript)}), style ${ms(part.style)}, layout ${ms(part.layout)}, paint ${ms(part.paint)}, other ${ms(part.other)}`;
  });
  return {
    longTasks: long.length,
    msInThoseTasks: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, ms(v)])),
    tasks: lines,
    note: 'from the content script start (+0) to all toggles present; style/layout/paint at top level are the frames rendering our DOM changes',
  };
}

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: HeapNode[];
}

/** Live bytes after GC by allocating source (sampled), for allocations made under the content script. */
export async function heapByAllocation(s: Session, url: string, cards: number, map: RawMap, script: string) {
  let cdp!: Awaited<ReturnType<typeof s.context.newCDPSession>>;
  const page = await annotatedPage(s, url, cards, async (p) => {
    cdp = await s.context.newCDPSession(p);
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 4096 });
  });
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { profile } = (await cdp.send('HeapProfiler.stopSampling')) as unknown as { profile: { head: HeapNode } };
  await page.close();
  const segs = decodeMappings(map);
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, n: number) => m.set(k, (m.get(k) ?? 0) + n);
  let total = 0;
  let other = 0;
  const walk = (n: HeapNode, ours: string | null) => {
    const cf = n.callFrame;
    const here = cf.url.endsWith(script) ? sourceAt(segs, map, cf.lineNumber, cf.columnNumber) : ours;
    if (n.selfSize) {
      if (here) {
        total += n.selfSize;
        add(byFile, here.replace(/:\d+$/, ''), n.selfSize);
        add(byFunction, here + (cf.url.endsWith(script) ? '' : ` → ${cf.functionName || '(native)'}`), n.selfSize);
      } else other += n.selfSize;
    }
    for (const c of n.children) walk(c, here);
  };
  walk(profile.head, null);
  const top = (m: Map<string, number>, k: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([where, b]) => `${round(b / 1e6)} MB ${where}`);
  return {
    liveMBAllocatedByContentScript: round(total / 1e6),
    liveMBOther: round(other / 1e6),
    byFile: top(byFile, 10),
    byFunction: top(byFunction, 12),
    note: 'HeapProfiler sampling (4 kB interval), objects still alive after GC, by the nearest content-script frame on the allocation stack',
  };
}
