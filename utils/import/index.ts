/**
 * One entry point for every import format: detect the format (content first, file extension as a
 * hint), enforce the limits, parse, and return validated records or the errors that stop the import.
 */
import { capped } from '../capped';
import { parseBibtex } from './bibtex';
import { parseBookmarksHtml } from './bookmarks-html';
import { csvLayout, parseCsv } from './csv';
import { parsePapershelfJson } from './json';
import { LIMITS, type ParseOutput } from './validate';

export type ImportFormat = 'papershelf-json' | 'bibtex' | 'bookmarks-html' | 'csv';

export interface ImportResult extends ParseOutput {
  /** 'unknown' when the content matches no supported format. */
  format: ImportFormat | 'unknown';
}

export interface ImportOptions {
  /** For bookmark files; defaults to `globalThis.DOMParser` (tests pass jsdom's). */
  DOMParser?: new () => DOMParser;
}

export const SUPPORTED_FORMATS =
  'a Papershelf backup (.json), BibTeX (.bib), a browser bookmarks file (.html), or a Raindrop or Pocket export (.csv)';

const MAX_SHOWN = 20;

const BY_EXTENSION: Record<string, ImportFormat> = {
  json: 'papershelf-json',
  bib: 'bibtex',
  bibtex: 'bibtex',
  html: 'bookmarks-html',
  htm: 'bookmarks-html',
  csv: 'csv',
};

export const formatFromName = (filename: string): ImportFormat | null =>
  BY_EXTENSION[/\.([a-z]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? ''] ?? null;

/** The format of `text`: its content decides; the extension only breaks a tie. */
export function detectFormat(filename: string, text: string): ImportFormat | null {
  const head = text.slice(0, 64 * 1024).replace(/^\uFEFF/, '').trimStart();
  if (/^[{[]/.test(head)) return 'papershelf-json';
  if (/^<!DOCTYPE\s+NETSCAPE-Bookmark-file-1\s*>/i.test(head) || (/^</.test(head) && /<dl[\s>]/i.test(head)))
    return 'bookmarks-html';
  if (csvLayout(head.split(/\r?\n/, 1)[0] ?? '')) return 'csv';
  if (/^[ \t]*@[ \t]*[A-Za-z]+[ \t]*[{(]/m.test(text)) return 'bibtex';
  return formatFromName(filename);
}

/** UTF-8 size of `s`, counting only until it passes `limit`. */
function utf8Bytes(s: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < s.length && bytes <= limit; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      bytes += 4; // a surrogate pair
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** At most 20 messages, then "…and N more". */

const failed = (format: ImportResult['format'], error: string): ImportResult => ({
  format,
  papers: [],
  topics: [],
  skipped: 0,
  errors: [error],
  warnings: [],
});

/**
 * Parses an import file. `errors` non-empty means nothing may be imported (then `papers` and
 * `topics` are empty). `now` fills `savedAt`/`updatedAt` the file does not give.
 */
export function parseImport(filename: string, text: string, now: Date, options: ImportOptions = {}): ImportResult {
  // UTF-8 never takes fewer bytes than UTF-16 code units: a long string is rejected without a scan
  if (text.length > LIMITS.fileBytes || (text.length * 3 > LIMITS.fileBytes && utf8Bytes(text, LIMITS.fileBytes) > LIMITS.fileBytes))
    return failed(formatFromName(filename) ?? 'unknown', 'The file is larger than 50 MB, the most that can be imported at once.');
  if (!text.replace(/^\uFEFF/, '').trim()) return failed(formatFromName(filename) ?? 'unknown', 'The file is empty.');
  const format = detectFormat(filename, text);
  if (!format) return failed('unknown', `This file is not in a format Papershelf can import. Supported: ${SUPPORTED_FORMATS}.`);
  const body = text.replace(/^\uFEFF/, '');
  const out =
    format === 'papershelf-json'
      ? parsePapershelfJson(body, now)
      : format === 'bibtex'
        ? parseBibtex(body, now)
        : format === 'csv'
          ? parseCsv(body, now)
          : parseBookmarksHtml(body, now, options.DOMParser);
  if (!out.errors.length && out.papers.length > LIMITS.papers)
    out.errors.push(
      `The file has ${out.papers.length.toLocaleString('en-US')} papers; at most ${LIMITS.papers.toLocaleString('en-US')} can be imported at once.`,
    );
  const ok = out.errors.length === 0;
  return {
    format,
    papers: ok ? out.papers : [],
    topics: ok ? out.topics : [],
    ...(out.seen ? { seen: ok ? out.seen : [] } : {}),
    skipped: out.skipped,
    errors: capped(out.errors, MAX_SHOWN),
    warnings: capped(out.warnings, MAX_SHOWN),
  };
}
