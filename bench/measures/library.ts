/**
 * The library page at 10,000 papers, driven like a user: import a JSON backup through "Import file",
 * type in "Search", press "Export BibTeX" / "Export JSON". Everything found by accessible name.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { Session } from '../../tests/e2e/harness';
import { median, round, rounded } from '../stats';
import type { Row } from '../report';

type KeyWindow = { __key: { t0: number | null; t1: number | null } };
type ExportWindow = { __export: { t: number; name: string } | null };

export async function openLibrary(s: Session, expectRows: boolean): Promise<Page> {
  const page = await s.extensionPage('library.html');
  if (expectRows) await page.getByRole('list', { name: /^(Saved|Matching) papers$/ }).getByRole('listitem').first().waitFor({ timeout: 60_000 });
  else await page.getByLabel('Import file').waitFor({ timeout: 30_000 });
  return page;
}

/** The whole import of a backup file through the UI: choose file → summary dialog → Import → done. */
export async function importThroughUi(page: Page, file: { name: string; text: string }): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  await page.getByLabel('Import file').setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  const confirm = page.getByRole('dialog').getByRole('button', { name: 'Import', exact: true });
  await confirm.waitFor({ timeout: 60_000 });
  const t1 = performance.now();
  await confirm.click();
  await page.getByRole('status').filter({ hasText: 'Imported from' }).waitFor({ timeout: 60_000 });
  const t2 = performance.now();
  return {
    fileMB: round(file.text.length / 1e6),
    chooseToSummaryMs: Math.round(t1 - t0),
    confirmToDoneMs: Math.round(t2 - t1),
    totalMs: Math.round(t2 - t0),
    note: 'timed from Node around Playwright actions (parse + dry run, then import + reload)',
  };
}

const search = (page: Page) => page.getByRole('searchbox', { name: 'Search', exact: true });

/** Wait until the search index is built (the status stops saying "Indexing"). */
async function waitIndexed(page: Page): Promise<void> {
  await search(page).fill('zq');
  await page.waitForFunction(() => ![...document.querySelectorAll('[role="status"]')].some((e) => e.textContent?.includes('Indexing')), null, {
    timeout: 60_000,
    polling: 100,
  });
  await search(page).fill('');
  await page.waitForTimeout(300);
}

/** Press one key in the search box; ms from keydown until the rendered results differ, or null. */
async function timeKey(page: Page, key: string, timeoutMs = 3_000): Promise<number | null> {
  await page.evaluate(() => {
    const w = window as unknown as KeyWindow;
    // What the results show: the list's name and size (aria-setsize) and its rendered rows' text.
    const main = document.querySelector('main') ?? document.body;
    const resultsKey = () => {
      const list = main.querySelector('[role="list"]');
      if (!list) return `none:${main.textContent?.length}`;
      const rows = [...list.children];
      return `${list.getAttribute('aria-label')}:${rows[0]?.getAttribute('aria-setsize')}:${rows.map((r) => r.textContent).join('|')}`;
    };
    const input = document.getElementById('ps-search') ?? document.querySelector('input[type="search"]')!;
    const before = resultsKey();
    w.__key = { t0: null, t1: null };
    input.addEventListener('keydown', () => void (w.__key.t0 = performance.now()), { once: true, capture: true });
    const mo = new MutationObserver(() => {
      if (w.__key.t0 === null || resultsKey() === before) return;
      w.__key.t1 = performance.now();
      mo.disconnect();
    });
    mo.observe(main, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['aria-setsize', 'aria-label'] });
  });
  await page.keyboard.press(key);
  const done = await page
    .waitForFunction(() => (window as unknown as KeyWindow).__key.t1 !== null, null, { timeout: timeoutMs })
    .then(() => true)
    .catch(() => false);
  if (!done) return null;
  return page.evaluate(() => {
    const k = (window as unknown as KeyWindow).__key;
    return k.t1! - k.t0!;
  });
}

export async function measureSearch(page: Page, count: number, letters: string[], word: string): Promise<Row> {
  await waitIndexed(page);
  const first: number[] = [];
  for (const letter of letters) {
    await search(page).focus();
    const t = await timeKey(page, letter);
    if (t !== null) first.push(t);
    await search(page).fill('');
    await page.waitForTimeout(250);
  }
  const typing: Array<{ key: string; ms: number | null }> = [];
  await search(page).focus();
  for (const ch of word) typing.push({ key: ch, ms: await timeKey(page, ch, 1_000) });
  await search(page).fill('');
  await page.waitForTimeout(250);
  const value = median(first);
  return {
    measure: `library search keystroke → results, ${count.toLocaleString('en-US')} papers`,
    value,
    unit: 'ms',
    reference: null,
    ratio: null,
    target: '≤ 50 ms',
    pass: first.length === letters.length && value <= 50,
    details: {
      firstKeyMs: rounded(first),
      letters,
      typingWordMs: typing.map((x) => `${x.key}:${x.ms === null ? 'no change' : round(x.ms)}`).join(' '),
      note: 'one character typed into the empty Search box; keydown → the rendered list differs (its name, size or rows; MutationObserver)',
    },
  };
}

export interface ExportCheck {
  /** Throws unless the file holds `count` papers. */
  (text: string, count: number): void;
}

async function timeExport(page: Page, button: string): Promise<{ ms: number; text: string; name: string }> {
  await page.evaluate(() => {
    const w = window as unknown as ExportWindow;
    w.__export = null;
    document.addEventListener(
      'click',
      (e) => {
        const a = (e.target as Element).closest?.('a[download]');
        if (a && !w.__export) w.__export = { t: performance.now(), name: a.getAttribute('download') ?? '' };
      },
      { capture: true },
    );
  });
  const download = page.waitForEvent('download', { timeout: 60_000 });
  const t0 = await page.evaluate((name) => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === name);
    if (!b) throw new Error(`no "${name}" button`);
    const t = performance.now();
    b.click();
    return t;
  }, button);
  const file = await download;
  const t1 = await page.evaluate(() => (window as unknown as ExportWindow).__export?.t ?? NaN);
  return { ms: t1 - t0, text: readFileSync((await file.path())!, 'utf8'), name: file.suggestedFilename() };
}

export async function measureExport(page: Page, count: number, button: string, reps: number, check: ExportCheck): Promise<Row> {
  const times: number[] = [];
  let bytes = 0;
  let name = '';
  for (let i = 0; i < reps; i++) {
    const r = await timeExport(page, button);
    check(r.text, count);
    times.push(r.ms);
    bytes = r.text.length;
    name = r.name;
  }
  const value = median(times);
  return {
    measure: `${button.replace('Export ', 'export to ')}, ${count.toLocaleString('en-US')} papers (library button)`,
    value,
    unit: 'ms',
    reference: null,
    ratio: null,
    target: '≤ 300 ms',
    pass: value <= 300,
    details: { ms: rounded(times), file: name, fileMB: round(bytes / 1e6), note: 'click → the download link is clicked (dump from the background + exporter + Blob)' },
  };
}

type EditWindow = { __edit: { dumps: number; pushAt: number | null; long: number; installed: boolean } };

/**
 * One topic edit while the library page shows `count` papers: the edit is sent as the topic editor
 * sends it (`saveTopic`), and the page is timed from the push's arrival (`storage.onChanged`) until
 * the Topic filter lists the new topic and two frames have passed; long tasks and `dump` requests
 * (a reload of every paper) in that time are counted.
 */
export async function measureTopicEdit(page: Page, count: number, reps: number): Promise<Row> {
  await page.evaluate(() => {
    const w = window as unknown as EditWindow;
    if (w.__edit?.installed) return;
    w.__edit = { dumps: 0, pushAt: null, long: 0, installed: true };
    const send = chrome.runtime.sendMessage.bind(chrome.runtime) as (m: unknown) => Promise<unknown>;
    (chrome.runtime as unknown as { sendMessage: (m: unknown) => Promise<unknown> }).sendMessage = (m: unknown) => {
      if ((m as { type?: string })?.type === 'dump') w.__edit.dumps++;
      return send(m);
    };
    chrome.storage.onChanged.addListener((changes) => {
      if ((changes['papershelf:sync']?.newValue as { topics?: unknown } | undefined)?.topics && w.__edit.pushAt === null) w.__edit.pushAt = performance.now();
    });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (w.__edit.pushAt !== null && e.startTime + e.duration >= w.__edit.pushAt) w.__edit.long += e.duration;
    }).observe({ type: 'longtask' });
  });
  const times: number[] = [];
  const long: number[] = [];
  let dumps = 0;
  for (let i = 0; i < reps; i++) {
    const name = `Bench edit ${i + 1}`;
    const r = await page.evaluate(async (topicName) => {
      const w = window as unknown as EditWindow;
      w.__edit.pushAt = null;
      w.__edit.long = 0;
      w.__edit.dumps = 0;
      const listed = () => [...document.querySelectorAll('#ps-f-topic option')].some((o) => o.textContent?.startsWith(`${topicName} (`));
      const reply = (await chrome.runtime.sendMessage({
        papershelf: 1,
        type: 'saveTopic',
        payload: { topic: { name: topicName, color: '#1d4ed8', include: ['diffusion', 'code generation'], exclude: [], enabled: true } },
      })) as { ok: boolean; error?: string; data?: { id: string } };
      if (!reply.ok) throw new Error(`saveTopic: ${reply.error}`);
      const deadline = performance.now() + 20_000;
      while (!listed() || w.__edit.pushAt === null) {
        if (performance.now() > deadline) throw new Error(`the Topic filter never listed "${topicName}"`);
        await new Promise((res) => setTimeout(res, 2));
      }
      await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      const ms = performance.now() - w.__edit.pushAt!;
      await new Promise((res) => setTimeout(res, 300)); // long tasks are reported after they end
      return { ms, long: w.__edit.long, dumps: w.__edit.dumps, id: reply.data!.id };
    }, name);
    times.push(r.ms);
    long.push(r.long);
    dumps += r.dumps;
    // Put the library back as it was (not timed).
    await page.evaluate((id) => chrome.runtime.sendMessage({ papershelf: 1, type: 'deleteTopic', payload: { id } }), r.id);
    await page.waitForFunction((n) => ![...document.querySelectorAll('#ps-f-topic option')].some((o) => o.textContent?.startsWith(`${n} (`)), name, { timeout: 20_000 });
    await page.waitForTimeout(300);
  }
  const value = median(times);
  return {
    measure: `library page: one topic edit, ${count.toLocaleString('en-US')} papers`,
    value,
    unit: 'ms',
    reference: null,
    ratio: null,
    target: '≤ 200 ms, no reload',
    pass: value <= 200 && dumps === 0,
    details: {
      ms: rounded(times),
      longTaskMs: rounded(long),
      dumpRequests: dumps,
      note: 'saveTopic sent from the page; the push (storage.onChanged) → the Topic filter lists the topic with its count + 2 frames; dumpRequests: reloads of every paper (0: the page applies the pushed topics)',
    },
  };
}
