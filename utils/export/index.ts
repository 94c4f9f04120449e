/** Every export format the UI offers, in menu order. */
import type { Paper, SeenEntry, Topic } from '../types';
import { toBibtex } from './bibtex';
import { toBookmarksHtml } from './bookmarks-html';
import { toCslJson } from './csl-json';
import { toCsv } from './csv';
import { toJson } from './json';
import { toMarkdown } from './markdown';
import { toRis } from './ris';

export type ExportId = 'json' | 'bibtex' | 'csl-json' | 'ris' | 'csv' | 'markdown' | 'bookmarks-html';

export type ExportLabel =
  | 'Export JSON'
  | 'Export BibTeX'
  | 'Export CSL-JSON'
  | 'Export RIS'
  | 'Export CSV'
  | 'Export Markdown'
  | 'Export bookmarks HTML';

export interface Exporter {
  id: ExportId;
  label: ExportLabel;
  /** File extension without the dot. */
  ext: string;
  mime: string;
  run: (papers: readonly Paper[], topics: readonly Topic[], now: Date, seen?: readonly SeenEntry[]) => string;
}

export const EXPORTERS: readonly Exporter[] = [
  { id: 'json', label: 'Export JSON', ext: 'json', mime: 'application/json', run: toJson },
  { id: 'bibtex', label: 'Export BibTeX', ext: 'bib', mime: 'application/x-bibtex', run: toBibtex },
  {
    id: 'csl-json',
    label: 'Export CSL-JSON',
    ext: 'csl.json',
    mime: 'application/vnd.citationstyles.csl+json',
    run: toCslJson,
  },
  { id: 'ris', label: 'Export RIS', ext: 'ris', mime: 'application/x-research-info-systems', run: toRis },
  { id: 'csv', label: 'Export CSV', ext: 'csv', mime: 'text/csv', run: toCsv },
  { id: 'markdown', label: 'Export Markdown', ext: 'md', mime: 'text/markdown', run: toMarkdown },
  {
    id: 'bookmarks-html',
    label: 'Export bookmarks HTML',
    ext: 'html',
    mime: 'text/html',
    run: (papers, _topics, now) => toBookmarksHtml(papers, now),
  },
];

/** "papershelf-2025-06-26.bib" (the UTC date of `now`). */
export const exportFilename = (now: Date, ext: string) =>
  `papershelf-${now.toISOString().slice(0, 10)}.${ext}`;
