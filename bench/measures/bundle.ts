/** Shipped bytes: the Chrome zip from `wxt zip`, and the content script gzipped (what every page load parses). */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { EXTENSION, OUT_DIR, ROOT } from '../../tests/e2e/harness';
import type { Row } from '../report';
import { round } from '../stats';

export const CONTENT_SCRIPT = 'content-scripts/papers.js';

/**
 * Budgets of the specified stack (wxt, preact, webextension-polyfill, idb): the polyfill is in every
 * bundle (README, Stack decisions). tests/e2e/bundle-budget.test.ts checks the same numbers.
 * Issue 13 set them for the huggingface.co-only feature set: zip 80 kB, content script 15 kB gzipped.
 * The features added since carry their measured cost (README, Performance → Bundle budgets):
 * zip + triage 5.5, arXiv/alphaXiv 16.9 (a second content script), sync 7.7, recommendations 5.6,
 * refactors 2.3 kB → 120 kB; content script + the page-run split 0.2, seen tracking and the New chip
 * 0.75, dt/dd twins 0.13, the recommendation chip 0.43 kB → 16.5 kB (each content script); then the
 * recommendation chip's Undo 0.09 and alphaXiv's one-toggle stand-in 0.08 kB → 16.7 kB (issue 16's own
 * additions, 0.17 kB, are paid for by minifying content scripts with terser: −0.13 kB).
 */
export const BUDGET = { chromeZip: 120_000, contentScriptGzip: 16_700 } as const;

/** Entries of a zip file with their stored (compressed) and real sizes, from its central directory. */
export function zipEntries(zip: Buffer): Array<{ name: string; stored: number; size: number }> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  let at = zip.readUInt32LE(eocd + 16);
  const out: Array<{ name: string; stored: number; size: number }> = [];
  for (let i = 0, n = zip.readUInt16LE(eocd + 10); i < n; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    const nameLen = zip.readUInt16LE(at + 28);
    out.push({ name: zip.toString('utf8', at + 46, at + 46 + nameLen), stored: zip.readUInt32LE(at + 20), size: zip.readUInt32LE(at + 24) });
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out.sort((a, b) => b.stored - a.stored);
}

/** Run `wxt zip` into the bench output directory (it rebuilds there first). */
export function zipExtension(): string {
  execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, stdio: 'pipe', env: process.env });
  const zip = readdirSync(OUT_DIR).find((f) => f.endsWith('-chrome.zip'));
  if (!zip) throw new Error(`wxt zip left no *-chrome.zip in ${OUT_DIR}`);
  return join(OUT_DIR, zip);
}

export function measureBundle(zipPath: string): Row[] {
  const zip = readFileSync(zipPath);
  const script = readFileSync(join(EXTENSION, CONTENT_SCRIPT));
  const gz = gzipSync(script).length;
  const kB = (b: number) => b / 1000;
  return [
    {
      measure: 'bundle: Chrome zip',
      value: kB(statSync(zipPath).size),
      unit: 'kB',
      reference: null,
      ratio: null,
      target: `≤ ${BUDGET.chromeZip / 1000} kB`,
      pass: statSync(zipPath).size <= BUDGET.chromeZip,
      details: { zip: zipPath.slice(ROOT.length + 1), entriesStoredKB: zipEntries(zip).map((e) => `${e.name} ${round(kB(e.stored))} (${round(kB(e.size))} unzipped)`) },
    },
    {
      measure: 'bundle: content script gzipped',
      value: kB(gz),
      unit: 'kB',
      reference: null,
      ratio: null,
      target: `≤ ${BUDGET.contentScriptGzip / 1000} kB`,
      pass: gz <= BUDGET.contentScriptGzip,
      details: { file: CONTENT_SCRIPT, minifiedKB: round(kB(script.length)), gzip: 'node:zlib gzipSync, default level' },
    },
  ];
}
