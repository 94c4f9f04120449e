import { EXPORTERS, exportFilename } from '@/utils/export';
import { download } from '@/components/download';
import { send, type Settings } from '@/utils/messages';

const DAY = 86_400_000;

/** Due after 50 new saves, or 30 days since the last export (with something saved). */
export function backupDue(s: Settings, total: number, now = Date.now()): boolean {
  if (!total) return false;
  if (s.savesSinceExport >= 50) return true;
  return s.lastExportAt ? now - Date.parse(s.lastExportAt) > 30 * DAY : s.savesSinceExport >= 10;
}

export function BackupReminder({ settings, total }: { settings: Settings; total: number }) {
  if (!backupDue(settings, total)) return null;
  async function backup() {
    const data = await send('dump', null);
    const json = EXPORTERS.find((e) => e.id === 'json')!;
    const now = new Date();
    download(json.run(data.papers, data.topics, now), exportFilename(now, json.ext), json.mime);
    await send('exported', null);
  }
  return (
    <div class="reminder" role="status">
      Your library lives only in this browser. <button type="button" onClick={backup}>Back up now (JSON)</button>
    </div>
  );
}
