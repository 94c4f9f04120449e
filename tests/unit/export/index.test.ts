import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EXPORTERS, exportFilename } from '../../../utils/export';
import { ALL, NOW, TOPICS } from './sample';

describe('EXPORTERS', () => {
  it('lists every format with its label, extension and MIME type, in menu order', () => {
    expect(EXPORTERS.map(({ id, label, ext, mime }) => ({ id, label, ext, mime }))).toEqual([
      { id: 'json', label: 'Export JSON', ext: 'json', mime: 'application/json' },
      { id: 'bibtex', label: 'Export BibTeX', ext: 'bib', mime: 'application/x-bibtex' },
      { id: 'csl-json', label: 'Export CSL-JSON', ext: 'csl.json', mime: 'application/vnd.citationstyles.csl+json' },
      { id: 'ris', label: 'Export RIS', ext: 'ris', mime: 'application/x-research-info-systems' },
      { id: 'csv', label: 'Export CSV', ext: 'csv', mime: 'text/csv' },
      { id: 'markdown', label: 'Export Markdown', ext: 'md', mime: 'text/markdown' },
      { id: 'bookmarks-html', label: 'Export bookmarks HTML', ext: 'html', mime: 'text/html' },
    ]);
  });

  it.each(EXPORTERS.map((e) => [e.id]))('%s has a test file named after its id', (id) => {
    expect(existsSync(join(import.meta.dirname, `${id}.test.ts`))).toBe(true);
  });

  describe('are pure', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    it.each(EXPORTERS.map((e) => [e.id, e]))('%s depends only on its arguments, not on the clock', (_id, e) => {
      vi.useFakeTimers();
      vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
      const first = e.run(ALL, TOPICS, NOW);
      vi.setSystemTime(new Date('1999-12-31T23:59:59Z'));
      expect(e.run(ALL, TOPICS, NOW)).toBe(first);
      expect(first.length).toBeGreaterThan(0);
    });

    it.each(EXPORTERS.map((e) => [e.id, e]))('%s handles an empty library', (_id, e) => {
      expect(typeof e.run([], [], NOW)).toBe('string');
    });
  });
});

describe('exportFilename', () => {
  it.each([
    ['2025-06-26T12:34:56.789Z', 'bib', 'papershelf-2025-06-26.bib'],
    ['2025-06-26T23:30:00-05:00', 'csl.json', 'papershelf-2025-06-27.csl.json'], // UTC date
    ['2025-01-01T00:00:00+01:00', 'md', 'papershelf-2024-12-31.md'],
  ])('%s + %s → %s', (iso, ext, name) => {
    expect(exportFilename(new Date(iso), ext)).toBe(name);
  });
});
