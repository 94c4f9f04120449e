/**
 * Where the shipped bytes come from: the same build with source maps (bench/wxt.diagnose.config.ts,
 * into its own directory), its minified files attributed byte by byte to their source files.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT } from '../../tests/e2e/harness';
import { bytesBySource, type RawMap } from '../sourcemap';
import { round } from '../stats';

export const DIAGNOSE_DIR = resolve(ROOT, '.output-bench-diagnose');
const EXT = join(DIAGNOSE_DIR, 'chrome-mv3');

/** Build the extension with source maps (same minified code plus a sourceMappingURL line). */
export function buildWithSourceMaps(): void {
  execFileSync('npx', ['wxt', 'build', '-c', 'bench/wxt.diagnose.config.ts'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, PAPERSHELF_OUT_DIR: DIAGNOSE_DIR },
  });
}

export function sourceMap(file: string): RawMap {
  return JSON.parse(readFileSync(join(EXT, `${file}.map`), 'utf8')) as RawMap;
}

/** Every JS file of the build: bytes by source (largest first, top `k`). */
export function bytesByFile(k = 8): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const walk = (dir: string): string[] =>
    readdirSync(join(EXT, dir), { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
    );
  for (const file of walk('.')) {
    if (!existsSync(join(EXT, `${file}.map`))) continue;
    const code = readFileSync(join(EXT, file), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\n?$/, '');
    out[`${file} (${round(code.length / 1000)} kB)`] = bytesBySource(code, sourceMap(file))
      .slice(0, k)
      .map((r) => `${r.source} ${round(r.bytes / 1000)} kB`);
  }
  return out;
}
