/**
 * Firefox add-on reviewers rebuild the package from the sources zip. This checks that they get the
 * same files: it extracts `<outDir>/*-sources.zip` into a temporary directory, links this checkout's
 * node_modules there (what `npm ci` would install from the zipped lockfile), runs
 * `wxt build -b firefox --mv3`, and compares every output file with `<outDir>/firefox-mv3`.
 *
 *   npm run zip:firefox && node scripts/check-sources-zip.ts [outDir]
 *
 * outDir defaults to $PAPERSHELF_OUT_DIR, else `.output`. Exits 1 on any difference.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface SourcesCheck {
  zip: string;
  /** Files in the sources zip. */
  entries: string[];
  /** Files compared (the Firefox build's). */
  compared: number;
  /** "path: why" for every file that differs, is missing or is extra. */
  differences: string[];
}

/** Entries of a zip archive (stored or deflated; what WXT writes). */
export function readZip(file: string): Map<string, Buffer> {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file}: not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    if (method === 0) out.set(name, Buffer.from(data));
    else if (method === 8) out.set(name, inflateRawSync(data));
    else throw new Error(`${file}: ${name} uses compression method ${method}`);
  }
  return out;
}

function hashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.set(relative(dir, full), createHash('sha256').update(readFileSync(full)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

export function checkSourcesZip(outDir: string): SourcesCheck {
  const zipName = readdirSync(outDir).find((f) => f.endsWith('-sources.zip'));
  if (!zipName) throw new Error(`no *-sources.zip in ${outDir}: run \`wxt zip -b firefox --mv3\` first`);
  const zip = join(outDir, zipName);
  const entries = readZip(zip);
  const work = mkdtempSync(join(tmpdir(), 'papershelf-sources-'));
  try {
    for (const [name, data] of entries) {
      const target = join(work, name);
      if (relative(work, target).startsWith('..')) throw new Error(`${zipName}: entry escapes the archive: ${name}`);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, data);
    }
    symlinkSync(join(ROOT, 'node_modules'), join(work, 'node_modules'), 'dir');
    // A production build, as `npm run zip:firefox` makes it (NODE_ENV=test, set by Vitest, would
    // switch Preact to its dev JSX runtime, which embeds absolute source paths).
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
    delete env.PAPERSHELF_OUT_DIR;
    execFileSync('npx', ['wxt', 'build', '-b', 'firefox', '--mv3'], { cwd: work, env, stdio: 'pipe' });
    const rebuilt = hashes(join(work, '.output/firefox-mv3'));
    const original = hashes(join(outDir, 'firefox-mv3'));
    const differences: string[] = [];
    for (const [f, h] of original) {
      if (!rebuilt.has(f)) differences.push(`${f}: missing from the rebuild`);
      else if (rebuilt.get(f) !== h) differences.push(`${f}: content differs`);
    }
    for (const f of rebuilt.keys()) if (!original.has(f)) differences.push(`${f}: only in the rebuild`);
    return { zip, entries: [...entries.keys()].sort(), compared: original.size, differences };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = resolve(ROOT, process.argv[2] ?? process.env.PAPERSHELF_OUT_DIR ?? '.output');
  const r = checkSourcesZip(outDir);
  console.log(`${relative(ROOT, r.zip)}: ${r.entries.length} files; rebuilt firefox-mv3 from it: ${r.compared} files compared`);
  if (!r.entries.includes('README.md')) console.log('warning: no README.md in the sources zip (reviewers need the build steps)');
  for (const d of r.differences) console.log(`  ${d}`);
  console.log(r.differences.length ? `${r.differences.length} differences` : 'identical');
  process.exitCode = r.differences.length ? 1 : 0;
}
