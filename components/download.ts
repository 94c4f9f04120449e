import { EXPORTERS, exportFilename, type Exporter } from '@/utils/export';
import { send } from '@/utils/protocol/messages';
import type { Paper, SeenEntry, Topic } from '@/utils/types';

/** Offer a string as a file download from an extension page. */
export function download(text: string, filename: string, mime: string, doc: Document = document): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Download `data` in one export format, named `papershelf-YYYY-MM-DD.<ext>`. */
export function downloadExport(exporter: Exporter, data: { papers: readonly Paper[]; topics: readonly Topic[]; seen?: readonly SeenEntry[] }): void {
  const now = new Date();
  download(exporter.run(data.papers, data.topics, now, data.seen), exportFilename(now, exporter.ext), exporter.mime);
}

/** Download the whole library as a Papershelf JSON backup, and record that a backup was made. */
export async function downloadBackup(): Promise<void> {
  downloadExport(EXPORTERS.find((e) => e.id === 'json')!, await send('dump', { seen: true }));
  await send('exported', null);
}
