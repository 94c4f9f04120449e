import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ArxivAccess } from '@/components/ArxivAccess';
import { ExportButtons } from '@/components/ExportButtons';
import { errorText } from '@/utils/errors';
import { PaperRow } from '@/components/PaperRow';
import { useSync } from '@/components/useSync';
import { send, type Settings } from '@/utils/protocol/messages';
import type { Paper } from '@/utils/types';
import { BackupReminder } from './BackupReminder';
import { BestForYou } from './BestForYou';
import { ModeSwitch } from './ModeSwitch';
import { PageMatches } from './PageMatches';
import { activePage, type ActivePage } from './page-status';
import { SeenControls } from './SeenControls';
import { TodayMatches } from './TodayMatches';

const LIMIT = 50;

export function App() {
  const [query, setQuery] = useState('');
  const [list, setList] = useState<{ total: number | null; papers: Paper[] } | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [page, setPage] = useState<ActivePage>({ state: 'none' });
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      const [l, s] = await Promise.all([send('list', { query, limit: LIMIT }), send('settings', null)]);
      setList(l);
      setSettings(s);
      setError(null);
      // A large library: the newest papers show first, the count follows.
      if (l.total === null) {
        const total = await send('count', null);
        setList((cur) => (cur?.papers === l.papers ? { ...l, total } : cur));
      }
    } catch (err) {
      setError(errorText(err));
    }
  }, [query]);

  useEffect(() => void refresh(), [refresh]);
  useEffect(() => void activePage().then(setPage), []);
  useSync(
    useCallback(() => {
      void refresh();
      void activePage().then(setPage);
    }, [refresh]),
  );

  const openLibrary = () => void browser.tabs.create({ url: browser.runtime.getURL('/library.html') });
  const openTopics = () => void browser.tabs.create({ url: browser.runtime.getURL('/library.html#topics') });

  return (
    <main class="popup">
      <header class="bar">
        <h1>Papershelf</h1>
        <span class="count">{list && list.total !== null ? `${list.total} saved` : ''}</span>
        <button type="button" onClick={openLibrary}>
          Open library
        </button>
      </header>
      {error && <p role="alert" class="error">{error}</p>}
      <PageMatches page={page} />
      <BestForYou page={page} />
      {page.state === 'ok' && page.status.cards > 0 && settings && (
        <SeenControls tabId={page.tabId} fresh={page.status.fresh ?? 0} dimSeen={settings.dimSeen === true} onChange={() => void activePage().then(setPage)} />
      )}
      {settings && <TodayMatches notify={settings.notify === true} openTopics={openTopics} />}
      {settings && <ModeSwitch mode={settings.mode} />}
      {settings && <BackupReminder settings={settings} total={list?.total ?? list?.papers.length ?? 0} />}
      <label class="search">
        <span>Search</span>
        <input type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} placeholder="Title, author, tag, note" />
      </label>
      {list && list.total === 0 && !query && (
        <p class="empty">
          Nothing saved yet. On <a href="https://huggingface.co/papers" target="_blank" rel="noreferrer">huggingface.co/papers</a>,
          press <strong>Save</strong> on any paper card (or Alt+Shift+S on a paper page).
        </p>
      )}
      {list && list.total === 0 && query && <p class="empty">No saved paper matches “{query}”.</p>}
      <ul class="papers" aria-label="Saved papers">
        {list?.papers.map((p) => (
          <PaperRow key={p.id} paper={p} onRemove={() => void send('remove', { ids: [p.id] }).then(refresh)} />
        ))}
      </ul>
      {list && list.total !== null && list.total > list.papers.length && (
        <p class="more">
          Showing {list.papers.length} of {list.total}. <button type="button" class="link" onClick={openLibrary}>See all in the library</button>
        </p>
      )}
      <ExportButtons />
      <ArxivAccess />
    </main>
  );
}
