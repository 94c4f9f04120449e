/** The topic list, loaded once and then kept current by the background's pushes. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { useSync } from '@/components/useSync';
import { send } from '@/utils/protocol/messages';
import type { SyncEvent } from '@/utils/protocol/sync';
import type { Topic } from '@/utils/types';
import { errorText, sortTopics } from './draft';

export function useTopics(): { topics: Topic[] | null; loadError: string | null; replace(topics: Topic[]): void } {
  const [topics, setTopics] = useState<Topic[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // A push that lands before the first answer is newer than it: the answer is then dropped.
  const pushed = useRef(false);

  useEffect(() => {
    send('topics', null)
      .then((list) => {
        if (!pushed.current) setTopics(sortTopics(list));
      })
      .catch((err) => setLoadError(errorText(err)));
  }, []);

  useSync(
    useCallback((e: SyncEvent) => {
      if (!e.topics) return;
      pushed.current = true;
      setLoadError(null);
      setTopics(sortTopics(e.topics));
    }, []),
  );

  /** Take a fresh list from a reply (reorder) without waiting for the push. */
  const replace = useCallback((list: Topic[]) => {
    pushed.current = true;
    setTopics(sortTopics(list));
  }, []);

  return { topics, loadError, replace };
}
