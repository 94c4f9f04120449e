/**
 * The service worker imports `shared.js`, the chunk of every module its graph reaches, which the
 * pages share (see wxt.config.ts); which modules land there follows the imports, so any of these
 * may: no module may touch the DOM (`document`, `window`, `location`, `localStorage`,
 * `requestAnimationFrame`, `DOMParser`…) when it is evaluated, only inside functions. This test runs
 * in Node, which has none of those: importing a module that uses one at its top level throws here.
 */
import { describe, expect, it } from 'vitest';

const modules = import.meta.glob([
  '../../entrypoints/library/**/*.{ts,tsx}',
  '../../entrypoints/popup/**/*.{ts,tsx}',
  '!../../entrypoints/*/main.tsx',
  '../../components/**/*.{ts,tsx}',
  '../../utils/**/*.ts',
]);

describe('modules the service worker evaluates', () => {
  it('finds the pages, components and utils', () => {
    const paths = Object.keys(modules);
    expect(paths).toContain('../../entrypoints/library/App.tsx');
    expect(paths).toContain('../../entrypoints/popup/App.tsx');
    expect(paths).toContain('../../components/ExportButtons.tsx');
    expect(paths).not.toContain('../../entrypoints/popup/main.tsx');
    expect(paths.length).toBeGreaterThan(60);
  });

  it.each(Object.keys(modules))('%s touches no DOM when imported', async (path) => {
    expect(typeof document).toBe('undefined');
    await expect(modules[path]!()).resolves.toBeTypeOf('object');
  });
});
