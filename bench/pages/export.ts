/**
 * Runs inside an extension page (bundled by bench/bundle-page.ts, evaluated through DevTools): the
 * product's exporters timed on records already in the page, apart from the `dump` that feeds them.
 */
import { EXPORTERS } from '../../utils/export';
import type { Paper, Topic } from '../../utils/types';

function time(id: string, papers: Paper[], topics: Topic[]): { ms: number; chars: number } {
  const exporter = EXPORTERS.find((e) => e.id === id);
  if (!exporter) throw new Error(`no exporter ${id}`);
  const t = performance.now();
  const text = exporter.run(papers, topics, new Date('2026-01-01T00:00:00Z'));
  const blob = new Blob([text], { type: exporter.mime });
  return { ms: performance.now() - t, chars: blob.size };
}

(globalThis as unknown as { papershelfExport: unknown }).papershelfExport = { time };
