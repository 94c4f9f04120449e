/** Where topic matching spends its time: a CPU profile of the in-page runner, by source file. */
import type { Topic } from '../../utils/types';
import type { Bare } from '../browsers';
import type { RawMap } from '../sourcemap';
import { selfTimeBySource, type CpuProfile } from './profile';

export async function profileMatching(bare: Bare, url: string, script: string, map: RawMap, topics: Topic[], reps: number) {
  const page = await bare.open(url);
  try {
    const cdp = await bare.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.evaluate(
      ([t, n]) => (globalThis as unknown as { papershelfBench: { run(t: Topic[], n: number): unknown } }).papershelfBench.run(t, n),
      [topics, reps] as const,
    );
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    return { ...selfTimeBySource(profile, script, map), note: `${reps} runs of read + compile + match, profiled together` };
  } finally {
    await page.close();
  }
}
