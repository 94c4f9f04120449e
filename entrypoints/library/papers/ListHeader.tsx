/**
 * Above the list: "Select all N shown", the count, and — once papers are selected — the bulk
 * actions: tag, mark read or unread, export, remove.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ExportButtons } from '@/components/ExportButtons';
import type { Paper, Topic } from '@/utils/types';
import { plural } from './actions';
import { splitTags } from './TagEditor';

interface Props {
  shown: number;
  total: number;
  /** How many of the shown papers are selected. */
  selectedShown: number;
  selected: Paper[];
  topics: Topic[];
  tagListId: string;
  onSelectAll: (on: boolean) => void;
  onClear: () => void;
  onTag: (tags: string[]) => void;
  onRead: (read: boolean) => void;
  onRemove: () => void;
}

/** Escape folds the export menu and returns focus to its summary. */
function closeOnEscape(e: KeyboardEvent) {
  const details = e.currentTarget as HTMLDetailsElement;
  if (e.key !== 'Escape' || !details.open) return;
  details.open = false;
  details.querySelector('summary')?.focus();
}

export function ListHeader(props: Props) {
  const { shown, total, selectedShown, selected, topics, tagListId } = props;
  const all = useRef<HTMLInputElement>(null);
  const [tag, setTag] = useState('');
  useEffect(() => {
    if (all.current) all.current.indeterminate = selectedShown > 0 && selectedShown < shown;
  }, [selectedShown, shown]);
  const n = selected.length;
  const hidden = n - selectedShown;
  const addTag = (e: Event) => {
    e.preventDefault();
    const tags = splitTags(tag);
    if (tags.length) props.onTag(tags);
    setTag('');
  };
  return (
    <div class="ps-list-head">
      <label class="ps-check ps-select-all">
        <input
          ref={all}
          type="checkbox"
          checked={shown > 0 && selectedShown === shown}
          disabled={shown === 0}
          onChange={(e) => props.onSelectAll(e.currentTarget.checked)}
        />
        {`Select all ${shown.toLocaleString('en')} shown`}
      </label>
      <span class="ps-count" role="status">
        {shown === total ? plural(total, 'paper') : `${shown.toLocaleString('en')} of ${plural(total, 'paper')}`}
      </span>
      {n > 0 && (
        <div class="ps-bulk" role="group" aria-label="Selected papers">
          <strong>
            {n.toLocaleString('en')} selected{hidden > 0 ? ` (${hidden.toLocaleString('en')} not shown)` : ''}
          </strong>
          <button type="button" class="link" onClick={props.onClear}>
            Clear selection
          </button>
          <form class="ps-inline-form" onSubmit={addTag}>
            <input type="text" list={tagListId} aria-label="Tag for selected" placeholder="Tag…" value={tag} onInput={(e) => setTag(e.currentTarget.value)} />
            <button type="submit" disabled={!tag.trim()}>
              Add tag
            </button>
          </form>
          <button type="button" onClick={() => props.onRead(true)}>
            Mark read
          </button>
          <button type="button" onClick={() => props.onRead(false)}>
            Mark unread
          </button>
          <details class="ps-export-selection" onKeyDown={closeOnEscape}>
            <summary>Export selection</summary>
            <div class="ps-popover">
              <ExportButtons selection={{ papers: selected, topics }} />
            </div>
          </details>
          <button type="button" class="ps-danger" onClick={props.onRemove}>
            Remove…
          </button>
        </div>
      )}
    </div>
  );
}
