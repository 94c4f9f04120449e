/**
 * A 1,000-entry arXiv listing for the bench, from tests/fixtures/arxiv/list-cs.CL-new.html: its
 * `<dt>` + `<dd>` entries cloned, cycled in order, each clone with its own id everywhere the entry
 * names it, its own item number and title. Deterministic (no randomness, no clock).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../tests/e2e/harness';

export const ARXIV_LIST_URL = 'https://arxiv.org/list/cs.CL/pastweek?show=1000';

const FIXTURE = join(ROOT, 'tests/fixtures/arxiv/list-cs.CL-new.html');

/** The listing with one entry per id of `ids` (a single `<dl id='articles'>`). */
export function arxivListPage(ids: readonly string[]): string {
  const html = readFileSync(FIXTURE, 'utf8');
  const first = html.indexOf("<dl id='articles'>");
  const last = html.lastIndexOf('</dl>') + '</dl>'.length;
  const entries = [...html.slice(first, last).matchAll(/<dt>[\s\S]*?<\/dt>\s*<dd>[\s\S]*?<\/dd>/g)].map((m) => m[0]);
  if (!entries.length) throw new Error('no <dt>/<dd> entries in the arXiv fixture');
  const own = entries.map((e) => /title="Abstract" id="(\d{4}\.\d{4,5})"/.exec(e)![1]!);
  const clones = ids.map((id, i) => {
    const k = i % entries.length;
    return entries[k]!
      .split(own[k]!)
      .join(id)
      .replace(/<a name='item\d+'>\[\d+\]<\/a>/, `<a name='item${i + 1}'>[${i + 1}]</a>`)
      .replace(/(<span class='descriptor'>Title:<\/span>\s*)/, `$1Entry ${i + 1}: `);
  });
  const list = `<dl id='articles'>\n    <h3>Submissions (showing ${ids.length} of ${ids.length} entries)</h3>\n  ${clones.join('\n  ')}\n</dl>`;
  return html.slice(0, first) + list + html.slice(last);
}
