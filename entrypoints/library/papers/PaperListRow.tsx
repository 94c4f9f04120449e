/** One row of the papers list: select box, title (opens the details), authors, dates, tags. */
import { memo } from '@/components/memo';
import { shortAuthors, shortDate } from '@/components/format';
import type { Paper } from '@/utils/types';

interface Props {
  paper: Paper;
  selected: boolean;
  active: boolean;
  onSelect: (id: string, on: boolean, range: boolean) => void;
  onOpen: (id: string) => void;
}

const MAX_TAGS = 3;

export const PaperListRow = memo(function PaperListRow({ paper: p, selected, active, onSelect, onOpen }: Props) {
  const title = p.title || p.id;
  return (
    <div class={`ps-row${active ? ' active' : ''}${selected ? ' selected' : ''}${p.read ? ' read' : ''}`}>
      <input
        type="checkbox"
        data-part="select"
        aria-label={`Select ${title}`}
        checked={selected}
        onClick={(e) => onSelect(p.id, e.currentTarget.checked, e.shiftKey)}
      />
      <div class="ps-row-main">
        <div class="ps-row-line">
          {p.read ? <span class="ps-unread" aria-hidden="true" /> : <span class="ps-unread" title="Unread" aria-label="Unread" role="img" />}
          <button type="button" class="ps-row-title" data-part="open" data-paper-id={p.id} aria-current={active ? 'true' : undefined} aria-controls={active ? 'ps-details' : undefined} onClick={() => onOpen(p.id)}>
            {title}
          </button>
        </div>
        <div class="ps-row-meta">
          <span class="ps-authors">{shortAuthors(p.authors) || p.organization || ''}</span>
          {p.publishedAt && <span>published {shortDate(p.publishedAt)}</span>}
          <span>saved {shortDate(p.savedAt)}</span>
          {typeof p.upvotes === 'number' && <span aria-label={`${p.upvotes} upvotes`}>▲ {p.upvotes}</span>}
          {p.note && <span class="ps-has-note" title="Has a note">✎ note</span>}
          {p.tags.slice(0, MAX_TAGS).map((t) => (
            <span key={t} class="ps-chip">
              {t}
            </span>
          ))}
          {p.tags.length > MAX_TAGS && <span class="ps-chip more">+{p.tags.length - MAX_TAGS}</span>}
        </div>
      </div>
    </div>
  );
});
