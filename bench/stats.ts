/** Small statistics for repeated timings. */

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Rounded for reports: 1 decimal under 100, whole numbers above. */
export const round = (x: number) => (Math.abs(x) < 100 ? Math.round(x * 10) / 10 : Math.round(x));

export const rounded = (xs: readonly number[]) => xs.map(round);

/**
 * Run `a` and `b` alternately `reps` times, starting with a different one each round, so slow
 * moments of a shared machine fall on both. Returns the samples of each.
 */
export async function interleave<A, B>(reps: number, a: (i: number) => Promise<A>, b: (i: number) => Promise<B>): Promise<{ a: A[]; b: B[] }> {
  const out = { a: [] as A[], b: [] as B[] };
  for (let i = 0; i < reps; i++) {
    if (i % 2 === 0) {
      out.a.push(await a(i));
      out.b.push(await b(i));
    } else {
      out.b.push(await b(i));
      out.a.push(await a(i));
    }
  }
  return out;
}
