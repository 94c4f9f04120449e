/**
 * Round-trips of single messages and in-page work, to split a slow user-visible measure into its
 * parts (background handler vs. page work) without profiling the service worker.
 */
import type { ChromeGlobal, Driver } from '../extension';
import type { Paper, Topic } from '../../utils/types';
import { median, round } from '../stats';
import type { PageScript } from '../bundle-page';
import { selfTimeBySource, type CpuProfile } from './profile';

const EXPORT_URL = 'bench-export.js';

/** Median ms of `reps` round-trips of one message sent from the driver's page. */
export async function roundTrip(d: Driver, type: string, payload: unknown, reps = 3): Promise<number> {
  const times = await d.page.evaluate(
    async ([t, p, n]) => {
      const { chrome } = globalThis as unknown as ChromeGlobal;
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const start = performance.now();
        await chrome.runtime.sendMessage({ papershelf: 1, type: t, payload: p });
        out.push(performance.now() - start);
      }
      return out;
    },
    [type, payload, reps] as const,
  );
  return round(median(times));
}

type LibWindow = ChromeGlobal & { __lib: Paper[] };

/**
 * Import parts: moving the records to the worker as objects and as one JSON string (messages the
 * router refuses unanswered, so only the transfer is timed), and a dry run into the empty library.
 */
export async function importPhases(d: Driver): Promise<Record<string, number>> {
  return d.page.evaluate(async () => {
    const w = window as unknown as LibWindow;
    const send = (payload: unknown) => w.chrome.runtime.sendMessage({ papershelf: 1, type: 'bench-unknown', payload }).catch(() => undefined);
    const t0 = performance.now();
    await send({ papers: w.__lib });
    const t1 = performance.now();
    const text = JSON.stringify(w.__lib);
    const t2 = performance.now();
    await send({ text });
    const t3 = performance.now();
    await w.chrome.runtime.sendMessage({ papershelf: 1, type: 'importRecords', payload: { papers: w.__lib, topics: [], dryRun: true } });
    const t4 = performance.now();
    return {
      sendRecordsAsObjectsMs: Math.round(t1 - t0),
      sendRecordsAsOneJsonStringMs: Math.round(t3 - t2),
      dryRunRoundTripMs: Math.round(t4 - t3),
    };
  });
}

/** Export parts: the `dump` round-trip, and each exporter on records already in the page (profiled). */
export async function exportPhases(d: Driver, bundle: PageScript, ids: string[], topics: Topic[]): Promise<Record<string, unknown>> {
  await d.page.evaluate(`${bundle.code}\n//# sourceURL=${EXPORT_URL}`);
  const out: Record<string, unknown> = { dumpRoundTripMs: await roundTrip(d, 'dump', null) };
  const cdp = await d.page.context().newCDPSession(d.page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  for (const id of ids) {
    await cdp.send('Profiler.start');
    out[`${id}ExporterMs`] = await d.page.evaluate(
      ([i, t]) => {
        const w = window as unknown as LibWindow & { papershelfExport: { time(id: string, p: Paper[], t: Topic[]): { ms: number } } };
        return Math.round(w.papershelfExport.time(i, w.__lib, t).ms);
      },
      [id, topics] as const,
    );
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    out[`${id}ExporterProfile`] = selfTimeBySource(profile, EXPORT_URL, bundle.map).byFunction.slice(0, 8);
  }
  await cdp.detach();
  return out;
}
