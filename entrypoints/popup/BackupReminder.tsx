import { downloadBackup } from '@/components/download';
import type { Settings } from '@/utils/protocol/messages';

const DAY = 86_400_000;

/** Due after 50 new saves, or 30 days since the last export (with something saved). */
export function backupDue(s: Settings, total: number, now = Date.now()): boolean {
  if (!total) return false;
  if (s.savesSinceExport >= 50) return true;
  return s.lastExportAt ? now - Date.parse(s.lastExportAt) > 30 * DAY : s.savesSinceExport >= 10;
}

export function BackupReminder({ settings, total }: { settings: Settings; total: number }) {
  if (!backupDue(settings, total)) return null;
  return (
    <div class="reminder" role="status">
      Your library lives only in this browser. <button type="button" onClick={downloadBackup}>Back up now (JSON)</button>
    </div>
  );
}
