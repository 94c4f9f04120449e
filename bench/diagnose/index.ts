/**
 * Where the time goes, for each missed target (each step only if it fits the time budget, biggest
 * first): page-side CPU/heap profiles and traces, worker CPU profiles, message round-trips, and the
 * whole import through the library UI.
 */
import type { Session } from '../../tests/e2e/harness';
import type { Topic } from '../../utils/types';
import type { Bare } from '../browsers';
import type { PageScript } from '../bundle-page';
import { countMessages, receivedMessages, type ChromeGlobal, type Driver } from '../extension';
import { importThroughUi, openLibrary } from '../measures/library';
import { timePopup } from '../measures/popup';
import { CONTENT_SCRIPT } from '../measures/bundle';
import type { BenchRun } from '../run';
import { sourceMap } from './bundle';
import { heapByAllocation, profileContentScript, traceLongTasks } from './content-script';
import { profileMatching } from './matching';
import { exportPhases, importPhases, roundTrip } from './phases';
import { profileWorker } from './worker';

export interface DiagnoseContext {
  s: Session;
  bare: Bare;
  d: Driver;
  debugPort: number;
  listUrl: string;
  matchUrl: string;
  cards: number;
  library: number;
  popupSmall: number;
  topics: Topic[];
  match: PageScript;
  exporters: PageScript;
  /** The library as a Papershelf JSON backup file (built only if needed). */
  backup: () => { name: string; text: string };
}

export async function diagnose(run: BenchRun, c: DiagnoseContext): Promise<void> {
  const { diagnosis } = run;
  const background = () => sourceMap('shared.js'); // the worker's code (background.js only imports it)
  const worker = (action: () => Promise<unknown>) => profileWorker(c.debugPort, c.s.extensionId, background(), action);

  if ((process.env.PAPERSHELF_BENCH_DIAGNOSE || run.failed(/^(load \+ saved state shown: 1,000-card|long tasks: 1,000-card|content-script JS heap)/)) && run.fits(25_000)) {
    const map = sourceMap(CONTENT_SCRIPT);
    diagnosis.contentScript = await run.step('diagnose: content script profile, trace and heap', async () => ({
      cpuProfile: await profileContentScript(c.s, c.listUrl, c.cards, map, CONTENT_SCRIPT),
      longTasks: await traceLongTasks(c.s, c.listUrl, c.cards),
      ...(run.failed(/^content-script JS heap/) ? { heap: await heapByAllocation(c.s, c.listUrl, c.cards, map, CONTENT_SCRIPT) } : {}),
    }));
  }
  if (run.failed(/^import/) && run.fits(25_000))
    diagnosis.import = await run.step('diagnose: import phases, the worker during importRecords, the import through the UI', async () => {
      await c.d.ensure(0);
      const phases = await importPhases(c.d);
      await c.d.ensure(0);
      const workerDuringImport = await worker(() =>
        c.d.page.evaluate(async () => {
          const w = window as unknown as ChromeGlobal & { __lib: unknown[] };
          await w.chrome.runtime.sendMessage({ papershelf: 1, type: 'importRecords', payload: { papers: w.__lib, topics: [], dryRun: false } });
        }),
      );
      c.d.saved = c.library;
      await c.d.ensure(0);
      const page = await openLibrary(c.s, false);
      const throughLibraryUi = await importThroughUi(page, c.backup()).catch((err: Error) => ({ error: err.message }));
      await page.close();
      c.d.saved = await c.d.send('count', null);
      return { phases, workerDuringImport, throughLibraryUi };
    });
  if (run.failed(/^topic matching/) && run.fits(8_000))
    diagnosis.topicMatching = await run.step('diagnose: topic matching profile', () =>
      profileMatching(c.bare, c.matchUrl, 'bench/match.js', c.match.map, c.topics, 5),
    );
  if (run.failed(/^export/) && run.fits(12_000))
    diagnosis.export = await run.step('diagnose: export phases and dump in the worker', async () => {
      await c.d.ensure(c.library);
      return {
        ...(await exportPhases(c.d, c.exporters, ['bibtex', 'json'], c.topics)),
        workerDuringDump: await worker(() => roundTrip(c.d, 'dump', null, 1)),
      };
    });
  if (run.failed(/^(popup|save)/) && run.fits(10_000))
    diagnosis.popup = await run.step('diagnose: list round-trips, and the worker during a popup load', async () => {
      const at = async (n: number) => {
        await c.d.ensure(n);
        return { list50Ms: await roundTrip(c.d, 'list', { limit: 50 }), settingsMs: await roundTrip(c.d, 'settings', null) };
      };
      const small = await at(c.popupSmall);
      const large = await at(c.library);
      await countMessages(c.s);
      const workerDuringPopupAt10000 = await worker(() => timePopup(c.s));
      const sent = (await receivedMessages(c.s)).filter((m) => m.from.includes('/popup.html')).map((m) => m.type);
      return { [`${c.popupSmall} saved`]: small, [`${c.library} saved`]: large, popupMessages: sent, workerDuringPopupAt10000 };
    });
}
