/** Self time of a CPU profile attributed to the source files of one script, through its source map. */
import { decodeMappings, sourceAt, type RawMap } from '../sourcemap';
import { round } from '../stats';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Builtins, GC-free DOM calls and the like count for the nearest frame of `script` that called
 * them ("utils/detection/detect.ts:120 → querySelectorAll"); samples outside `script` are left out.
 */
export function selfTimeBySource(profile: CpuProfile, script: string, map: RawMap) {
  const segs = decodeMappings(map);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0)));
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  let total = 0;
  for (const [id, us] of self) {
    const leaf = byId.get(id)!;
    let n: ProfileNode | undefined = leaf;
    while (n && !n.callFrame.url.endsWith(script)) n = byId.get(parent.get(n.id) ?? -1);
    if (!n) continue;
    const where = sourceAt(segs, map, n.callFrame.lineNumber, n.callFrame.columnNumber);
    total += us;
    add(byFile, where.replace(/:\d+$/, ''), us);
    add(byFunction, where + (leaf === n ? '' : ` → ${leaf.callFrame.functionName || '(native)'}`), us);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([where, us]) => `${round(us / 1000)} ms ${where}`);
  return { cpuMs: round(total / 1000), byFile: top(byFile, 12), byFunction: top(byFunction, 15) };
}
