import { useEffect, useState } from 'preact/hooks';
import { ArxivAccess } from '@/components/ArxivAccess';
import { PapersPanel } from './PapersPanel';
import { TopicsPanel } from './TopicsPanel';
import { SyncPanel } from './SyncPanel';

type Tab = 'papers' | 'topics' | 'sync';

const tabFromHash = (): Tab => (location.hash.startsWith('#topics') ? 'topics' : location.hash.startsWith('#sync') ? 'sync' : 'papers');

/** The full-page library: saved papers, and topics. `#topics` opens the topic editor. */
export function App() {
  const [tab, setTab] = useState<Tab>(tabFromHash);
  useEffect(() => {
    const onHash = () => setTab(tabFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  const go = (t: Tab) => {
    location.hash = t === 'papers' ? '' : `#${t}`;
    setTab(t);
  };
  return (
    <div class="library">
      <header class="lib-header">
        <h1>Papershelf</h1>
        <nav aria-label="Sections">
          <button type="button" aria-current={tab === 'papers' ? 'page' : undefined} onClick={() => go('papers')}>
            Papers
          </button>
          <button type="button" aria-current={tab === 'topics' ? 'page' : undefined} onClick={() => go('topics')}>
            Topics
          </button>
          <button type="button" aria-current={tab === 'sync' ? 'page' : undefined} onClick={() => go('sync')}>
            Sync
          </button>
        </nav>
      </header>
      <main>{tab === 'papers' ? <PapersPanel /> : tab === 'topics' ? <TopicsPanel /> : <SyncPanel />}</main>
      <footer class="lib-footer">
        <ArxivAccess />
      </footer>
    </div>
  );
}
