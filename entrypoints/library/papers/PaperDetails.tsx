/** The side panel for one paper: links, read state, tags, note, abstract. */
import { shortDate } from '@/components/format';
import type { Paper } from '@/utils/types';
import { paperLinks } from './links';
import { NoteEditor } from './NoteEditor';
import { TagEditor } from './TagEditor';

interface Props {
  paper: Paper;
  tagListId: string;
  onPatch: (patch: { addTags?: string[]; removeTags?: string[]; note?: string; read?: boolean }) => Promise<void>;
  onRemove: () => void;
  onClose: () => void;
}

/** Escape in a text field is for the field (and would drop an unsaved note), not the panel. */
const isTyping = (t: EventTarget | null) => t instanceof HTMLTextAreaElement || (t instanceof HTMLInputElement && t.type === 'text');

export function PaperDetails({ paper: p, tagListId, onPatch, onRemove, onClose }: Props) {
  const title = p.title || p.id;
  // Failures are shown by the panel; tags and read state need no more than that.
  const quiet = (patch: Parameters<Props['onPatch']>[0]) => void onPatch(patch).catch(() => {});
  return (
    <aside id="ps-details" class="ps-details" aria-labelledby="ps-details-title" onKeyDown={(e) => e.key === 'Escape' && !isTyping(e.target) && onClose()}>
      <div class="ps-details-head">
        <h2 id="ps-details-title" tabIndex={-1}>
          {title}
        </h2>
        <button type="button" class="ps-icon" aria-label="Close details" title="Close details" onClick={onClose}>
          ×
        </button>
      </div>
      {p.authors.length > 0 && <p class="ps-details-authors">{p.authors.join(', ')}</p>}
      <p class="ps-muted ps-details-facts">
        <span>arXiv {p.id}</span>
        {p.organization && <span>{p.organization}</span>}
        {p.publishedAt && <span>published {shortDate(p.publishedAt)}</span>}
        <span>saved {shortDate(p.savedAt)}</span>
        {typeof p.upvotes === 'number' && <span>▲ {p.upvotes}</span>}
      </p>
      <nav class="ps-links" aria-label="Links">
        {paperLinks(p).map((l) => (
          <a key={l.label} href={l.href} target="_blank" rel="noreferrer noopener">
            {l.label}
          </a>
        ))}
      </nav>
      <label class="ps-check">
        <input type="checkbox" checked={p.read} onChange={(e) => quiet({ read: e.currentTarget.checked })} />
        Read
      </label>
      <h3>Tags</h3>
      <TagEditor
        tags={p.tags}
        listId={tagListId}
        onAdd={(addTags) => quiet({ addTags })}
        onRemove={(tag) => quiet({ removeTags: [tag] })}
      />
      <NoteEditor paperId={p.id} note={p.note} onSave={(note) => onPatch({ note })} />
      {p.summary && (
        <details class="ps-abstract">
          <summary>Abstract</summary>
          <p>{p.summary}</p>
        </details>
      )}
      <p class="ps-details-foot">
        <button type="button" class="ps-danger" onClick={onRemove}>
          Remove from library…
        </button>
      </p>
    </aside>
  );
}
