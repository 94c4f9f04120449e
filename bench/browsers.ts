/**
 * The two browsers every page benchmark compares: the e2e harness's Chromium with the built
 * extension, and the same Chromium, flags and fixture routing without it. Bench assets (generated
 * pages, the in-page script bundle) are served at https://huggingface.co URLs in both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { BASE_FLAGS, BLOCK_DNS, CHROMIUM, fixture, launch, type Session } from '../tests/e2e/harness';

/** Bench assets by URL; served before the fixtures in both browsers. */
export type Assets = Map<string, { body: string; type: string }>;

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The harness's flags, minus the extension. */
const FLAGS = [...BASE_FLAGS, BLOCK_DNS];

const HF = /^https:\/\/([a-z0-9-]+\.)*huggingface\.co\//;

/** Where bench assets may live: huggingface.co, and arxiv.org for the arXiv listing. */
const ASSET_HOSTS = /^https:\/\/(([a-z0-9-]+\.)*huggingface\.co|arxiv\.org)\//;

async function serveAssets(context: BrowserContext, assets: Assets): Promise<void> {
  // Registered last, so it runs before the harness's fixture route; unknown URLs fall through.
  await context.route(ASSET_HOSTS, async (route) => {
    const asset = assets.get(route.request().url());
    if (!asset) return route.fallback();
    return route.fulfill({ status: 200, contentType: asset.type, body: asset.body });
  });
}

/** The offline site of a browser without Papershelf: fixtures, images, then the bench assets. */
export async function serveSite(context: BrowserContext, assets: Assets): Promise<void> {
  await context.route(HF, async (route) => {
    const url = route.request().url();
    if (new URL(url).hostname !== 'huggingface.co') return route.fulfill({ status: 200, contentType: 'image/png', body: PNG_1PX });
    try {
      return await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture(url) });
    } catch {
      return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in fixtures' });
    }
  });
  await serveAssets(context, assets);
}

export interface Bare {
  context: BrowserContext;
  open(url: string): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium exactly as the harness launches it, without the extension, same offline site. */
export async function launchBare(assets: Assets): Promise<Bare> {
  const dir = mkdtempSync(join(tmpdir(), 'papershelf-bench-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    colorScheme: 'light',
    viewport: { width: 1280, height: 900 },
    args: FLAGS,
  });
  await serveSite(context, assets);
  for (const p of context.pages()) await p.close();
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The harness's Chromium with the extension, plus the bench assets; DevTools on `debugPort` if given. */
export async function launchWithExtension(assets: Assets, debugPort?: number, extension?: string): Promise<Session> {
  const s = await launch({ ...(debugPort ? { args: [`--remote-debugging-port=${debugPort}`] } : {}), ...(extension ? { extension } : {}) });
  await serveAssets(s.context, assets);
  return s;
}

/**
 * An extension page with no UI of its own: the extension's manifest.json shown as text. It has the
 * extension's origin and `chrome.runtime`, so messages sent from it are privileged and timed without
 * any page re-rendering on the changes they cause. (Routing extension URLs does not work.)
 */
export async function quietExtensionPage(s: Session): Promise<Page> {
  const page = await s.context.newPage();
  await page.goto(`chrome-extension://${s.extensionId}/manifest.json`);
  return page;
}
