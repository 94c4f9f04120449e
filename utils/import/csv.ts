/** Raindrop.io and Pocket CSV exports → papers (rows whose URL is not a paper are skipped). */
import { paperIdFromUrl } from '../detection/paper-id';
import { readCsvRows } from './csv-rows';
import { combineDuplicates, loosePaper } from './loose';
import type { ParseOutput } from './validate';

export const RAINDROP_COLUMNS = ['id', 'title', 'note', 'excerpt', 'url', 'folder', 'tags', 'created', 'cover', 'highlights', 'favorite'];
export const POCKET_COLUMNS = ['title', 'url', 'time_added', 'cursor', 'tags', 'status'];

export type CsvLayout = 'raindrop' | 'pocket';

const REQUIRED: Record<CsvLayout, string[]> = { raindrop: ['url', 'title', 'created'], pocket: ['url', 'title', 'time_added'] };

/** Column names of a header line (quotes stripped, lower-cased). Naive: headers hold no commas. */
const headerNames = (line: string) => line.split(',').map((h) => h.trim().replace(/^"(.*)"$/, '$1').trim().toLowerCase());

/** Which export a CSV header line comes from, or null. */
export function csvLayout(headerLine: string): CsvLayout | null {
  const names = headerNames(headerLine);
  if (REQUIRED.pocket.every((c) => names.includes(c))) return 'pocket';
  if (REQUIRED.raindrop.every((c) => names.includes(c))) return 'raindrop';
  return null;
}

/** Our exporter puts ' before a cell starting with = + - @ tab or CR (spreadsheet formulas): undo it. */
export const unneutralise = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);

const seconds = (v: string) => (/^\d{1,12}$/.test(v.trim()) ? new Date(Number(v) * 1000).toISOString() : undefined);

export function parseCsv(text: string, now: Date): ParseOutput {
  const out: ParseOutput = { papers: [], topics: [], skipped: 0, errors: [], warnings: [] };
  const firstLine = text.slice(0, 10_000).split(/\r?\n/, 1)[0] ?? '';
  const layout = csvLayout(firstLine);
  if (!layout) {
    out.errors.push(
      `CSV header not recognised: expected a Raindrop export (${RAINDROP_COLUMNS.join(',')}) or a Pocket export ` +
        `(${POCKET_COLUMNS.join(',')}); found ${JSON.stringify(firstLine.slice(0, 200))}.`,
    );
    return out;
  }
  const { rows, unclosedQuoteLine } = readCsvRows(text.replace(/^\uFEFF/, ''));
  if (unclosedQuoteLine) {
    out.errors.push(`CSV line ${unclosedQuoteLine}: a quoted value is not closed properly.`);
    return out;
  }
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const data: Array<Record<string, string>> = [];
  rows.forEach((cells, r) => {
    if (cells.length !== header.length) {
      if (out.errors.length < 20)
        out.errors.push(
          // data rows counted from the header as row 1
          `CSV row ${r + 2}: too ${cells.length < header.length ? 'few' : 'many'} fields: expected ${header.length} fields but parsed ${cells.length}.`,
        );
      return;
    }
    data.push(Object.fromEntries(header.map((h, k) => [h, cells[k]!])));
  });
  if (out.errors.length) return out;
  const nowIso = now.toISOString();
  const papers = [];
  for (const row of data) {
    const cell = (k: string) => unneutralise(row[k] ?? '');
    const id = paperIdFromUrl(cell('url').trim());
    if (!id) {
      out.skipped++;
      continue;
    }
    const tags = cell('tags').split(/[,|]/);
    papers.push(
      loosePaper(
        layout === 'raindrop'
          ? { id, title: cell('title'), note: cell('note'), summary: cell('excerpt'), savedAt: cell('created'), thumbnail: cell('cover'), tags }
          : { id, title: cell('title'), savedAt: seconds(cell('time_added')), tags, read: cell('status').trim() === 'archive' },
        nowIso,
      ),
    );
  }
  const { papers: unique, repeated } = combineDuplicates(papers);
  for (const id of repeated) out.warnings.push(`${id} appears in more than one row; they were combined.`);
  out.papers = unique;
  return out;
}
