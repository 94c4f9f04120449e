/** One topic in the list: swatch, name, term counts, on/off, edit, reorder, delete (asks first). */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Topic } from '@/utils/types';
import { termCounts } from './draft';

export type RowAction = 'edit' | 'up' | 'down' | 'delete';

interface Props {
  topic: Topic;
  first: boolean;
  last: boolean;
  editing: boolean;
  /** Move focus to this row's button for `action` (after a reorder or a save), then call onFocused. */
  focus?: RowAction;
  onFocused(): void;
  onEdit(): void;
  onMove(delta: -1 | 1): void;
  onDelete(): void;
  onEnable(enabled: boolean): void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function TopicRow({ topic: t, first, last, editing, focus, onFocused, onEdit, onMove, onDelete, onEnable }: Props) {
  const [confirming, setConfirming] = useState(false);
  const root = useRef<HTMLLIElement>(null);
  const counts = termCounts(t);

  useEffect(() => {
    if (!focus) return;
    // A move button that just became disabled (top or bottom reached) hands focus to the other one.
    const order = focus === 'up' ? ['up', 'down', 'edit'] : focus === 'down' ? ['down', 'up', 'edit'] : [focus, 'edit'];
    const buttons = order.map((a) => root.current?.querySelector<HTMLButtonElement>(`[data-action="${a}"]`));
    buttons.find((b) => b && !b.disabled)?.focus();
    onFocused();
  }, [focus, onFocused]);

  useEffect(() => {
    if (confirming) root.current?.querySelector<HTMLButtonElement>('[data-action="confirm"]')?.focus();
  }, [confirming]);

  const who = <span class="visually-hidden"> {t.name}</span>;
  return (
    <li ref={root} class={`topic-row${editing ? ' editing' : ''}${t.enabled ? '' : ' off'}`} aria-labelledby={`topic-${t.id}`} data-topic-id={t.id}>
      <span class="swatch" style={{ background: t.color }} aria-hidden="true" />
      <div class="topic-main">
        <strong id={`topic-${t.id}`} class="topic-name">
          {t.name}
        </strong>
        <span class="counts">
          {plural(counts.include, 'include term')}
          {counts.exclude > 0 && ` · ${plural(counts.exclude, 'exclusion')}`}
          {!t.enabled && ' · off'}
        </span>
      </div>
      <label class="check">
        <input type="checkbox" checked={t.enabled} onChange={(e) => onEnable(e.currentTarget.checked)} />
        Enabled{who}
      </label>
      {confirming ? (
        <div class="confirm" role="group" aria-label={`Delete ${t.name}?`}>
          <span>Delete “{t.name}”?</span>
          <button type="button" class="danger" data-action="confirm" onClick={onDelete}>
            Yes, delete{who}
          </button>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
              requestAnimationFrame(() => root.current?.querySelector<HTMLButtonElement>('[data-action="delete"]')?.focus());
            }}
          >
            Keep
          </button>
        </div>
      ) : (
        <div class="row-actions">
          <button type="button" data-action="edit" onClick={onEdit}>
            Edit{who}
          </button>
          <button type="button" data-action="up" disabled={first} onClick={() => onMove(-1)}>
            Move up{who}
          </button>
          <button type="button" data-action="down" disabled={last} onClick={() => onMove(1)}>
            Move down{who}
          </button>
          <button type="button" data-action="delete" class="danger-text" onClick={() => setConfirming(true)}>
            Delete{who}
          </button>
        </div>
      )}
    </li>
  );
}
