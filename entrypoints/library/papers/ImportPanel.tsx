/**
 * Import a file: parse it here, show what would change (a dry run in the background), import only
 * on confirmation. A file with any error imports nothing.
 */
import { useRef, useState } from 'preact/hooks';
import { parseImport, SUPPORTED_FORMATS, type ImportResult } from '@/utils/import';
import { send, type ImportSummary } from '@/utils/protocol/messages';
import type { Paper, SeenEntry, Topic } from '@/utils/types';
import { errorText, plural } from './actions';
import { Dialog } from './Dialog';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

const FORMAT_NAMES: Record<ImportResult['format'], string> = {
  'papershelf-json': 'a Papershelf backup',
  bibtex: 'BibTeX',
  'bookmarks-html': 'a bookmarks file',
  csv: 'CSV',
  unknown: 'an unknown format',
};

interface Pending {
  filename: string;
  format: ImportResult['format'];
  papers: Paper[];
  topics: Topic[];
  seen?: SeenEntry[];
  skipped: number;
  warnings: string[];
  summary: ImportSummary;
  /** A Papershelf JSON backup: newest wins. Other formats only add. */
  lossless: boolean;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Error and warning lists arrive capped (20 and "…and N more") from `parseImport`. */
function Problems({ items }: { items: string[] }) {
  return (
    <ul class="ps-problems">
      {items.map((m, i) => (
        <li key={i}>{m}</li>
      ))}
    </ul>
  );
}

export function ImportPanel() {
  const input = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<{ title: string; items: string[] } | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');

  const reset = () => {
    if (input.current) input.current.value = '';
  };

  async function choose(file: File | undefined) {
    setErrors(null);
    setDone('');
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) {
      setErrors({ title: `“${file.name}” is ${mb(file.size)}: files over 50 MB are not imported.`, items: ['Split it, or export fewer papers per file.'] });
      return reset();
    }
    setBusy(true);
    try {
      const parsed = parseImport(file.name, await file.text(), new Date());
      if (parsed.errors.length) {
        setErrors({ title: `Nothing was imported: “${file.name}” cannot be imported as it is.`, items: parsed.errors });
      } else if (!parsed.papers.length && !parsed.topics.length) {
        setErrors({ title: `Nothing to import: no papers found in “${file.name}”.`, items: parsed.warnings });
      } else {
        const lossless = parsed.format === 'papershelf-json';
        const summary = await send('importRecords', { papers: parsed.papers, topics: parsed.topics, dryRun: true, lossless });
        setPending({ filename: file.name, ...parsed, summary, lossless });
      }
    } catch (err) {
      setErrors({ title: `Could not import “${file.name}”.`, items: [errorText(err)] });
    } finally {
      setBusy(false);
      reset();
    }
  }

  async function confirm() {
    if (!pending) return;
    setBusy(true);
    try {
      const s = await send('importRecords', { papers: pending.papers, topics: pending.topics, seen: pending.seen, dryRun: false, lossless: pending.lossless });
      setPending(null);
      setDone(`Imported from “${pending.filename}”: ${s.added} added, ${s.updated} updated, ${s.unchanged} unchanged${s.topics ? `, ${plural(s.topics, 'topic')}` : ''}.`);
    } catch (err) {
      setPending(null);
      setErrors({ title: 'The import failed; nothing was changed.', items: [errorText(err)] });
    } finally {
      setBusy(false);
    }
  }

  const s = pending?.summary;
  return (
    <div class="ps-import">
      <label class="ps-file">
        <span>Import file</span>
        <input ref={input} type="file" accept=".json,.bib,.bibtex,.html,.htm,.csv,application/json,text/html,text/csv" disabled={busy} onChange={(e) => void choose(e.currentTarget.files?.[0])} />
      </label>
      <span class="ps-muted">Accepts {SUPPORTED_FORMATS}. You see what changes before anything is imported.</span>
      {errors && (
        <div role="alert" class="notice warn ps-import-errors">
          <strong>{errors.title}</strong>
          {errors.items.length > 0 && <Problems items={errors.items} />}
        </div>
      )}
      {done && (
        <p role="status" class="notice">
          {done}
        </p>
      )}
      <Dialog open={!!pending} title={`Import “${pending?.filename ?? ''}”?`} onClose={() => setPending(null)}>
        {s && pending && (
          <>
            <p class="ps-muted">Read as {FORMAT_NAMES[pending.format]}. Nothing changes until you press Import.</p>
            <dl class="ps-summary" aria-label="Import summary">
              {Object.entries({ added: s.added, updated: s.updated, unchanged: s.unchanged, skipped: pending.skipped, invalid: 0, topics: s.topics }).map(
                ([key, n]) => (
                  <div key={key}>
                    <dt>{key[0]!.toUpperCase() + key.slice(1)}</dt>
                    <dd data-key={key}>{n}</dd>
                  </div>
                ),
              )}
            </dl>
            {pending.warnings.length > 0 && (
              <details class="ps-warnings">
                <summary>{plural(pending.warnings.length, 'warning')}</summary>
                <Problems items={pending.warnings} />
              </details>
            )}
            <form method="dialog" class="ps-dialog-actions">
              <button type="button" class="primary" disabled={busy} onClick={() => void confirm()}>
                Import
              </button>
              <button type="submit">Cancel</button>
            </form>
          </>
        )}
      </Dialog>
    </div>
  );
}
