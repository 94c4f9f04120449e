/** TERM_SYNTAX_HELP laid out as prose and a two-column table of examples. */
import { TERM_SYNTAX_HELP } from '@/utils/topics';

type Row = { kind: 'text'; text: string } | { kind: 'example'; term: string; meaning: string };

/** Lines of the form "term<2+ spaces>meaning" become examples; any other line stays prose. */
export function helpRows(text: string): Row[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => {
      const m = /^(\S.*?)\s{2,}(\S.*)$/.exec(line);
      return m ? { kind: 'example', term: m[1]!, meaning: m[2]! } : { kind: 'text', text: line.trim() };
    });
}

export function SyntaxHelp({ id }: { id: string }) {
  const rows = helpRows(TERM_SYNTAX_HELP);
  const blocks: Array<Row | Row[]> = [];
  for (const r of rows) {
    const last = blocks[blocks.length - 1];
    if (r.kind === 'example' && Array.isArray(last)) last.push(r);
    else blocks.push(r.kind === 'example' ? [r] : r);
  }
  return (
    <aside class="syntax-help" id={id} aria-label="Term syntax">
      <h4>Term syntax</h4>
      {blocks.map((b, i) =>
        Array.isArray(b) ? (
          <table key={i}>
            <tbody>
              {b.map((r) =>
                r.kind === 'example' ? (
                  <tr key={r.term}>
                    <th scope="row">
                      <code>{r.term}</code>
                    </th>
                    <td>{r.meaning}</td>
                  </tr>
                ) : null,
              )}
            </tbody>
          </table>
        ) : b.kind === 'text' ? (
          <p key={i}>{b.text}</p>
        ) : null,
      )}
    </aside>
  );
}
