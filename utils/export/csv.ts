/** CSV in Raindrop.io's import layout (RFC 4180, CRLF), safe to open in a spreadsheet. */
import type { Paper } from '../types';
import { hfPaperUrl } from '../detection/paper-id';

export const CSV_HEADER = [
  ...['id', 'title', 'note', 'excerpt', 'url', 'folder'],
  ...['tags', 'created', 'cover', 'highlights', 'favorite'],
];

/** Spreadsheets run cells starting with = + - @ (or tab/CR) as formulas: prefix them with '. */
export function csvCell(value: string): string {
  const v = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toCsv(papers: readonly Paper[]): string {
  const rows = papers.map((p) => [
    p.id,
    p.title,
    p.note,
    p.summary ?? '',
    hfPaperUrl(p.id),
    'Papershelf',
    p.tags.map((t) => t.replace(/,/g, ' ')).join(','),
    p.savedAt,
    p.thumbnail ?? '',
    '',
    'false',
  ]);
  return [CSV_HEADER, ...rows].map((r) => r.map(csvCell).join(',') + '\r\n').join('');
}
