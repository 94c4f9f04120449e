import { useState } from 'preact/hooks';
import { EXPORTERS, type Exporter } from '@/utils/export';
import { send } from '@/utils/protocol/messages';
import type { Paper, Topic } from '@/utils/types';
import { downloadExport } from './download';
import { errorText } from '@/utils/errors';

type Records = { papers: Paper[]; topics: Topic[] };

interface Props {
  /** Export these instead of the whole library (a selection). */
  selection?: Records;
  /** The whole library when the page already holds it (saves asking the background for it). */
  library?: Records | null;
}

/** One button per export format; the whole library unless a selection is given. */
export function ExportButtons({ selection, library }: Props) {
  const [error, setError] = useState<string | null>(null);
  async function run(exporter: Exporter) {
    setError(null);
    try {
      // A whole-library JSON backup also holds the seen set (asked for only then: it may be 50,000
      // entries). A page that holds the library asks for the seen set alone, not 10,000 papers again.
      const whole = exporter.id === 'json' && !selection;
      const data = selection ?? library ?? (await send('dump', { seen: whole }));
      downloadExport(exporter, whole && library ? { ...library, seen: await send('seenEntries', null) } : data);
      if (!selection && exporter.id === 'json') await send('exported', null);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div class="exports" role="group" aria-label="Export">
      {EXPORTERS.map((e) => (
        <button type="button" key={e.id} onClick={() => run(e)}>
          {e.label}
        </button>
      ))}
      {error && <p role="alert" class="error">{error}</p>}
    </div>
  );
}
