import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { errorText } from '@/utils/errors';
import { useSync } from '@/components/useSync';
import { send, type TodayState } from '@/utils/protocol/messages';
import { SaveStar } from './SaveStar';

const time = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * Today's papers (https://huggingface.co/api/daily_papers, checked by the worker) that match the
 * topics: unseen first. Opening the popup checks again when no check succeeded in the last hour.
 */
export function TodayMatches({ notify, openTopics }: { notify: boolean; openTopics: () => void }) {
  const [state, setState] = useState<TodayState | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (refresh: boolean) => {
    try {
      setState(await send('today', { refresh }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, []);
  useEffect(() => void load(true), [load]);
  useSync(useCallback((e) => void ((e.daily || e.saved || e.topics || e.library || e.seen) && load(false)), [load]));

  const toggle = async (id: string, saved: boolean) => {
    try {
      if (saved) await send('remove', { ids: [id] });
      else await send('saveToday', { id });
    } catch (err) {
      setError(errorText(err));
    }
  };

  return (
    <section class="today" aria-labelledby="today-heading">
      <h2 id="today-heading">Today's matches</h2>
      {error && <p role="alert" class="error">{error}</p>}
      {state?.error && (
        <p class="notice warn" role="status">
          Couldn't check today's papers: {state.error}.{state.retryAt ? ` Retrying at ${time(state.retryAt)}.` : ''}
        </p>
      )}
      {state && !state.hasTopics && (
        <p class="empty">
          No topics yet. <button type="button" class="link" onClick={openTopics}>Add a topic</button> (Open library → Topics) and
          today's papers that match it are listed here.
        </p>
      )}
      {state?.hasTopics && !state.fetchedAt && !state.error && <p class="empty">{state.checking ? 'Checking today’s papers…' : 'Not checked yet.'}</p>}
      {state?.hasTopics && state.fetchedAt && !state.matches.length && (
        <p class="empty">None of today's {state.papers} papers match your topics.</p>
      )}
      {state && state.matches.length > 0 && (
        <ul class="today-list">
          {state.matches.map((m) => (
            <li key={m.id} data-papershelf-id={m.id} class={m.seen ? 'seen' : 'unseen'}>
              <SaveStar hook title={m.title} saved={m.saved} onToggle={() => void toggle(m.id, m.saved)} />
              <span class="today-text">
                <a href={`https://huggingface.co/papers/${m.id}`} target="_blank" rel="noreferrer">
                  {m.title}
                </a>
                <span class="today-topics">
                  {m.topics.join(', ')}
                  {m.seen ? ' · seen' : ''}
                </span>
              </span>
            </li>
          ))}
        </ul>
      )}
      {state && state.skipped > 0 && <p class="more">{state.skipped} malformed item{state.skipped === 1 ? '' : 's'} in today's list skipped.</p>}
      <NotifyToggle initial={notify} />
    </section>
  );
}

/** "Notify me of new matches": asks for the optional `notifications` permission on this click. */
function NotifyToggle({ initial }: { initial: boolean }) {
  const [on, setOn] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  useEffect(() => {
    if (!initial) return;
    void browser.permissions.contains({ permissions: ['notifications'] }).then(setOn, () => setOn(false));
  }, [initial]);
  const change = async (want: boolean) => {
    setNote(null);
    try {
      // The request must be the first thing this click does (the browser asks the user now).
      const granted = want
        ? await browser.permissions.request({ permissions: ['notifications'] })
        : !(await browser.permissions.remove({ permissions: ['notifications'] }));
      setOn(granted);
      await send('setNotify', { on: granted });
      if (want && !granted) setNote('Notifications were not allowed.');
    } catch (err) {
      setNote(errorText(err));
    }
  };
  return (
    <label class="notify">
      <input type="checkbox" checked={on} onChange={(e) => void change(e.currentTarget.checked)} /> Notify me of new matches
      {note && <span class="error"> {note}</span>}
    </label>
  );
}
