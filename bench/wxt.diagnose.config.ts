/**
 * Diagnosis build (not used by `npm run bench`): the same extension with source maps, so CPU
 * profiles and bundle bytes can be traced back to source files. `npx wxt build -c bench/wxt.diagnose.config.ts`
 */
import { defineConfig } from 'wxt';
import base from '../wxt.config';

export default defineConfig({
  ...base,
  outDir: process.env.PAPERSHELF_OUT_DIR ?? '.output-bench-diagnose',
  vite: (env) => {
    const v = typeof base.vite === 'function' ? base.vite(env) : {};
    return { ...v, build: { ...(v as { build?: object }).build, sourcemap: true } };
  },
});
