/** The bench's one table: printed, and written as JSON to bench/results.json. */
import { writeFileSync } from 'node:fs';
import { round } from './stats';

export interface Row {
  measure: string;
  /** The measured value, in `unit`; null when the measure could not run. */
  value: number | null;
  unit: string;
  /** What the value is compared with, measured in the same run ("—" when the target is absolute). */
  reference: { label: string; value: number | null; unit: string } | null;
  ratio: number | null;
  target: string;
  pass: boolean;
  /** Samples, phases and anything else needed to understand the number. */
  details?: Record<string, unknown>;
  error?: string;
}

const fmt = (v: number | null, unit: string) => (v === null || Number.isNaN(v) ? '—' : `${round(v).toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`);

export function tableLines(rows: readonly Row[]): string[] {
  const cells = rows.map((r) => [
    r.measure,
    r.error ? `error: ${r.error.split('\n')[0]!.slice(0, 60)}` : fmt(r.value, r.unit),
    r.reference ? `${fmt(r.reference.value, r.reference.unit)} (${r.reference.label})` : '—',
    r.ratio === null ? '—' : `${r.ratio < 0.1 ? r.ratio.toPrecision(1) : r.ratio.toFixed(2)}×`,
    r.target,
    r.pass ? 'PASS' : 'FAIL',
  ]);
  const head = ['measure', 'value', 'reference (same run)', 'ratio', 'target', 'result'];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
}

export function writeResults(file: string, rows: readonly Row[], meta: Record<string, unknown>): void {
  writeFileSync(file, JSON.stringify({ ...meta, rows }, null, 2) + '\n');
}
