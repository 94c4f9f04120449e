/**
 * `npm run bench`: Papershelf on a 1,000-card page and with 10,000 saved papers, in real headless
 * Chromium with the built extension (offline fixtures). Every ratio is taken against a reference
 * measured in this same run, alternating repetitions. Prints one table, writes bench/results.json,
 * and fails when a target is missed (with a diagnosis of where the time or bytes go in the JSON).
 * PAPERSHELF_BENCH_ONLY=bundle,daily,start,page,arxiv,matching,size,import,library,seen,sync,recommend runs some groups only.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { OUT_DIR, ROOT, type Session } from '../tests/e2e/harness';
import { toJson } from '../utils/export/json';
import { launchBare, launchWithExtension, type Assets, type Bare } from './browsers';
import { bundlePageScript } from './bundle-page';
import { buildWithSourceMaps, bytesByFile } from './diagnose/bundle';
import { diagnose } from './diagnose/index';
import { freePort } from './diagnose/worker';
import { driver, type ChromeGlobal, type Driver } from './extension';
import { cardId, DAILY, dailyPage, freshId, library, libraryId, listPage, topics } from './generate';
import { measureBySize } from './measures/by-size';
import { measureBundle, zipExtension } from './measures/bundle';
import { measureImport } from './measures/import';
import { measureExport, measureSearch, measureTopicEdit, openLibrary } from './measures/library';
import { measureMatching } from './measures/matching';
import { measureRecommend, recommendInput } from './measures/recommend';
import { measurePageLoad, type PageSpec } from './measures/page-load';
import { launchFloor, measureWorkerStart, type Floor } from './measures/worker-start';
import { ARXIV_LIST_URL, arxivListPage } from './pages/arxiv-list';
import { measureSeenLookup, seedSeen } from './measures/seen';
import { measureSync } from './measures/sync';
import { tableLines, writeResults } from './report';
import { BenchRun } from './run';

const CARDS = 1000;
const LIBRARY = 10_000;
/** Page-load rounds (a warm and a cold pair each): at least `min`, up to `max` while time allows. */
const PAGE_PAIRS = { min: 2, max: 5 };
const DAILY_PAIRS = { min: 5, max: 11 };
/** Stopped-worker lookups, each side. */
const START_REPS = 11;
/** Time kept for the measures after the page loads when deciding on more page-load pairs. */
const REST_MS = 120_000;
const MATCH_REPS = 15;
const RECOMMEND_REPS = 15;
const IMPORT_REPS = 3;
const EXPORT_REPS = 3;
const TOPIC_EDIT_REPS = 3;
const SYNC_REPS = 5;
const SIZE = { rounds: 3, savesPerRound: 8, popupsPerRound: 4, small: { save: 10, popup: 100 }, large: LIBRARY };
/** The run's own limit, under Vitest's 390 s bench timeout: steps that would not fit are reported as not run. */
const BUDGET_MS = 330_000;

const LIST_URL = 'https://huggingface.co/papers/month/2025-07';
/** The arXiv listing's entries: every 10th is a saved paper of the library, the others are not saved. */
const ARXIV_IDS = Array.from({ length: CARDS }, (_, i) => (i % 10 === 0 ? libraryId(i) : `2508.${10000 + i}`));
/** The build that grants the optional hosts at install (headless Chromium cannot answer the prompt), as the arXiv e2e. */
const GRANT_OUT = `${OUT_DIR}-bench-grant`;
const MATCH_URL = 'https://huggingface.co/papers/month/2025-08';
const MATCH_JS = 'https://huggingface.co/bench/match.js';
/** PAPERSHELF_BENCH_RESULTS writes elsewhere (parallel runs). */
const RESULTS = resolve(ROOT, process.env.PAPERSHELF_BENCH_RESULTS ?? 'bench/results.json');

const html = (body: string) => ({ body, type: 'text/html; charset=utf-8' });

/** What the HF API answers for papers saved during the bench, so enrichment succeeds as online. */
function apiAnswers(assets: Assets): void {
  for (const offset of [0, 5000])
    for (let r = 0; r < SIZE.rounds; r++)
      for (let i = 0; i < SIZE.savesPerRound; i++) {
        const id = freshId(offset + r * 100 + i);
        const body = JSON.stringify({ id, title: `Paper ${id}`, summary: 'An abstract.', authors: [{ name: 'A. Author' }], publishedAt: '2026-02-01T00:00:00.000Z', upvotes: 1 });
        assets.set(`https://huggingface.co/api/papers/${id}`, { body, type: 'application/json' });
      }
}

/** Build with PAPERSHELF_GRANT_OPTIONAL=1, launch it, and wait until its worker has registered the arXiv script. */
async function launchGranted(assets: Assets): Promise<Session> {
  execFileSync('npx', ['wxt', 'build'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, NODE_ENV: 'production', PAPERSHELF_GRANT_OPTIONAL: '1', PAPERSHELF_OUT_DIR: GRANT_OUT },
  });
  const s = await launchWithExtension(assets, undefined, join(GRANT_OUT, 'chrome-mv3'));
  const registered = () =>
    s.worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string }>> } } }).chrome;
      return (await c.scripting.getRegisteredContentScripts()).map((x) => x.id);
    });
  for (let i = 0; i < 100; i++) {
    if ((await registered()).includes('papershelf-arxiv')) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  await s.close();
  throw new Error('the granted build never registered the arXiv content script');
}

const checkBibtex = (text: string, n: number) => {
  const entries = text.match(/^@\w+\{/gm)?.length ?? 0;
  if (entries !== n) throw new Error(`BibTeX export has ${entries} entries, expected ${n}`);
};
const checkJson = (text: string, n: number) => {
  const papers = (JSON.parse(text) as { papers: unknown[] }).papers.length;
  if (papers !== n) throw new Error(`JSON export has ${papers} papers, expected ${n}`);
};

it(`Papershelf with ${CARDS} cards on the page and ${LIBRARY} papers saved`, async () => {
  let chromium = '';
  const run = new BenchRun(BUDGET_MS, () =>
    // Written after every step, so even a run stopped from outside leaves what it measured.
    writeResults(RESULTS, run.rows, {
      run: { cards: CARDS, library: LIBRARY, seconds: Math.round(run.elapsed() / 1000), stepSeconds: run.seconds, node: process.version, chromium },
      table: tableLines(run.rows),
      diagnosis: run.diagnosis,
    }),
  );
  const { rows, diagnosis } = run;
  let s: Session | undefined;
  let bare: Bare | undefined;
  try {
    // Bytes first: `wxt zip` rebuilds the bench output directory, so no browser may be using it yet.
    await run.measure('bundle', ['bundle: Chrome zip', 'bundle: content script gzipped'], 10_000, async () => measureBundle(zipExtension()));
    await run.step('build with source maps (diagnosis)', buildWithSourceMaps);
    if (run.failed(/^bundle/)) diagnosis.bundleBytesBySource = bytesByFile();

    const lib = library(LIBRARY);
    const tps = topics();
    const match = await bundlePageScript('bench/pages/match.ts');
    const exporters = await bundlePageScript('bench/pages/export.ts');
    const syncScript = await bundlePageScript('bench/pages/sync.ts');
    const page = listPage(CARDS);
    const assets: Assets = new Map([
      [LIST_URL, html(page)],
      [DAILY.url, html(dailyPage())],
      [MATCH_URL, html(page.replace('</body>', `<script src="${new URL(MATCH_JS).pathname}"></script></body>`))],
      [MATCH_JS, { body: match.code, type: 'text/javascript' }],
      [ARXIV_LIST_URL, html(arxivListPage(ARXIV_IDS))],
    ]);
    apiAnswers(assets);
    const debugPort = await freePort();
    const d: Driver = await run.step('launch both browsers, 20 topics', async () => {
      s = await launchWithExtension(assets, debugPort);
      bare = await launchBare(assets);
      chromium = await s.worker.evaluate(() => navigator.userAgent);
      return driver(s, lib, tps);
    });
    const ext = s!;
    const plain = bare!;

    // The pages first, with a number of rounds that leaves time for every other measure that runs.
    const rest = (['matching', 'size', 'import', 'library'] as const).some((g) => run.wants(g)) ? REST_MS : 0;
    const afterPage = run.wants('arxiv') ? 90_000 : 0;
    const after1000 = afterPage + (run.wants('page') ? 100_000 : 0);
    const afterDaily = after1000 + (run.wants('start') ? 30_000 : 0);
    const setting = `${LIBRARY} papers saved and ${tps.length} enabled topics, so cards are matched and highlighted`;
    const ping = () => d.send('settings', null);
    const pageLoads = (group: 'daily' | 'page', spec: PageSpec, pairs: { min: number; max: number }, estimateMs: number, rest: number, floor?: Floor) =>
      run.measure(
        group,
        [`load + saved state shown: ${spec.label}, warm worker`, `load + saved state shown: ${spec.label}, cold worker`, `long tasks: ${spec.label}`,
          ...(floor ? [`load + saved state shown: ${spec.label}, warm worker, against`, `load + saved state shown: ${spec.label}, cold worker, against`] : []),
          ...(spec.full ? ['messages from the content script', 'content-script JS heap added'] : [])],
        estimateMs,
        async () => {
          await d.ensure(LIBRARY); // the page loads with a full library and 20 topics: a heavy user's page
          await d.page.waitForTimeout(1000);
          const more = (msPerRound: number) => run.fits(msPerRound + rest);
          const floorPing = floor && (() => floor.page.evaluate(() => (globalThis as unknown as ChromeGlobal).chrome.runtime.sendMessage({ type: 'lookup', payload: { ids: [] } })));
          return (await measurePageLoad(ext, plain, spec, { minPairs: pairs.min, maxPairs: pairs.max, more, setting, ping, ...(floor ? { floor: { context: floor.context, ping: floorPing! } } : {}) })).rows;
        },
      );
    // The HF pages are also loaded with the reference extension (the least content script and worker
    // that show saved state), holding the same library: what any such extension pays on that page.
    const withFloor = async (group: 'daily' | 'page', load: (floor: Floor | undefined) => Promise<void>) => {
      const floor = run.wants(group) ? await run.step('launch the reference extension with the library', () => launchFloor(lib, assets)) : undefined;
      try {
        await load(floor);
      } finally {
        await floor?.close();
      }
    };
    await withFloor('daily', (floor) =>
      pageLoads('daily', { url: DAILY.url, cards: DAILY.cards, label: `daily page (${DAILY.cards} cards)`, target: 1.05, saved: DAILY.saved, full: false }, DAILY_PAIRS, 60_000, rest + afterDaily, floor));
    await run.measure('start', ['worker start-up'], 20_000, async () => {
      await d.ensure(LIBRARY);
      const ids = [...dailyPage().matchAll(/<h3[^>]*><a href="\/papers\/([\d.]+)"/g)].map((m) => m[1]!);
      const daily = [...new Set(ids)];
      if (daily.length !== DAILY.cards || !daily.includes(libraryId(0))) throw new Error(`the daily page names ${daily.length} papers`);
      return measureWorkerStart(ext, { ids: daily, saved: DAILY.saved, papers: lib, reps: START_REPS, ping });
    });
    await withFloor('page', (floor) =>
      pageLoads('page', { url: LIST_URL, cards: CARDS, label: `${CARDS.toLocaleString('en-US')}-card page`, target: 1.1, saved: 0, full: true }, PAGE_PAIRS, 80_000, rest + afterPage, floor));
    // The same targets on a 1,000-entry arXiv listing, in a browser with the build that grants arXiv.
    const arxivLabel = `${CARDS.toLocaleString('en-US')}-entry arXiv listing`;
    await run.measure(
      'arxiv',
      [`load + saved state shown: ${arxivLabel}, warm worker`, `load + saved state shown: ${arxivLabel}, cold worker`, `long tasks: ${arxivLabel}`],
      90_000,
      async () => {
        const granted = await launchGranted(assets);
        try {
          const g = await driver(granted, lib, tps);
          await g.ensure(LIBRARY);
          await g.page.waitForTimeout(1000);
          const spec: PageSpec = { url: ARXIV_LIST_URL, cards: CARDS, label: arxivLabel, target: 1.1, saved: ARXIV_IDS.filter((id) => id.startsWith('2601.')).length, full: false, root: 'dt[data-papershelf-id]' };
          const more = (msPerRound: number) => run.fits(msPerRound + rest);
          return (await measurePageLoad(granted, plain, spec, { minPairs: PAGE_PAIRS.min, maxPairs: PAGE_PAIRS.max, more, setting, ping: () => g.send('settings', null) })).rows;
        } finally {
          await granted.close();
        }
      },
    );

    await run.measure('matching', ['topic matching (in page)'], 10_000, () => measureMatching(plain, MATCH_URL, tps, MATCH_REPS));
    await run.measure(
      'recommend',
      ['recommend: score a 1,000-card page', 'recommend: model update on one save', 'recommend: model memory'],
      30_000,
      async () => measureRecommend(plain, LIST_URL, (await bundlePageScript('bench/pages/recommend.ts')).code, recommendInput(lib, CARDS, RECOMMEND_REPS)),
    );
    await run.measure('size', ['save one paper', 'popup first render'], 35_000, async () => {
      const other = await launchWithExtension(assets); // the small library: a fresh profile
      try {
        return await measureBySize({ s: ext, d }, { s: other, d: await driver(other, lib, tps) }, lib, SIZE);
      } finally {
        await other.close();
      }
    });
    // Morning triage: the page's one lookup also answers which cards were seen.
    await run.measure('seen', ['lookup with 50,000 seen'], 60_000, async () => {
      await d.ensure(LIBRARY);
      await seedSeen(d); // first: setting up the other profile leaves time for the write's compaction
      const other = await launchWithExtension(assets); // the profile with no seen papers
      try {
        const none = await driver(other, lib, tps);
        await none.ensure(LIBRARY);
        return await measureSeenLookup(d, none, Array.from({ length: CARDS }, (_, i) => cardId(i)));
      } finally {
        await other.close();
      }
    });
    await run.measure('import', ['import 10,000-paper JSON'], 25_000, async () => {
      await d.ensure(0);
      return measureImport(d, LIBRARY, IMPORT_REPS);
    });

    await run.measure('sync', ['sync of 10,000 papers'], 15_000, () => measureSync(d, syncScript, LIBRARY, SYNC_REPS));

    // The library page with 10,000 papers, as a user: search, export.
    if (run.wants('library') && run.fits(30_000)) {
      await d.ensure(LIBRARY);
      const libPage = await run.step('library page opened with 10,000 papers', () => openLibrary(ext, true));
      try {
        await run.measure('library', ['library search keystroke'], 20_000, () => measureSearch(libPage, LIBRARY, ['d', 'm', 'c', 'r', 'g'], 'diffusion'));
        await run.measure('library', ['export to BibTeX'], 10_000, () => measureExport(libPage, LIBRARY, 'Export BibTeX', EXPORT_REPS, checkBibtex));
        await run.measure('library', ['export to JSON'], 10_000, () => measureExport(libPage, LIBRARY, 'Export JSON', EXPORT_REPS, checkJson));
        await run.measure('library', ['library page: one topic edit'], 15_000, () => measureTopicEdit(libPage, LIBRARY, TOPIC_EDIT_REPS));
      } finally {
        await libPage.close();
      }
    } else if (run.wants('library')) {
      for (const measure of ['library search keystroke', 'export to BibTeX', 'export to JSON', 'library page: one topic edit'])
        rows.push({ measure, value: null, unit: '', reference: null, ratio: null, target: '—', pass: false, error: 'not run: out of time budget' });
    }

    // Where the time goes, for whatever missed its target.
    await diagnose(run, {
      s: ext,
      bare: plain,
      d,
      debugPort,
      listUrl: LIST_URL,
      matchUrl: MATCH_URL,
      cards: CARDS,
      library: LIBRARY,
      popupSmall: SIZE.small.popup,
      topics: tps,
      match,
      exporters,
      backup: () => ({ name: 'papershelf-backup.json', text: toJson(lib, [], new Date('2026-01-01T00:00:00Z')) }),
    });
  } finally {
    await s?.close();
    await bare?.close();
    run.persist();
    const lines = tableLines(rows);
    const met = `${rows.filter((r) => r.pass).length} of ${rows.length} targets met in ${Math.round(run.elapsed() / 1000)} s`;
    console.log(['', ...lines, '', `${met}; details and diagnosis: bench/results.json`].join('\n'));
  }
  expect(rows.filter((r) => !r.pass).map((r) => r.measure)).toEqual([]);
});
