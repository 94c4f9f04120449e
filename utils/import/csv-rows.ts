/**
 * A small RFC 4180 reader (quoted fields, doubled quotes, CR/LF/CRLF line ends, commas and line
 * breaks inside quotes). It replaces papaparse at run time to keep the extension zip small; the
 * tests check it against papaparse on the same files.
 */

export interface CsvRows {
  rows: string[][];
  /** 1-based line where an unclosed quote starts, if any. */
  unclosedQuoteLine?: number;
}

export function readCsvRows(text: string): CsvRows {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let line = 1;
  let i = 0;
  const n = text.length;
  const endRow = () => {
    row.push(field);
    field = '';
    // Skip blank lines (a row of one empty field).
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
  };
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === '') {
      const start = line;
      i++;
      for (;;) {
        if (i >= n) return { rows, unclosedQuoteLine: start };
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      // Text after a closing quote up to the delimiter is kept, as spreadsheets do.
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length) endRow();
  return { rows };
}
