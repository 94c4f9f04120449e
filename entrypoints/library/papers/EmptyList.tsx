/** What the list area says when there is no row to show: loading, nothing saved, or no match. */
interface Props {
  state: 'loading' | 'none-saved' | 'no-match';
  query: string;
  filtered: boolean;
  onClear: () => void;
}

export function EmptyList({ state, query, filtered, onClear }: Props) {
  if (state === 'loading') return <p class="ps-empty">Loading your library…</p>;
  if (state === 'none-saved')
    return (
      <div class="ps-empty">
        <p>
          <strong>No saved papers yet.</strong>
        </p>
        <p>
          On <a href="https://huggingface.co/papers" target="_blank" rel="noreferrer">huggingface.co/papers</a>, press Save on any paper
          card, or import a backup below.
        </p>
      </div>
    );
  return (
    <div class="ps-empty">
      <p>
        No saved paper matches{query.trim() ? ` “${query.trim()}”` : ''}
        {filtered ? ' with these filters' : ''}.
      </p>
      <button type="button" onClick={onClear}>
        Clear search and filters
      </button>
    </div>
  );
}
