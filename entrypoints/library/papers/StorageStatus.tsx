/**
 * Asks once for persistent storage (so the browser does not evict the library under storage
 * pressure) and says in one line whether it was granted, with how much space is in use.
 */
import { useEffect, useState } from 'preact/hooks';

type State = { persisted: boolean; usage?: number } | 'unsupported' | null;

const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

export function StorageStatus() {
  const [state, setState] = useState<State>(null);
  useEffect(() => {
    const storage = navigator.storage;
    if (!storage?.persist) return setState('unsupported');
    let live = true;
    void (async () => {
      const persisted = (await storage.persisted()) || (await storage.persist());
      const usage = (await storage.estimate?.())?.usage;
      if (live) setState({ persisted, usage });
    })().catch(() => live && setState('unsupported'));
    return () => {
      live = false;
    };
  }, []);
  if (!state) return null;
  return (
    <p class="ps-storage ps-muted">
      {state === 'unsupported'
        ? 'Storage: this browser cannot make storage persistent. Export a JSON backup now and then.'
        : state.persisted
          ? 'Storage: persistent — the browser will not clear your library to free space.'
          : 'Storage: best effort — the browser may clear it when space runs low. Export a JSON backup now and then.'}
      {state !== 'unsupported' && state.usage !== undefined && ` ${size(state.usage)} in use.`}
    </p>
  );
}
