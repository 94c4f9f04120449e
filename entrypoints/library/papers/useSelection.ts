/**
 * Which papers are selected for bulk actions. Shift-click selects the range from the last clicked
 * row; "select all shown" covers the current search and filters; removed papers drop out.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Paper } from '@/utils/types';

export interface Selection {
  selected: ReadonlySet<string>;
  /** The selected papers that still exist, shown or not. */
  selectedPapers: Paper[];
  selectedShown: number;
  onSelect: (id: string, on: boolean, range: boolean) => void;
  selectAllShown: (on: boolean) => void;
  clear: () => void;
}

export function useSelection(papers: readonly Paper[], shown: readonly Paper[]): Selection {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const shownRef = useRef(shown);
  shownRef.current = shown;
  const anchor = useRef<string | null>(null);

  // Forget papers that are gone (removed here, in another tab, or wiped).
  useEffect(() => {
    const ids = new Set(papers.map((p) => p.id));
    setSelected((cur) => ([...cur].every((id) => ids.has(id)) ? cur : new Set([...cur].filter((id) => ids.has(id)))));
  }, [papers]);

  const onSelect = useCallback((id: string, on: boolean, range: boolean) => {
    const list = shownRef.current;
    const from = range && anchor.current ? list.findIndex((p) => p.id === anchor.current) : -1;
    const to = list.findIndex((p) => p.id === id);
    const ids = from >= 0 && to >= 0 ? list.slice(Math.min(from, to), Math.max(from, to) + 1).map((p) => p.id) : [id];
    anchor.current = id;
    setSelected((cur) => {
      const next = new Set(cur);
      for (const x of ids) on ? next.add(x) : next.delete(x);
      return next;
    });
  }, []);

  const selectAllShown = useCallback((on: boolean) => {
    setSelected((cur) => {
      const next = new Set(cur);
      for (const p of shownRef.current) on ? next.add(p.id) : next.delete(p.id);
      return next;
    });
  }, []);

  const clear = useCallback(() => setSelected(new Set()), []);
  const selectedPapers = useMemo(() => (selected.size ? papers.filter((p) => selected.has(p.id)) : []), [papers, selected]);
  const selectedShown = useMemo(() => (selected.size ? shown.reduce((n, p) => n + (selected.has(p.id) ? 1 : 0), 0) : 0), [shown, selected]);
  return { selected, selectedPapers, selectedShown, onSelect, selectAllShown, clear };
}
