import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../utils/export/csv';
import { readCsvRows } from '../../../utils/import/csv-rows';
import { ALL } from '../export/sample';

/** papaparse is the oracle: our small reader must agree with it on every file. */
const papa = (text: string) =>
  Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: true }).data;

describe('readCsvRows agrees with papaparse', () => {
  it.each([
    ['plain', 'a,b,c\n1,2,3\n'],
    ['CRLF and no final newline', 'a,b\r\n1,2'],
    ['quotes, doubled quotes, commas and line breaks inside', 'a,b\n"x, y","say ""hi""\nthere"\n'],
    ['empty fields and blank lines', 'a,b,c\n,,\n\n1,,3\n'],
    ['CR only', 'a,b\r1,2\r'],
    ['unicode and formula-looking cells', 'a,b\n"\'=SUM(A1)",日本語 ‮rtl\n'],
  ])('%s', (_name, text) => {
    expect(readCsvRows(text).rows).toEqual(papa(text));
  });

  it('on our own export of the sample library (hostile records included)', () => {
    const text = toCsv(ALL);
    const ours = readCsvRows(text);
    expect(ours.unclosedQuoteLine).toBeUndefined();
    expect(ours.rows).toEqual(papa(text));
    expect(ours.rows).toHaveLength(ALL.length + 1);
  });

  it('reports where an unclosed quote starts', () => {
    expect(readCsvRows('a,b\n1,2\n"open,3\n4,5\n').unclosedQuoteLine).toBe(3);
  });
});
