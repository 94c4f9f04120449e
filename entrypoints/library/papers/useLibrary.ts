/**
 * The whole library (papers and topics) from the background; pushed changes that carry their
 * records (saves, edits, enrichment, topics) are applied in place, bigger ones (import, wipe) reload it.
 * A dump of 10,000 papers takes about a second (off this page's main thread), so changes made
 * here are also applied locally from the background's answer, without waiting for it.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useSync } from '@/components/useSync';
import { send } from '@/utils/protocol/messages';
import type { SyncEvent } from '@/utils/protocol/sync';
import type { Paper, Topic } from '@/utils/types';
import { errorText } from './actions';

export interface Library {
  /** null until the first answer. */
  papers: Paper[] | null;
  topics: Topic[];
  error: string | null;
  reload: () => Promise<void>;
  /** Show changed records at once (the reload that follows the change confirms them). */
  apply: (changed: Paper[]) => void;
  /** Show records as removed at once. */
  drop: (ids: readonly string[]) => void;
}

export function useLibrary(): Library {
  const [data, setData] = useState<{ papers: Paper[]; topics: Topic[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = useRef<Promise<void> | null>(null);
  const again = useRef(false);
  /** Topics pushed while a dump was out: newer than its answer. */
  const pushedTopics = useRef<Topic[] | null>(null);

  // One dump at a time; changes that arrive meanwhile cause exactly one more.
  const reload = useCallback((): Promise<void> => {
    if (busy.current) {
      again.current = true;
      return busy.current;
    }
    busy.current = (async () => {
      do {
        again.current = false;
        try {
          pushedTopics.current = null;
          const dump = await send('dump', null);
          setData({ papers: dump.papers, topics: pushedTopics.current ?? dump.topics });
          setError(null);
        } catch (err) {
          setError(`Could not load the library: ${errorText(err)}`);
        }
      } while (again.current);
      busy.current = null;
    })();
    return busy.current;
  }, []);

  const apply = useCallback((changed: Paper[]) => {
    if (!changed.length) return;
    const byId = new Map(changed.map((p) => [p.id, p]));
    setData((d) => {
      if (!d) return d;
      const papers = d.papers.map((p) => {
        const next = byId.get(p.id);
        byId.delete(p.id);
        return next ?? p;
      });
      return { ...d, papers: [...byId.values(), ...papers] };
    });
  }, []);
  const setTopics = useCallback((topics: Topic[]) => {
    pushedTopics.current = topics;
    setData((d) => d && { ...d, topics });
  }, []);
  const drop = useCallback((ids: readonly string[]) => {
    const gone = new Set(ids);
    setData((d) => d && { ...d, papers: d.papers.filter((p) => !gone.has(p.id)) });
  }, []);

  useEffect(() => void reload(), [reload]);
  useSync(
    useCallback(
      (e: SyncEvent) => {
        // Small changes carry their records: apply them here instead of reloading 10,000 papers.
        const saved = Object.entries(e.saved ?? {});
        const carried = new Set(e.papers?.map((p) => p.id));
        if (e.library || saved.some(([id, s]) => s && !carried.has(id))) return void reload();
        // A topic edit changes no paper: the pushed list replaces the topics, the papers stay.
        if (e.topics) setTopics(e.topics);
        if (e.papers) apply(e.papers);
        const removed = saved.filter(([, s]) => !s).map(([id]) => id);
        if (removed.length) drop(removed);
      },
      [reload, apply, drop, setTopics],
    ),
  );
  return { papers: data?.papers ?? null, topics: data?.topics ?? [], error, reload, apply, drop };
}
