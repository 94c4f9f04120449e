/** Bundle a bench page script (TypeScript importing product code) into one IIFE with Vite's build API. */
import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { ROOT } from '../tests/e2e/harness';

export interface PageScript {
  code: string;
  /** Source map (not referenced from the code), to read CPU profiles of the script. */
  map: { sources: string[]; mappings: string };
}

export async function bundlePageScript(entry: string): Promise<PageScript> {
  const result = await build({
    configFile: false,
    root: ROOT,
    logLevel: 'silent',
    resolve: { alias: { '@': ROOT } },
    build: {
      write: false,
      minify: true,
      sourcemap: 'hidden',
      target: 'es2022',
      lib: { entry: resolve(ROOT, entry), formats: ['iife'], name: 'papershelfBenchBundle', fileName: 'bench' },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunk = outputs.flatMap((o) => o.output).find((c) => c.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error(`Vite produced no script for ${entry}`);
  if (!chunk.map) throw new Error(`Vite produced no source map for ${entry}`);
  return { code: chunk.code, map: { sources: chunk.map.sources, mappings: chunk.map.mappings } };
}
