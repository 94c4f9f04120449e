/**
 * Library → Recommendations: on/off and how many per page; off by default below RECOMMEND_FROM
 * papers; the "Not interested" papers, each with a button that takes it off the list.
 */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { errorText } from '@/utils/errors';
import { useSync } from '@/components/useSync';
import { RECOMMEND_FROM, send, type Settings } from '@/utils/protocol/messages';

export function RecommendSettings({ total }: { total: number }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [negatives, setNegatives] = useState<Array<{ id: string; title: string }>>([]);
  const load = useCallback(() => {
    send('settings', null).then(setSettings, (err) => setError(errorText(err)));
    send('notInterestedList', null).then(setNegatives, (err) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);
  useSync(load);
  if (!settings) return error ? <p role="alert" class="notice warn">{error}</p> : null;
  const on = settings.recommend ?? total >= RECOMMEND_FROM;
  const set = (patch: { enabled?: boolean; max?: number }) =>
    void send('setRecommend', patch).then(load, (err) => setError(errorText(err)));
  return (
    <section class="ps-library" aria-labelledby="ps-recommend-title">
      <h2 id="ps-recommend-title">Recommendations</h2>
      <div class="ps-library-row">
        <label>
          <input type="checkbox" checked={on} onChange={(e) => set({ enabled: e.currentTarget.checked })} /> Mark unsaved papers
          that are “Like your library” on papers pages
        </label>
        <label>
          At most{' '}
          <input
            type="number"
            min={1}
            max={50}
            value={settings.recommendMax}
            style={{ width: '4em' }}
            onChange={(e) => {
              const max = Number(e.currentTarget.value);
              if (Number.isInteger(max) && max >= 1 && max <= 50) set({ max });
            }}
          />{' '}
          per page
        </label>
      </div>
      {settings.recommend === undefined && total < RECOMMEND_FROM && (
        <p class="ps-muted">
          Off until your library has {RECOMMEND_FROM} saved papers ({total} now): they are what recommendations learn from.
          Tick the box to try them sooner.
        </p>
      )}
      <details>
        <summary>Not interested ({negatives.length})</summary>
        {negatives.length ? (
          <ul aria-label="Not interested">
            {negatives.map((n) => (
              <li key={n.id}>
                <a href={`https://huggingface.co/papers/${encodeURIComponent(n.id)}`} target="_blank" rel="noreferrer">
                  {n.title}
                </a>{' '}
                <button
                  type="button"
                  aria-label={`Remove “${n.title}” from Not interested`}
                  onClick={() => void send('forgetNotInterested', { ids: [n.id] }).then(load, (err) => setError(errorText(err)))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="ps-muted">None. The × on a recommendation’s chip puts a paper here: it is not recommended again, and papers like it score lower.</p>
        )}
      </details>
      {error && <p role="alert" class="notice warn">{error}</p>}
    </section>
  );
}
