/** A paper's tags: remove one with its × button, add one or more (comma-separated) with suggestions. */
import { useState } from 'preact/hooks';

interface Props {
  tags: string[];
  /** id of the `<datalist>` of every tag in the library. */
  listId: string;
  onAdd: (tags: string[]) => void;
  onRemove: (tag: string) => void;
}

/** "a, b ,, c" → ["a", "b", "c"]. */
export const splitTags = (text: string) => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];

export function TagEditor({ tags, listId, onAdd, onRemove }: Props) {
  const [draft, setDraft] = useState('');
  const submit = (e: Event) => {
    e.preventDefault();
    const add = splitTags(draft).filter((t) => !tags.includes(t));
    if (add.length) onAdd(add);
    setDraft('');
  };
  return (
    <div class="ps-tags">
      {tags.length > 0 ? (
        <ul class="ps-tag-list" aria-label="Tags">
          {tags.map((t) => (
            <li key={t} class="ps-chip">
              {t}
              <button type="button" class="ps-chip-x" aria-label={`Remove tag ${t}`} title="Remove tag" onClick={() => onRemove(t)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="ps-muted">No tags yet.</p>
      )}
      <form class="ps-inline-form" onSubmit={submit}>
        <input type="text" list={listId} aria-label="Add tag" placeholder="Add tag…" value={draft} onInput={(e) => setDraft(e.currentTarget.value)} />
        <button type="submit" disabled={!draft.trim()}>
          Add
        </button>
      </form>
    </div>
  );
}
