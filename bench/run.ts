/**
 * Bookkeeping of one bench run: the rows, a time budget (a step that would not fit is reported as
 * not run instead of letting the test time out with no table), progress on stderr, and
 * PAPERSHELF_BENCH_ONLY=page,library… to run some groups only.
 */
import type { Row } from './report';

export type Group = 'bundle' | 'daily' | 'start' | 'page' | 'arxiv' | 'matching' | 'size' | 'import' | 'library' | 'seen' | 'sync' | 'recommend';

export class BenchRun {
  readonly rows: Row[] = [];
  readonly diagnosis: Record<string, unknown> = {};
  readonly seconds: Record<string, number> = {};
  private readonly started = performance.now();
  private readonly only: Set<string> | null;

  /** `save` writes the results so far (called after every step and measure). */
  constructor(
    private readonly budgetMs: number,
    private readonly save: () => void = () => undefined,
  ) {
    const only = process.env.PAPERSHELF_BENCH_ONLY;
    this.only = only ? new Set(only.split(',').map((x) => x.trim())) : null;
  }

  elapsed(): number {
    return performance.now() - this.started;
  }

  wants(group: Group): boolean {
    return !this.only || this.only.has(group);
  }

  log(message: string): void {
    process.stderr.write(`[bench ${Math.round(this.elapsed() / 1000)}s] ${message}\n`);
  }

  /** Time a step that is not a measure (setup, diagnosis). */
  async step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    this.log(name);
    const t = performance.now();
    try {
      return await fn();
    } finally {
      this.seconds[name] = Math.round((performance.now() - t) / 100) / 10;
      this.persist();
    }
  }

  persist(): void {
    try {
      this.save();
    } catch (err) {
      this.log(`could not write results: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  /**
   * Run a measure expected to take about `estimateMs`; a crash or a lack of time becomes a FAIL
   * row per name in `names` (so the table always has every row).
   */
  async measure(group: Group, names: string[], estimateMs: number, fn: () => Promise<Row | Row[]>): Promise<void> {
    if (!this.wants(group)) return;
    const fail = (error: string) => {
      for (const measure of names) this.rows.push({ measure, value: null, unit: '', reference: null, ratio: null, target: '—', pass: false, error });
    };
    if (this.elapsed() + estimateMs > this.budgetMs) {
      this.log(`${names.join(', ')}: not run, ${Math.round((this.budgetMs - this.elapsed()) / 1000)} s of the budget left`);
      return fail('not run: out of time budget');
    }
    const label = names.join(' + ');
    this.log(label);
    const t = performance.now();
    try {
      const out = await fn();
      this.rows.push(...(Array.isArray(out) ? out : [out]));
    } catch (err) {
      fail(err instanceof Error ? err.message : String(err));
    } finally {
      this.seconds[label] = Math.round((performance.now() - t) / 100) / 10;
      this.persist();
    }
  }

  /** Whether there is time left for an optional step of about `estimateMs`. */
  fits(estimateMs: number): boolean {
    return this.elapsed() + estimateMs <= this.budgetMs;
  }

  failed(pattern: RegExp): boolean {
    return this.rows.some((r) => pattern.test(r.measure) && !r.pass);
  }
}
