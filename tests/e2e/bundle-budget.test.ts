/**
 * The content script is parsed on every papers page: its budget (12 kB gzipped, issue 6) is checked
 * on the build the e2e tests load, so a change that outgrows it fails here, not only in the bench.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { EXTENSION } from './harness';

it('the content script stays within 12 kB gzipped, and ships no topic matcher or parser', () => {
  const code = readFileSync(join(EXTENSION, 'content-scripts/papers.js'));
  expect(gzipSync(code).length).toBeLessThanOrEqual(12_000);
  // Matching runs in the worker: no term parser or matcher tables here.
  expect(code.toString()).not.toContain('backreferences are not supported');
});

it('the arXiv/alphaXiv content script (registered at run time) has the same budget and no matcher either', () => {
  const code = readFileSync(join(EXTENSION, 'content-scripts/arxiv.js'));
  expect(gzipSync(code).length).toBeLessThanOrEqual(12_000);
  expect(code.toString()).not.toContain('backreferences are not supported');
});
