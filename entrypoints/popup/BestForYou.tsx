/** "Best for you on this page": the page's top unsaved cards like the library, each with its reason and a save toggle. */
import type { ActivePage } from './page-status';
import { SaveStar, toggleCard } from './SaveStar';

const SHOWN = 5;

export function BestForYou({ page }: { page: ActivePage }) {
  if (page.state !== 'ok' || !page.status.recommended?.length) return null;
  return (
    <section class="page best" aria-labelledby="ps-best-title">
      <h2 id="ps-best-title">Best for you on this page</h2>
      <ul>
        {page.status.recommended.slice(0, SHOWN).map((r) => (
          <li key={r.id}>
            <SaveStar hook title={r.title} saved={r.saved} onToggle={() => toggleCard(r.id, r.title, r.saved)} />
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
