/** "Best for you on this page": the page's top unsaved cards like the library, each with its reason and a save toggle. */
import { send } from '@/utils/protocol/messages';
import type { ActivePage } from './page-status';

const SHOWN = 5;

export function BestForYou({ page }: { page: ActivePage }) {
  if (page.state !== 'ok' || !page.status.recommended?.length) return null;
  return (
    <section class="page best" aria-labelledby="ps-best-title">
      <h2 id="ps-best-title">Best for you on this page</h2>
      <ul>
        {page.status.recommended.slice(0, SHOWN).map((r) => (
          <li key={r.id}>
            <button
              type="button"
              class="mini"
              data-papershelf-save=""
              aria-pressed={r.saved}
              aria-label={r.saved ? `Remove “${r.title}” from Papershelf` : `Save “${r.title}” to Papershelf`}
              onClick={() => void (r.saved ? send('remove', { ids: [r.id] }) : send('save', { card: { id: r.id, title: r.title } }))}
            >
              {r.saved ? '★' : '☆'}
            </button>
            <span>
              <a href={`https://huggingface.co/papers/${r.id}`} target="_blank" rel="noreferrer">
                {r.title}
              </a>
              <span class="why">{r.reason}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
