/** Read a source map enough to say which source file each generated position came from. */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

export interface RawMap {
  sources: string[];
  mappings: string;
}

/** Per generated line: sorted [column, source index or -1, original line] segments. */
export type Segments = Array<Array<[number, number, number]>>;

export function decodeMappings(map: RawMap): Segments {
  const lines: Segments = [];
  let source = 0;
  let origLine = 0;
  for (const line of map.mappings.split(';')) {
    const segs: Array<[number, number, number]> = [];
    let col = 0;
    for (const seg of line.split(',')) {
      if (!seg) continue;
      const fields: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const d = DIGIT.get(ch)!;
        value += (d & 31) << shift;
        if (d & 32) shift += 5;
        else {
          fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      col += fields[0]!;
      if (fields.length >= 4) {
        source += fields[1]!;
        origLine += fields[2]!;
      }
      segs.push([col, fields.length >= 4 ? source : -1, origLine]);
    }
    lines.push(segs);
  }
  return lines;
}

/** A readable name for a source path: "utils/detection/detect.ts", "node_modules/preact". */
export function shortSource(path: string): string {
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return `node_modules/${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  return path.replace(/^(\.\.\/)+/, '').replace(/^.*?\/main\//, '');
}

/** Bytes of `code` attributed to each source (unmapped bytes under "(bundler glue)"), largest first. */
export function bytesBySource(code: string, map: RawMap): Array<{ source: string; bytes: number }> {
  const segs = decodeMappings(map);
  const totals = new Map<string, number>();
  const add = (k: string, n: number) => totals.set(k, (totals.get(k) ?? 0) + n);
  code.split('\n').forEach((text, l) => {
    const line = segs[l] ?? [];
    let prevCol = 0;
    let prevSrc = -1;
    for (const [col, src] of line) {
      add(prevSrc >= 0 ? shortSource(map.sources[prevSrc]!) : '(bundler glue)', col - prevCol);
      prevCol = col;
      prevSrc = src;
    }
    add(prevSrc >= 0 ? shortSource(map.sources[prevSrc]!) : '(bundler glue)', text.length - prevCol + 1);
  });
  return [...totals].map(([source, bytes]) => ({ source, bytes })).sort((a, b) => b.bytes - a.bytes);
}

/** "utils/detection/detect.ts:120" for a generated position (0-based line and column), for CPU profile frames. */
export function sourceAt(segs: Segments, map: RawMap, line: number, column: number): string {
  let found: [number, number, number] | undefined;
  for (const seg of segs[line] ?? []) {
    if (seg[0] > column) break;
    found = seg;
  }
  return found && found[1] >= 0 ? `${shortSource(map.sources[found[1]]!)}:${found[2] + 1}` : '(bundler glue)';
}
