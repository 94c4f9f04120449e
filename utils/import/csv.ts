/** Raindrop.io and Pocket CSV exports → papers (rows whose URL is not a paper are skipped). */
import Papa from 'papaparse';
import { paperIdFromUrl } from '../paper-id';
import { combineDuplicates, loosePaper, type ParseOutput } from './validate';

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
  const parsed = Papa.parse<Record<string, string | undefined>>(text, {
    header: true,
    delimiter: ',',
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim().toLowerCase(),
  });
  // a broken quote also breaks the field count of its row: report the quote only
  const quotes = parsed.errors.filter((e) => e.type === 'Quotes');
  for (const e of (quotes.length ? quotes : parsed.errors).slice(0, 20)) {
    if (e.type === 'Quotes') {
      const line = text.slice(0, e.index ?? 0).split('\n').length;
      out.errors.push(`CSV line ${line}: a quoted value is not closed properly.`);
    } else if (e.type === 'FieldMismatch') {
      // data rows counted from the header as row 1
      out.errors.push(`CSV row ${(e.row ?? 0) + 2}: ${e.message.toLowerCase()}.`);
    }
  }
  if (out.errors.length) return out;
  const nowIso = now.toISOString();
  const papers = [];
  for (const row of parsed.data) {
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
