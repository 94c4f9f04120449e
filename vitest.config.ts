import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

// WxtVitest() does not apply wxt.config.ts's Vite plugins: preact() is added here too.
const report = process.env.PAPERSHELF_TEST_REPORT;

export default defineConfig({
  test: {
    // CI reads the JSON report to print "N passed, N failed".
    reporters: report ? ['default', ['json', { outputFile: report }]] : ['default'],
    projects: [
      {
        plugins: [WxtVitest(), preact()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
          setupFiles: ['tests/unit/setup.ts'],
          // Generous: e2e browsers share the 2 cores while unit tests run.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Real browsers on 2 cores shared with the unit tests: a click's own actionability wait
          // takes 1-1.7 s under that load (measured), so the 1 s default of expect.poll is too short.
          expect: { poll: { timeout: 5_000 } },
          fileParallelism: false,
        },
      },
      {
        // npm run screenshots: regenerate the README images from the fixtures.
        test: {
          name: 'screenshots',
          include: ['tests/screenshots/**/*.shot.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        // npm run bench: performance table in real Chromium (never part of npm test).
        test: {
          name: 'bench',
          include: ['bench/**/*.bench-run.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          testTimeout: 390_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
