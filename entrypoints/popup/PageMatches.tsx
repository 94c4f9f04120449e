import type { ActivePage } from './page-status';
import { SaveStar, toggleCard } from './SaveStar';

/** What Papershelf sees on the active papers page: nothing detected (say so!) or matches by topic. */
export function PageMatches({ page }: { page: ActivePage }) {
  if (page.state === 'none') return null;
  if (page.state === 'unreachable')
    return (
      <p class="notice" role="status">
        Papershelf is not running on this page yet. Reload the page to see save buttons.
      </p>
    );
  const { status } = page;
  if (status.cards === 0)
    return (
      <p class="notice warn" role="status">
        No papers detected on this page. The site may have changed its layout; Papershelf cannot add save buttons
        here until it is updated.
      </p>
    );
  const groups = new Map<string, typeof status.matches>();
  for (const m of status.matches)
    for (const t of m.topics) groups.set(t, [...(groups.get(t) ?? []), m]);
  return (
    <section class="page" aria-label="This page">
      <p class="page-summary">
        {status.cards} paper{status.cards === 1 ? '' : 's'} on this page, {status.matches.length} matching your topics.
      </p>
      {[...groups].map(([topic, items]) => (
        <details key={topic}>
          <summary>
            {topic} ({items.length})
          </summary>
          <ul>
            {items.map((m) => (
              <li key={m.id}>
                <SaveStar title={m.title} saved={m.saved} onToggle={() => toggleCard(m.id, m.title, m.saved)} />{' '}
                {m.title}
              </li>
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
