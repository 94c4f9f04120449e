import { useEffect } from 'preact/hooks';
import { subscribe, type SyncEvent } from '@/utils/protocol/sync';

/** Re-run `onChange` whenever the background publishes a change. */
export function useSync(onChange: (e: SyncEvent) => void): void {
  useEffect(() => subscribe(onChange), [onChange]);
}
