/**
 * The repository is self-contained: a bare clone runs its tests, bench, scripts and CI with nothing
 * beside it. No tracked source, test, bench, script or config file names a path outside the
 * repository: `../shared`, `/work/`, another absolute path of some machine, or a relative path whose
 * `..` climbs above the repository root. Data under tests/fixtures/ and the docs are not code and are
 * not read for paths. (System programs such as /usr/bin/chromium are allowed: they are not files of
 * the project.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** Tracked code and config: everything but fixture data, docs and images. */
const FILES = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && !f.startsWith('tests/fixtures/') && !f.startsWith('docs/') && f !== 'package-lock.json')
  // This file's own examples of bad paths are test data.
  .filter((f) => f !== 'tests/unit/self-contained.test.ts')
  .filter((f) => /\.(ts|tsx|js|mjs|cjs|json|html|css|sh)$/.test(f) || f === '.ci/run' || f.startsWith('.ci/'))
  // The one module that names the fixture folder is code, not data.
  .concat('tests/fixtures/site.ts');

/** Absolute paths of this or another machine (not URL paths like '/papers/…', which start elsewhere). */
const MACHINE_PATH = /(?<![\w.:/-])\/(work|home|root|tmp|mnt|opt|srv|var|Users|media|etc)\/[\w.-]/;
/** Quoted strings and template literals with a `..` path segment. */
const CLIMB = /(['"`])((?:\.\.\/|\.\.(?=\1))(?:[^'"`\n])*?)\1/g;

function problems(file: string, text: string): string[] {
  const out: string[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    const at = `${file}:${i + 1}`;
    if (/\.\.\/shared\b|shared\/fixtures/.test(line)) out.push(`${at}: reaches ../shared: ${line.trim()}`);
    if (MACHINE_PATH.test(line)) out.push(`${at}: absolute path of a machine: ${line.trim()}`);
    // Paths resolved from the repository root or the working directory may not climb at all.
    if (/\b(ROOT|cwd\(\))\s*,\s*['"`]\.\./.test(line)) out.push(`${at}: climbs above the repository root: ${line.trim()}`);
    for (const m of line.matchAll(CLIMB)) {
      const target = resolve(ROOT, dirname(file), m[2]!);
      const rel = relative(ROOT, target);
      if (rel === '..' || rel.startsWith(`..${sep}`)) out.push(`${at}: "${m[2]}" climbs above the repository root`);
    }
  });
  return out;
}

describe('the repository is self-contained', () => {
  it('lists the code it checks (sources, tests, bench, scripts, configs, CI)', () => {
    for (const f of ['wxt.config.ts', 'vitest.config.ts', 'package.json', '.ci/run', 'scripts/start.ts', 'bench/generate.ts', 'tests/e2e/harness.ts', 'utils/protocol/router.ts'])
      expect(FILES, f).toContain(f);
  });

  it('no tracked code or config reaches outside the repository', () => {
    const found = FILES.flatMap((f) => problems(f, readFileSync(join(ROOT, f), 'utf8')));
    expect(found).toEqual([]);
  });

  it('catches each kind of path outside the repository', () => {
    expect(problems('tests/e2e/x.ts', "const F = resolve(ROOT, '../shared/fixtures');")).toHaveLength(2);
    expect(problems('tests/unit/x.ts', "const F = '/work/shared/fixtures';")).toHaveLength(2);
    expect(problems('tests/unit/x.ts', "readFileSync('/home/me/papers.json')")).toHaveLength(1);
    expect(problems('tests/unit/a/x.ts', "new URL('../../../../other/api.json', import.meta.url)")).toHaveLength(1);
    expect(problems('scripts/x.ts', "const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');")).toEqual([]);
    expect(problems('tests/e2e/x.ts', "import { a } from '../../utils/types';")).toEqual([]);
    expect(problems('utils/x.ts', "browser.runtime.getURL('/library.html'); fetch('https://huggingface.co/api/papers/1');")).toEqual([]);
    expect(problems('tests/e2e/x.ts', "const CHROMIUM = '/usr/bin/chromium';")).toEqual([]);
  });
});
