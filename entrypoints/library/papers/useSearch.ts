/**
 * Keeps a search index in step with the library and answers queries against it. The index is
 * updated once per data change, re-indexing only the papers that changed. A large build (the
 * first one: 10,000 papers take about a second) runs in slices so the page stays responsive;
 * until the first build is done, queries use a plain scan of titles, authors, tags and notes.
 */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { addPapers, createIndex, diffIndex, removeIds, scanIds, searchIds, uniquePapers, type LibraryIndex } from '@/utils/library/search';
import type { Paper } from '@/utils/types';

const SLICE = 400;

export function useSearch(papers: Paper[] | null): {
  search: (query: string) => Map<string, number> | null;
  /** The first index is still being built (abstracts are not searched yet). */
  indexing: boolean;
} {
  const index = useRef<LibraryIndex>(createIndex());
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!papers) return;
    let cancelled = false;
    const diff = diffIndex(index.current, papers);
    // A fresh index (the first, or one replacing a mostly stale one) takes over when complete;
    // otherwise the current one is updated in place.
    const fresh = diff.rebuild || index.current.docs.size === 0;
    if (!fresh) removeIds(index.current, diff.gone);
    const target = fresh ? createIndex() : index.current;
    const todo = fresh ? uniquePapers(papers) : diff.changed;
    const finish = () => {
      index.current = target;
      setVersion((v) => v + 1);
    };
    if (todo.length <= SLICE) {
      addPapers(target, todo);
      finish();
      return;
    }
    void (async () => {
      for (let i = 0; i < todo.length; i += SLICE) {
        await new Promise((r) => setTimeout(r, 0));
        if (cancelled) return;
        addPapers(target, todo.slice(i, i + SLICE));
      }
      finish();
    })();
    return () => {
      cancelled = true;
    };
  }, [papers]);

  const indexing = !!papers?.length && index.current.docs.size === 0;
  const search = useCallback(
    (query: string) => (indexing ? scanIds(papers ?? [], query) : searchIds(index.current, query)),
    // `version` changes whenever the index does.
    [indexing, papers, version],
  );
  return { search, indexing };
}
