import { useState } from 'preact/hooks';
import { EXPORTERS, exportFilename } from '@/utils/export';
import { send } from '@/utils/messages';
import type { Paper, Topic } from '@/utils/types';
import { download } from './download';

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
  async function run(id: string) {
    setError(null);
    try {
      const exporter = EXPORTERS.find((e) => e.id === id)!;
      const data = selection ?? library ?? (await send('dump', null));
      const now = new Date();
      download(exporter.run(data.papers, data.topics, now), exportFilename(now, exporter.ext), exporter.mime);
      if (!selection && exporter.id === 'json') await send('exported', null);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    }
  }
  return (
    <div class="exports" role="group" aria-label="Export">
      {EXPORTERS.map((e) => (
        <button type="button" key={e.id} onClick={() => run(e.id)}>
          {e.label}
        </button>
      ))}
      {error && <p role="alert" class="error">{error}</p>}
    </div>
  );
}
