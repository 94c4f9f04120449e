/**
 * Store packages: `wxt zip` for Chrome and Firefox into a temporary outDir, `web-ext lint` on both
 * builds (zero errors; warnings are printed), and the Firefox sources zip rebuilds to the same files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSourcesZip, readZip } from '../../scripts/check-sources-zip';
import { ROOT } from './harness';

/**
 * web-ext lint is Firefox's add-on linter. On the Chrome package two of its errors are about Firefox
 * only, and fixing them would put keys Chrome warns about ("Unrecognized manifest key") into the
 * Chrome manifest: the add-on id (`browser_specific_settings`, in the Firefox build) and a
 * `background.scripts` fallback for the service worker (the Firefox build has `scripts`).
 * Any other error fails, on both packages.
 */
const FIREFOX_ONLY = new Set(['ADDON_ID_REQUIRED', 'BACKGROUND_SERVICE_WORKER_NOFALLBACK']);

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
interface LintReport {
  summary: { errors: number; warnings: number; notices: number };
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

let out: string;
beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'papershelf-packages-'));
  // NODE_ENV=test (set by Vitest) would build with Preact's dev JSX runtime: ship what `npm run zip` ships.
  const env = { ...process.env, PAPERSHELF_OUT_DIR: out, NODE_ENV: 'production' };
  execFileSync('npx', ['wxt', 'zip'], { cwd: ROOT, env, stdio: 'pipe' });
  execFileSync('npx', ['wxt', 'zip', '-b', 'firefox', '--mv3'], { cwd: ROOT, env, stdio: 'pipe' });
}, 120_000);
afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

function lint(target: string): LintReport {
  const r = spawnSync('npx', ['web-ext', 'lint', '--source-dir', join(out, target), '--output', 'json', '--no-input'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  const json = r.stdout.slice(r.stdout.indexOf('{'));
  return JSON.parse(json) as LintReport;
}

const line = (m: LintMessage) => `${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} — ${m.message}`;

describe('store packages', () => {
  it('zips the Chrome and Firefox packages and the Firefox sources', () => {
    const files = readdirSync(out);
    for (const suffix of ['-chrome.zip', '-firefox.zip', '-sources.zip']) expect(files.some((f) => f.endsWith(suffix)), suffix).toBe(true);
    for (const suffix of ['-chrome.zip', '-firefox.zip']) {
      const zip = readZip(join(out, files.find((f) => f.endsWith(suffix))!));
      expect(zip.has('manifest.json'), `${suffix} has manifest.json at its root`).toBe(true);
      for (const size of [16, 32, 48, 128]) expect(zip.has(`icon/${size}.png`), `${suffix} icon ${size}`).toBe(true);
    }
  });

  it('the packages hold no path of the build machine', () => {
    for (const name of readdirSync(out).filter((f) => /-(chrome|firefox)\.zip$/.test(f)))
      for (const [entry, data] of readZip(join(out, name))) expect(data.includes(ROOT), `${name}: ${entry} contains ${ROOT}`).toBe(false);
  });

  it.each([
    ['firefox-mv3', new Set<string>()],
    ['chrome-mv3', FIREFOX_ONLY],
  ] as const)('web-ext lint %s: no errors', (target, allowed) => {
    expect(existsSync(join(out, target, 'manifest.json'))).toBe(true);
    const report = lint(target);
    const errors = report.errors.filter((m) => !allowed.has(m.code));
    console.log(
      [
        `web-ext lint ${target}: ${report.summary.errors} errors${allowed.size ? ` (${report.summary.errors - errors.length} of them Firefox-only, expected on Chrome)` : ''}, ${report.summary.warnings} warnings, ${report.summary.notices} notices`,
        ...report.errors.map((m) => `  error   ${line(m)}`),
        ...report.warnings.map((m) => `  warning ${line(m)}`),
        ...report.notices.map((m) => `  notice  ${line(m)}`),
      ].join('\n'),
    );
    expect(errors.map(line)).toEqual([]);
  });

  it('the Firefox sources zip rebuilds to identical files', () => {
    const r = checkSourcesZip(out);
    expect(r.entries).toEqual(expect.arrayContaining(['package.json', 'package-lock.json', 'wxt.config.ts']));
    expect(r.entries.filter((e) => e.startsWith('node_modules/') || e.startsWith('.output'))).toEqual([]);
    expect(r.compared).toBeGreaterThan(5);
    expect(r.differences).toEqual([]);
  });
});
