/**
 * What ships, against the budgets of the specified stack (bench/measures/bundle.ts BUDGET: content
 * script ≤ 16.7 kB gzipped, Chrome zip ≤ 120 kB, webextension-polyfill included), checked on every
 * `npm test` so a change that outgrows them fails here, not only in the bench.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BUDGET, CONTENT_SCRIPT } from '../../bench/measures/bundle';
import { EXTENSION, ROOT } from './harness';

/** The polyfill's own error text: present once in each bundle that carries it. */
const POLYFILL = 'This script should only be loaded in a browser extension.';

it('the content script stays within its budget (16.7 kB gzipped), carries the polyfill, and ships no topic matcher or parser', () => {
  const code = readFileSync(join(EXTENSION, CONTENT_SCRIPT));
  expect(gzipSync(code).length).toBeLessThanOrEqual(BUDGET.contentScriptGzip);
  expect(code.toString()).toContain(POLYFILL);
  // Matching runs in the worker: no term parser or matcher tables here.
  expect(code.toString()).not.toContain('backreferences are not supported');
});

it('the arXiv/alphaXiv content script (registered at run time) has the same budget and no matcher either', () => {
  const code = readFileSync(join(EXTENSION, 'content-scripts/arxiv.js'));
  expect(gzipSync(code).length).toBeLessThanOrEqual(BUDGET.contentScriptGzip);
  expect(code.toString()).not.toContain('backreferences are not supported');
});

it('the worker and pages chunk carries the polyfill too', () => {
  expect(readFileSync(join(EXTENSION, 'shared.js'), 'utf8')).toContain(POLYFILL);
});

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'papershelf-zip-'));
  // What `npm run zip` ships (NODE_ENV=test from Vitest would make a development build).
  execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: 'pipe', env: { ...process.env, PAPERSHELF_OUT_DIR: out, NODE_ENV: 'production' } });
}, 120_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

it('the Chrome zip stays within its budget (120 kB)', () => {
  const zip = readdirSync(out).find((f) => f.endsWith('-chrome.zip'));
  expect(zip).toBeDefined();
  expect(statSync(join(out, zip!)).size).toBeLessThanOrEqual(BUDGET.chromeZip);
});
