/**
 * Steps that bring an older Papershelf JSON backup up to the current version, one version per
 * step. To add version N+1: append the step `vN → vN+1` here, bump `JSON_VERSION` in
 * `utils/export/json.ts`, and add `tests/fixtures/import/papershelf-vN.json` (the old shape).
 */

/** A parsed backup: a fresh object from `JSON.parse`, which a step may change in place. */
export type Backup = Record<string, unknown>;

export type MigrationStep = (doc: Backup) => Backup;

/** `MIGRATIONS[i]` turns version i+1 into version i+2. */
export const MIGRATIONS: readonly MigrationStep[] = [
  // 1 → 2: the seen set (morning triage). A version 1 backup had none.
  (doc) => ({ ...doc, seen: [] }),
];

/** The newest backup version this build reads (and the exporter writes). */
export const CURRENT_VERSION = MIGRATIONS.length + 1;

/** Runs every step from `from` up to the newest version, in order; sets `version` after each. */
export function migrate(doc: Backup, from: number, steps: readonly MigrationStep[] = MIGRATIONS): Backup {
  let out = doc;
  for (let v = from; v <= steps.length; v++) {
    out = steps[v - 1]!(out);
    out.version = v + 1;
  }
  return out;
}
