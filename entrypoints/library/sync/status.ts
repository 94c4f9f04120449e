/** The status line of Library → Sync, in words. */
import type { HubStatus } from '@/utils/protocol/messages';

export function ago(iso: string, now: number): string {
  const s = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (s < 45) return 'just now';
  const m = Math.round(s / 60);
  if (m < 60) return `${m} minute${m === 1 ? '' : 's'} ago`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h} hour${h === 1 ? '' : 's'} ago`;
  const d = Math.round(h / 24);
  return `${d} day${d === 1 ? '' : 's'} ago`;
}

export function statusLine(s: HubStatus, now: number): string {
  if (!s.connected) return 'Not connected.';
  if (s.running) return 'Syncing…';
  if (s.error) return `Not synced: ${s.error}.`;
  if (!s.lastSyncAt) return 'Not synced yet.';
  return `Synced ${ago(s.lastSyncAt, now)} · ${(s.papers ?? 0).toLocaleString('en-US')} paper${s.papers === 1 ? '' : 's'}`;
}
