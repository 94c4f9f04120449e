import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { ARXIV_ORIGINS } from './utils/arxiv';

/**
 * arXiv and alphaXiv are optional hosts, asked for from a click in the popup or library.
 * `PAPERSHELF_GRANT_OPTIONAL=1` (tests only: headless Chromium cannot answer a permission prompt)
 * declares them as required hosts instead, so they are granted at install and the same
 * "granted → register the content script" path runs. What ships keeps them optional (a test checks).
 */
const grantOptional = process.env.PAPERSHELF_GRANT_OPTIONAL === '1';

/**
 * The background is an ES module (`defineBackground({ type: 'module' })`), so WXT builds it in one
 * group with the pages and they share code. Everything but the four entry modules (background,
 * the two pages' main.tsx, their HTML) goes into one chunk, `shared.js` (and one `shared.css`):
 * in the zip every file is compressed on its own, and one file compresses ~1 kB smaller than a
 * worker chunk plus a pages chunk, and 5 kB smaller than one chunk per set of importers.
 * The worker thus also evaluates the pages' modules; that costs no measurable start-up time (a
 * stopped worker answers in ~24 ms either way), and tests/unit/worker-safe.test.ts keeps every
 * module free of top-level DOM access. (README, Performance: bundle.)
 */
const sharedChunk = {
  groups: [
    {
      name: 'shared',
      test: (id: string) => !/\.html(\?.*)?$|[\\/]entrypoints[\\/](background[\\/]index\.ts|[^\\/]+[\\/]main\.tsx)$/.test(id),
    },
  ],
};

/**
 * Chrome's module service workers cannot use dynamic `import()`: fail the build if the worker's
 * chunk graph has one.
 */
function noDynamicImportInWorker(): Plugin {
  return {
    name: 'papershelf:no-dynamic-import-in-worker',
    generateBundle(_, bundle) {
      const seen = new Set<string>();
      const todo = ['background.js'];
      for (let file; (file = todo.pop()) !== undefined; ) {
        const chunk = bundle[file];
        if (seen.has(file) || chunk?.type !== 'chunk') continue;
        seen.add(file);
        if (chunk.dynamicImports.length)
          this.error(`${file} is loaded by the service worker and uses dynamic import(), which module service workers cannot do`);
        todo.push(...chunk.imports);
      }
    },
  };
}

// See README "Permissions" for why each one is needed.
export default defineConfig({
  // Separate outputs let parallel test runs build without clobbering each other.
  outDir: process.env.PAPERSHELF_OUT_DIR ?? '.output',
  vite: (env) => {
    // `wxt build` / `wxt zip` build what ships even when started with NODE_ENV=test (under Vitest: the
    // bench's zip): Vite would otherwise make a development build (Preact devtools hook, JSX source
    // info, development export conditions; ~4 kB more in the zip).
    if (env.command === 'build' && env.mode === 'production') process.env.NODE_ENV = 'production';
    // CSS is minified for the browsers we support (light-dark() is Chrome 123+), so the minifier
    // keeps light-dark() rather than rewriting it into variables that ignore the site's theme.
    return { plugins: [preact()], build: { cssTarget: ['chrome123', 'firefox128'] } };
  },
  hooks: {
    'vite:build:extendConfig'(entrypoints, config) {
      const background = entrypoints.find((e) => e.type === 'background');
      if (!background) return;
      config.plugins = [...(config.plugins ?? []), noDynamicImportInWorker()];
      const build = (config.build ??= {});
      // Chrome and Firefox support <link rel="modulepreload">; the polyfill would only add bytes.
      build.modulePreload = { polyfill: false };
      const rolldown = (build.rolldownOptions ??= {});
      const output = (rolldown.output ??= {});
      if (Array.isArray(output)) throw new Error('unexpected rolldown output array');
      output.codeSplitting = sharedChunk;
      // Short names at the root (shared.js, shared.css, popup.js…): each name is stored twice in
      // the zip and once more in every page that loads it, and extension files need no cache-busting hash.
      output.chunkFileNames = output.entryFileNames = '[name].js';
      output.assetFileNames = '[name].[ext]';
    },
  },
  manifest: ({ browser }) => ({
    name: 'Papershelf',
    description: 'Save, highlight and export papers from huggingface.co/papers. Your library stays in your browser.',
    // `scripting`: register the arXiv/alphaXiv content script at run time once those hosts are granted
    // (both browsers); in Chrome also re-inject the content script into papers tabs open at
    // install/update (Firefox does that itself).
    permissions: ['storage', 'unlimitedStorage', 'contextMenus', 'alarms', 'scripting'],
    // Stricter than the MV3 default (no 'wasm-unsafe-eval'), and stated so no build step can loosen it.
    content_security_policy: { extension_pages: "script-src 'self'; object-src 'self'" },
    host_permissions: ['https://huggingface.co/*', ...(grantOptional ? ARXIV_ORIGINS : [])],
    ...(grantOptional ? {} : { optional_host_permissions: ARXIV_ORIGINS }),
    commands: {
      'save-paper': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: 'Save the paper of the current page',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'papershelf@papershelf.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : // light-dark() in the toggle's CSS (and the CSS target above).
        { minimum_chrome_version: '123' }),
  }),
});
