/**
 * A fixed-row-height windowed list: only the rows in view (plus a few) are in the DOM, so 10,000
 * papers cost the same as 20. Arrow keys, Page Up/Down, Home and End move focus between rows
 * (to the same control in the next row), scrolling it into view first.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';

interface Props<T> {
  items: readonly T[];
  rowHeight: number;
  /** Accessible name of the list. */
  label: string;
  keyOf: (item: T) => string;
  /** A row's focusable controls carry `data-part="<name>"` for keyboard moves between rows. */
  renderRow: (item: T, index: number) => ComponentChildren;
  /** A change (new search, filter or sort) scrolls back to the top. */
  resetKey: string;
  overscan?: number;
}

export function VirtualList<T>({ items, rowHeight, label, keyOf, renderRow, resetKey, overscan = 8 }: Props<T>) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(640);
  const pendingFocus = useRef<{ index: number; part: string } | null>(null);

  useEffect(() => {
    const el = box.current!;
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    if (box.current) box.current.scrollTop = 0;
    setTop(0);
  }, [resetKey]);

  const focusRow = (index: number, part: string) =>
    box.current?.querySelector<HTMLElement>(`[data-row="${index}"] [data-part="${part}"]`) ?? null;

  useLayoutEffect(() => {
    const want = pendingFocus.current;
    if (!want) return;
    pendingFocus.current = null;
    focusRow(want.index, want.part)?.focus();
  });

  function onKeyDown(e: KeyboardEvent) {
    const el = box.current!;
    const page = Math.max(1, Math.floor(el.clientHeight / rowHeight) - 1);
    const steps: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    const step = steps[e.key];
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-row]');
    const part = target.dataset.part;
    if (step === undefined || !row || !part || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const index = Math.min(items.length - 1, Math.max(0, Number(row.dataset.row) + step));
    if (index * rowHeight < el.scrollTop) el.scrollTop = index * rowHeight;
    else if ((index + 1) * rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = (index + 1) * rowHeight - el.clientHeight;
    const rendered = focusRow(index, part);
    if (rendered) rendered.focus();
    else pendingFocus.current = { index, part };
    setTop(el.scrollTop);
  }

  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(items.length, Math.ceil((top + height) / rowHeight) + overscan);
  return (
    <div ref={box} class="ps-scroll" onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
      <ul role="list" aria-label={label} class="ps-rows" style={{ height: `${items.length * rowHeight}px` }} onKeyDown={onKeyDown}>
        {items.slice(first, last).map((item, k) => {
          const i = first + k;
          return (
            <li
              key={keyOf(item)}
              data-row={i}
              aria-setsize={items.length}
              aria-posinset={i + 1}
              style={{ transform: `translateY(${i * rowHeight}px)`, height: `${rowHeight}px` }}
            >
              {renderRow(item, i)}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
