import type { Paper } from '@/utils/types';
import { shortAuthors, shortDate } from './format';

/** One saved paper: title link, authors, date saved, remove. */
export function PaperRow({ paper, onRemove }: { paper: Paper; onRemove: () => void }) {
  return (
    <li class="paper">
      <a href={paper.url} target="_blank" rel="noreferrer" class="title">
        {paper.title}
      </a>
      <div class="meta">
        {shortAuthors(paper.authors)}
        {paper.authors.length > 0 && ' · '}
        <span>saved {shortDate(paper.savedAt)}</span>
      </div>
      <button type="button" class="remove" aria-label={`Remove “${paper.title}”`} title="Remove from Papershelf" onClick={onRemove}>
        ×
      </button>
    </li>
  );
}
