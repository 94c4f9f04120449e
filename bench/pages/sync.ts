/**
 * Runs inside an extension page (bundled by bench/bundle-page.ts): one Hub sync's CPU work on
 * 10,000 papers (merge this browser's library with the file pulled from the Hub, serialise the
 * result to push), against the product's JSON export of the same library. No network: the time
 * is the merge and the text, both on records already in the page.
 */
import { EXPORTERS } from '../../utils/export';
import { parseReplica, replicaOf, serialiseReplica } from '../../utils/library-sync/file';
import { mergeReplicas, type Replica } from '../../utils/library-sync/merge';
import type { Paper } from '../../utils/types';

const NOW = new Date('2026-01-02T00:00:00Z');
let remote: Replica | undefined;
let remoteText = '';

/** The Hub's copy: the same library written by another device, where 1% was edited later and 1% removed. */
function remoteOf(lib: Paper[]): Replica {
  const base = replicaOf(lib, [], {}, {});
  const r = parseReplica(serialiseReplica(base, NOW.toISOString()), NOW.toISOString());
  lib.forEach((p, i) => {
    if (i % 100 === 1) r.papers.set(p.id, { ...r.papers.get(p.id)!, note: 'edited on the other device', updatedAt: '2026-01-01T12:00:00.000Z' });
    if (i % 100 === 2) {
      r.papers.delete(p.id);
      r.removedPapers.set(p.id, '2026-01-01T12:00:00.000Z');
    }
  });
  remoteText = serialiseReplica(r, NOW.toISOString());
  return r;
}

function sync(lib: Paper[]): { ms: number; chars: number; papers: number; parseMs: number } {
  remote ??= remoteOf(lib);
  const t0 = performance.now();
  parseReplica(remoteText, NOW.toISOString());
  const parseMs = performance.now() - t0;
  const t = performance.now();
  const merged = mergeReplicas(replicaOf(lib, [], {}, {}), remote, NOW.toISOString());
  const text = serialiseReplica(merged, NOW.toISOString());
  const blob = new Blob([text], { type: 'application/json' });
  return { ms: performance.now() - t, chars: blob.size, papers: merged.papers.size, parseMs };
}

function exportJson(lib: Paper[]): { ms: number; chars: number } {
  const exporter = EXPORTERS.find((e) => e.id === 'json')!;
  const t = performance.now();
  const text = exporter.run(lib, [], NOW);
  const blob = new Blob([text], { type: exporter.mime });
  return { ms: performance.now() - t, chars: blob.size };
}

(globalThis as unknown as { papershelfSync: unknown }).papershelfSync = { sync, exportJson };
