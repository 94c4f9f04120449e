/**
 * BibTeX → papers (syntax: bibtex-syntax.ts; LaTeX text and names: latex.ts). Entries that name
 * an arXiv paper are kept; others are counted as skipped. Syntax errors name the line.
 */
import { normaliseId, paperIdFromUrl } from '../detection/paper-id';
import { MONTHS, parseBibtexEntries } from './bibtex-syntax';
import { bibAuthors, latexToText } from './latex';
import { combineDuplicates, loosePaper } from './loose';
import { isoDate } from '../fields';
import type { ParseOutput } from './validate';

const ID_IN_TEXT = /\barxiv\b(?:\s+preprint)?\s*:?\s*(?:abs\/)?([a-z-]+(?:\.[a-z]{2})?\/\d{7}|\d{4}\.\d{4,5})(?:v\d+)?/i;

/** The arXiv id an entry names (eprint, url, DOI, or "arXiv preprint arXiv:…" text), or null. */
export function bibArxivId(f: Map<string, string>): string | null {
  const get = (k: string) => latexToText(f.get(k) ?? '');
  const prefix = (get('archiveprefix') || get('eprinttype')).toLowerCase();
  const eprint = get('eprint');
  if (eprint && (!prefix || prefix === 'arxiv')) {
    const id = normaliseId(eprint) ?? paperIdFromUrl(eprint);
    if (id) return id;
  }
  for (const k of ['url', 'howpublished', 'eprint', 'note', 'pdf', 'link']) {
    for (const url of (f.get(k) ?? '').match(/https?:\/\/[^\s{}"\\]+/g) ?? []) {
      const id = paperIdFromUrl(url);
      if (id) return id;
    }
  }
  const doi = /^(?:https?:\/\/(?:dx\.)?doi\.org\/)?10\.48550\/arxiv\.(.+)$/i.exec(get('doi'));
  if (doi && normaliseId(doi[1]!)) return normaliseId(doi[1]!);
  // DBLP: journal = {CoRR}, volume = {abs/1706.03762}
  if (/^corr$/i.test(get('journal')) && /^abs\//.test(get('volume'))) {
    const id = normaliseId(get('volume').slice(4));
    if (id) return id;
  }
  for (const k of ['journal', 'note', 'howpublished', 'booktitle', 'publisher', 'number']) {
    const m = ID_IN_TEXT.exec(get(k));
    if (m && normaliseId(m[1]!)) return normaliseId(m[1]!);
  }
  return null;
}

/** `date` (biblatex) > year + month > year alone (as 1 January). */
function bibDate(f: Map<string, string>): string | undefined {
  const date = latexToText(f.get('date') ?? '');
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(date)) return date.length === 7 ? `${date}-01` : date;
  const year = /^\d{4}$/.exec(latexToText(f.get('year') ?? ''))?.[0];
  if (!year) return undefined;
  const month = latexToText(f.get('month') ?? '').toLowerCase();
  const m = /^\d{1,2}$/.test(month) ? +month : MONTHS.indexOf(month.slice(0, 3)) + 1;
  return `${year}-${String(m >= 1 && m <= 12 ? m : 1).padStart(2, '0')}-01`;
}

/** JabRef "2025-06-26T10:00:00", BibDesk "2025-06-26 10:00:00 +0000" → ISO; anything else → undefined. */
const stamp = (v: string) => (v ? isoDate(v.replace(/^(\S+) (\d)/, '$1T$2').replace(/ ([+-]\d{2}:?\d{2})$/, '$1')) : undefined);

export function parseBibtex(text: string, now: Date): ParseOutput {
  const { entries, errors, warnings } = parseBibtexEntries(text);
  const out: ParseOutput = { papers: [], topics: [], skipped: 0, errors, warnings };
  if (errors.length) return out;
  if (!entries.length) return (errors.push('No BibTeX entries found in the file.'), out);
  const nowIso = now.toISOString();
  const papers = [];
  for (const e of entries) {
    const id = bibArxivId(e.fields);
    if (!id) {
      out.skipped++;
      continue;
    }
    const text = (k: string) => latexToText(e.fields.get(k) ?? '');
    papers.push(
      loosePaper(
        {
          id,
          title: text('title'),
          authors: bibAuthors(e.fields.get('author') ?? ''),
          summary: text('abstract'),
          publishedAt: bibDate(e.fields),
          savedAt: stamp(text('creationdate') || text('date-added') || text('timestamp')),
          updatedAt: stamp(text('modificationdate') || text('date-modified')),
          primaryClass: text('primaryclass'),
          tags: text('keywords').split(/[,;]/),
        },
        nowIso,
      ),
    );
  }
  const { papers: unique, repeated } = combineDuplicates(papers);
  for (const id of repeated) warnings.push(`${id} appears in more than one entry; they were combined.`);
  out.papers = unique;
  return out;
}
