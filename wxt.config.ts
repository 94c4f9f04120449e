import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import type { Plugin } from 'vite';
import { ARXIV_ORIGINS } from './utils/detection/arxiv';

/**
 * arXiv and alphaXiv are optional hosts, asked for from a click in the popup or library.
 * `PAPERSHELF_GRANT_OPTIONAL=1` (tests only: headless Chromium cannot answer a permission prompt)
 * declares them as required hosts instead, so they are granted at install and the same
 * "granted → register the content script" path runs. What ships keeps them optional (a test checks).
 */
const grantOptional = process.env.PAPERSHELF_GRANT_OPTIONAL === '1';

/**
 * The background is an ES module (`defineBackground({ type: 'module' })`), so WXT builds it in one
 * group with the pages and they share code. Two chunks besides the four entry modules (background,
 * the two pages' main.tsx, their HTML): `shared.js`, every module the worker's static graph reaches
 * (db, idb, messages, topic engine, import validation and merge…: the pages use them too), and
 * `pages.js` (+ `pages.css`), what only the pages load (Preact, the library and popup UI, parsers,
 * exporters, MiniSearch). A stopped worker evaluates only what it needs to answer (19 kB of 51 kB
 * gzipped); the second chunk costs ~0.9 kB of zip. (README, Stack decisions; bench: worker start-up.)
 */
const ENTRY = /\.html(\?.*)?$|[\\/]entrypoints[\\/](background[\\/]index\.ts|[^\\/]+[\\/]main\.tsx)$/;
const WORKER_ENTRY = /[\\/]entrypoints[\\/]background[\\/]index\.ts$/;

/** Whether the worker's entry statically imports `id` (directly or through other modules). */
function inWorkerGraph(id: string, info: (id: string) => { importers: readonly string[] } | null): boolean {
  const seen = new Set([id]);
  for (const todo = [id]; todo.length; )
    for (const by of info(todo.pop()!)?.importers ?? []) {
      if (WORKER_ENTRY.test(by)) return true;
      if (!seen.has(by)) todo.push(by), seen.add(by);
    }
  return false;
}

type ChunkingContext = { getModuleInfo(id: string): { importers: readonly string[] } | null };

// `shared` first (a higher priority): a group also takes the modules its modules import, so `pages`
// would otherwise take the worker's modules that the pages use too.
const chunks = {
  groups: [
    {
      name: (id: string, ctx: ChunkingContext) => (!ENTRY.test(id) && inWorkerGraph(id, (m) => ctx.getModuleInfo(m)) ? 'shared' : null),
      debugName: 'shared',
      priority: 2,
    },
    { name: 'pages', test: (id: string) => !ENTRY.test(id), priority: 1 },
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
  // Every import is written out (no WXT auto-imports): what a file uses is what it imports.
  imports: false,
  // `browser` from 'wxt/browser' is webextension-polyfill in every bundle: the promise-based
  // `browser.*` contract (listeners answer by returning a promise) on Chromium 123–147, where only
  // `chrome` exists; where `browser` is native (Chrome 148+, Firefox) the polyfill hands it back.
  modules: ['@wxt-dev/webextension-polyfill'],
  // Separate outputs let parallel test runs build without clobbering each other.
  outDir: process.env.PAPERSHELF_OUT_DIR ?? '.output',
  // The sources zip (Firefox reviewers rebuild from it) holds what a clone holds: not the files
  // .gitignore leaves out (`npm start`'s screenshot, test results; node_modules, outputs and logs
  // are WXT's defaults), so a working copy and a bare clone zip the same sources.
  zip: { excludeSources: ['papershelf-start.png', 'test-results/**'] },
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
      // Content scripts are parsed on every papers page: minified by terser (three compress passes),
      // ~2% smaller than the default minifier (README, Stack decisions).
      if (entrypoints.every((e) => e.type === 'content-script')) {
        const build = (config.build ??= {});
        build.minify = 'terser';
        build.terserOptions = { compress: { passes: 3, ecma: 2020 }, format: { comments: false, ecma: 2020, wrap_func_args: false }, ecma: 2020 };
      }
      const background = entrypoints.find((e) => e.type === 'background');
      if (!background) return;
      config.plugins = [...(config.plugins ?? []), noDynamicImportInWorker()];
      const build = (config.build ??= {});
      // Chrome and Firefox support <link rel="modulepreload">; the polyfill would only add bytes.
      build.modulePreload = { polyfill: false };
      const rolldown = (build.rolldownOptions ??= {});
      const output = (rolldown.output ??= {});
      if (Array.isArray(output)) throw new Error('unexpected rolldown output array');
      output.codeSplitting = chunks;
      // Short names at the root (shared.js, pages.js, pages.css, popup.js…): each name is stored twice in
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
    // Asked for only when the user ticks "Notify me of new matches" (popup), removed on untick.
    optional_permissions: ['notifications'],
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
