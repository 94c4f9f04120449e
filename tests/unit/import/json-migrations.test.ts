import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_VERSION } from '../../../utils/export/json';
import { parseImport } from '../../../utils/import';
import { CURRENT_VERSION, MIGRATIONS, migrate, type Backup } from '../../../utils/import/json-migrations';
import { fixture, V1_PAPERS, V1_TOPICS } from './sample';

const FIXTURES = join(process.cwd(), 'tests/fixtures/import');

describe('JSON backup migrations', () => {
  it('reads exactly the version the exporter writes', () => {
    expect(CURRENT_VERSION).toBe(JSON_VERSION);
    expect(MIGRATIONS).toHaveLength(CURRENT_VERSION - 1);
  });

  it('runs every step from the file version up, in order, setting the version after each', () => {
    const calls: string[] = [];
    const steps = [
      (d: Backup) => (calls.push(`1→2 at v${String(d.version)}`), { ...d, renamed: d.old, old: undefined }),
      (d: Backup) => (calls.push(`2→3 at v${String(d.version)}`), { ...d, added: true }),
    ];
    expect(migrate({ version: 1, old: 'x' }, 1, steps)).toEqual({ version: 3, renamed: 'x', old: undefined, added: true });
    expect(calls).toEqual(['1→2 at v1', '2→3 at v2']);
    calls.length = 0;
    expect(migrate({ version: 2, renamed: 'y' }, 2, steps)).toEqual({ version: 3, renamed: 'y', added: true });
    expect(calls).toEqual(['2→3 at v2']);
    calls.length = 0;
    const current = { version: 3 };
    expect(migrate(current, 3, steps)).toBe(current);
    expect(calls).toEqual([]);
  });

  it('has a fixture of every version, each importing to the same records', () => {
    const files = readdirSync(FIXTURES).filter((f) => /^papershelf-v\d+\.json$/.test(f));
    expect(files.sort()).toEqual(Array.from({ length: CURRENT_VERSION }, (_, i) => `papershelf-v${i + 1}.json`));
    for (const f of files) {
      const r = parseImport(f, fixture(f), new Date('2025-07-01T00:00:00.000Z'));
      expect(r.errors, f).toEqual([]);
      expect(r.papers, f).toEqual(V1_PAPERS);
      expect(r.topics, f).toEqual(V1_TOPICS);
    }
  });
});
