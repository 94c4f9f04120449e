/**
 * Real headless Chromium (Debian's `chromium`) with the built extension, the huggingface.co fixture
 * site served by `context.route`, and DNS blocked so nothing reaches the network.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { Paper } from '../../utils/types';
import { SITE_DIR } from '../fixtures/site.ts';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
/** The offline huggingface.co site (tests/fixtures/site). */
export const FIXTURES = SITE_DIR;
export const OUT_DIR = resolve(ROOT, process.env.PAPERSHELF_OUT_DIR ?? '.output');
export const EXTENSION = join(OUT_DIR, 'chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync) ?? 'chromium';

const ROUTES: Record<string, string> = JSON.parse(readFileSync(join(FIXTURES, 'routes.json'), 'utf8'));

export const URLS = {
  trending: 'https://huggingface.co/papers/trending',
  daily: 'https://huggingface.co/papers/date/2025-06-26',
  papers: 'https://huggingface.co/papers',
  search: 'https://huggingface.co/papers?q=code+generation',
  paper: 'https://huggingface.co/papers/2506.13000',
} as const;

export function fixture(url: string): string {
  const file = ROUTES[url];
  if (!file) throw new Error(`no fixture for ${url}`);
  return readFileSync(join(FIXTURES, file), 'utf8');
}

export interface Session {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** Extra pages served at huggingface.co URLs (url → html), for altered markup. */
  pages: Map<string, string>;
  /** Every request the browser tried to send to the API, to check enrichment. */
  apiRequests: string[];
  /** When set, the HF API answers with this status (simulate outages). */
  apiStatus?: number;
  close(): Promise<void>;
  open(url: string): Promise<Page>;
  extensionPage(path: string): Promise<Page>;
}

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** Headless Chromium as root, with no background network traffic. */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Every host name fails to resolve: tests never touch the network. */
export const BLOCK_DNS = '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost';

export interface LaunchOptions {
  colorScheme?: 'light' | 'dark';
  viewport?: { width: number; height: number } | null;
  /** Show the window (npm start with a display). */
  headed?: boolean;
  /** Serve huggingface.co from the fixtures and block DNS (default). false = the real site. */
  offline?: boolean;
  /** Extra Chromium command-line arguments (the bench uses a remote-debugging port). */
  args?: string[];
  /** The unpacked extension to load (default: the e2e build, EXTENSION; the arXiv tests load the PAPERSHELF_GRANT_OPTIONAL build). */
  extension?: string;
}

export async function launch(opts: LaunchOptions = {}): Promise<Session> {
  const offline = opts.offline ?? true;
  const userDataDir = mkdtempSync(join(tmpdir(), 'papershelf-e2e-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: !opts.headed,
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport === undefined ? { width: 1280, height: 900 } : opts.viewport,
    acceptDownloads: true,
    args: [
      `--disable-extensions-except=${opts.extension ?? EXTENSION}`,
      `--load-extension=${opts.extension ?? EXTENSION}`,
      ...BASE_FLAGS,
      ...(offline ? [BLOCK_DNS] : []),
      ...(opts.args ?? []),
    ],
  });
  const session: Session = {
    context,
    worker: undefined as unknown as Worker,
    extensionId: '',
    pages: new Map(),
    apiRequests: [],
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async extensionPage(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${session.extensionId}/${path}`);
      return page;
    },
  };
  if (offline) await serveFixtures(context, session);
  session.worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  session.extensionId = new URL(session.worker.url()).host;
  // Close the blank first tab so page counts are predictable.
  if (!opts.headed) for (const p of context.pages()) await p.close();
  return session;
}

/** Answer https://huggingface.co/** from the fixtures (extension URLs are never routed). */
async function serveFixtures(context: BrowserContext, session: Session): Promise<void> {
  await context.route(/^https:\/\/([a-z0-9-]+\.)*huggingface\.co\//, async (route) => {
    const url = route.request().url();
    const host = new URL(url).hostname;
    if (host !== 'huggingface.co') return route.fulfill({ status: 200, contentType: 'image/png', body: PNG_1PX });
    if (url.includes('/api/papers/')) {
      session.apiRequests.push(url);
      if (session.apiStatus) return route.fulfill({ status: session.apiStatus, body: 'down' });
    }
    const extra = session.pages.get(url);
    if (extra !== undefined) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: extra });
    const file = ROUTES[url];
    if (!file) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in fixtures' });
    return route.fulfill({
      status: 200,
      contentType: file.endsWith('.json') ? 'application/json' : 'text/html; charset=utf-8',
      body: readFileSync(join(FIXTURES, file)),
    });
  });
}

/** The save buttons on a page (inside open shadow roots; Playwright CSS pierces them). */
export const saveButtons = (page: Page) => page.locator('button[data-papershelf-save]');

/** A raw protocol message from an extension page (no validation by the page): the reply envelope. */
export function sendFrom(page: Page, type: string, payload: unknown): Promise<{ ok: boolean; error?: string; data?: unknown }> {
  return page.evaluate(([t, p]) => chrome.runtime.sendMessage({ papershelf: 1, type: t, payload: p }), [type, payload] as const);
}

/** Save enabled topics through the background, in order, from an extension page. */
export async function saveTopics(s: Session, ...topics: Array<{ name: string; color: string; include: string[]; exclude?: string[] }>): Promise<void> {
  const page = await s.extensionPage('library.html');
  for (const t of topics) {
    const r = await sendFrom(page, 'saveTopic', { topic: { exclude: [], ...t, enabled: true } });
    if (!r.ok) throw new Error(`saveTopic "${t.name}": ${r.error}`);
  }
  await page.close();
}

/** The save button of the card for paper `id`. */
export const saveButton = (page: Page, id: string) => page.locator(`[data-papershelf-id="${id}"] button[data-papershelf-save]`);

/** The paper ids of the annotated cards, in page order. */
export const cardIds = (page: Page) => page.locator('[data-papershelf-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-papershelf-id')!));

/** Wait until the content script has annotated `n` cards. */
export async function waitForCards(page: Page, n: number): Promise<void> {
  await page.waitForFunction((count) => document.querySelectorAll('[data-papershelf-toggle]').length === count, n, {
    timeout: 15_000,
  });
}

/**
 * One request on a store of the extension's IndexedDB (all its records, or their count), made
 * straight by the service worker or an extension page (same origin): not through the code under test.
 */
export function readStore(target: Session | Page | Worker, store: 'papers' | 'topics', op: 'getAll'): Promise<unknown[]>;
export function readStore(target: Session | Page | Worker, store: 'papers' | 'topics', op: 'count'): Promise<number>;
export function readStore(target: Session | Page | Worker, store: 'papers' | 'topics', op: 'getAll' | 'count'): Promise<unknown> {
  const where = 'worker' in target ? target.worker : target;
  return (where as Page).evaluate(
    ([name, method]) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('papershelf');
        req.onsuccess = () => {
          const db = req.result;
          const r = db.transaction(name).objectStore(name)[method]();
          r.onsuccess = () => {
            resolve(r.result);
            db.close();
          };
          r.onerror = () => reject(r.error);
        };
        req.onerror = () => reject(req.error);
      }),
    [store, op] as const,
  );
}

/** Every stored paper, sorted by id (see readStore). */
export async function storedPapers(target: Session | Page | Worker): Promise<Paper[]> {
  return ((await readStore(target, 'papers', 'getAll')) as Paper[]).sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Saved paper ids, sorted (see storedPapers). */
export const storedIds = async (target: Session | Page | Worker) => (await storedPapers(target)).map((p) => p.id);
