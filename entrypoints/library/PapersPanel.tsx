/**
 * The Papers tab of the library: every saved paper, searchable, filterable and sortable, in a
 * windowed list; select many for bulk actions; one at a time in the details panel; and the
 * library-wide export, import and delete.
 */
import { memo } from '@/components/memo';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isFiltered, NO_FILTERS, sortPapers, tagCounts, topicTest, visiblePapers, type Filters, type SortKey } from '@/utils/library/filter';
import type { Paper } from '@/utils/types';
import { errorText, plural, removePapers, updatePapers } from './papers/actions';
import { ConfirmRemove } from './papers/ConfirmRemove';
import { EmptyList } from './papers/EmptyList';
import { LibraryActions } from './papers/LibraryActions';
import { ListHeader } from './papers/ListHeader';
import { PaperDetails } from './papers/PaperDetails';
import { PaperListRow } from './papers/PaperListRow';
import { Toolbar } from './papers/Toolbar';
import { useLibrary } from './papers/useLibrary';
import { useSearch } from './papers/useSearch';
import { useSelection } from './papers/useSelection';
import { VirtualList } from './papers/VirtualList';
import './papers/papers.css';

const ROW_HEIGHT = 58;
const TAG_LIST = 'ps-all-tags';

const TagOptions = memo(function TagOptions({ tags }: { tags: Array<{ tag: string }> }) {
  return (
    <datalist id={TAG_LIST}>
      {tags.map(({ tag }) => (
        <option key={tag} value={tag} />
      ))}
    </datalist>
  );
});

export function PapersPanel() {
  const library = useLibrary();
  const papers = useMemo(() => library.papers ?? [], [library.papers]);
  const { search, indexing } = useSearch(library.papers);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [sort, setSort] = useState<SortKey>('saved');
  const [activeId, setActiveId] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const tags = useMemo(() => tagCounts(papers), [papers]);
  // Papers per topic: matching every paper against a topic is the costly part (10,000 papers), so a
  // topic's count is kept until the papers change or that topic's terms do. A topic edit counts one topic.
  const topicCounts = useRef<{ papers: Paper[]; counts: Map<string, number> }>({ papers, counts: new Map() });
  const topics = useMemo(() => {
    if (topicCounts.current.papers !== papers) topicCounts.current = { papers, counts: new Map() };
    const { counts } = topicCounts.current;
    return [...library.topics]
      .sort((a, b) => a.order - b.order)
      .map((t) => {
        const key = JSON.stringify([t.name.toLowerCase(), t.include, t.exclude]);
        let count = counts.get(key);
        if (count === undefined) counts.set(key, (count = papers.filter(topicTest(t.name, library.topics)).length));
        return { name: t.name, count };
      });
  }, [library.topics, papers]);
  const sorted = useMemo(() => sortPapers(papers, sort === 'relevance' ? 'saved' : sort), [papers, sort]);
  const hits = useMemo(() => search(query), [search, query]);
  const shown = useMemo(() => visiblePapers(sorted, hits, filters, sort, new Date(), library.topics), [sorted, hits, filters, sort, library.topics]);
  const sel = useSelection(papers, shown);
  const active = useMemo(() => (activeId ? papers.find((p) => p.id === activeId) ?? null : null), [papers, activeId]);

  // Keyboard users land in the details when they open a paper, and back on its row when they close it.
  const focusDetails = useRef(false);
  useEffect(() => {
    if (active && focusDetails.current) document.getElementById('ps-details-title')?.focus();
    focusDetails.current = false;
  }, [active?.id]);
  const open = useCallback((id: string) => {
    focusDetails.current = true;
    setActiveId(id);
  }, []);
  const close = () => {
    const id = activeId;
    setActiveId(null);
    requestAnimationFrame(() =>
      (document.querySelector<HTMLElement>(`.ps-row-title[data-paper-id="${CSS.escape(id ?? '')}"]`) ?? document.getElementById('ps-search'))?.focus(),
    );
  };

  const run = async (what: string, job: () => Promise<string | void>) => {
    setError(null);
    try {
      const done = await job();
      setStatus(done ?? '');
    } catch (err) {
      setError(`Could not ${what}: ${errorText(err)}`);
      throw err;
    }
  };
  const patchActive = (patch: Parameters<typeof updatePapers>[1]) =>
    run('save the change', async () => library.apply(await updatePapers([active!.id], patch)));
  const bulk = (patch: Parameters<typeof updatePapers>[1], done: string) =>
    void run('update the selected papers', async () => {
      const ids = sel.selectedPapers.map((p) => p.id);
      library.apply(await updatePapers(ids, patch));
      return `${done} ${plural(ids.length, 'paper')}.`;
    }).catch(() => {});
  const confirmRemove = () => {
    const ids = removing ?? [];
    setRemoving(null);
    if (activeId && ids.includes(activeId)) setActiveId(null);
    void run('remove papers', async () => {
      await removePapers(ids);
      library.drop(ids);
      sel.clear();
      return `Removed ${plural(ids.length, 'paper')}.`;
    }).catch(() => {});
  };

  const total = papers.length;
  const searching = !!query.trim() || isFiltered(filters);
  const titles = (ids: string[]) => ids.map((id) => papers.find((p) => p.id === id)?.title || id);
  return (
    <section class="ps-panel" aria-label="Papers">
      {(library.error || error) && (
        <p role="alert" class="error ps-error">
          {library.error ?? error}
        </p>
      )}
      <Toolbar query={query} onQuery={setQuery} filters={filters} onFilters={setFilters} sort={sort} onSort={setSort} tags={tags} topics={topics} />
      <p role="status" class="ps-status">
        {status}
        {indexing && query.trim() ? ' Indexing abstracts…' : ''}
      </p>
      <div class={`ps-body${active ? ' with-details' : ''}`}>
        <div class="ps-list">
          {library.papers !== null && (
            <ListHeader
              shown={shown.length}
              total={total}
              selectedShown={sel.selectedShown}
              selected={sel.selectedPapers}
              topics={library.topics}
              tagListId={TAG_LIST}
              onSelectAll={sel.selectAllShown}
              onClear={sel.clear}
              onTag={(t) => bulk({ addTags: t }, `Tagged “${t.join('”, “')}”:`)}
              onRead={(read) => bulk({ read }, read ? 'Marked read:' : 'Marked unread:')}
              onRemove={() => setRemoving(sel.selectedPapers.map((p) => p.id))}
            />
          )}
          {library.papers === null || shown.length === 0 ? (
            <EmptyList
              state={library.papers === null ? 'loading' : total === 0 ? 'none-saved' : 'no-match'}
              query={query}
              filtered={isFiltered(filters)}
              onClear={() => {
                setQuery('');
                setFilters(NO_FILTERS);
              }}
            />
          ) : (
            <VirtualList
              items={shown}
              rowHeight={ROW_HEIGHT}
              label={searching ? 'Matching papers' : 'Saved papers'}
              keyOf={(p: Paper) => p.id}
              resetKey={`${query}|${filters.tag}|${filters.topic}|${filters.read}|${filters.saved}|${sort}`}
              renderRow={(p: Paper) => (
                <PaperListRow paper={p} selected={sel.selected.has(p.id)} active={p.id === activeId} onSelect={sel.onSelect} onOpen={open} />
              )}
            />
          )}
        </div>
        {active && (
          <PaperDetails
            key={active.id}
            paper={active}
            tagListId={TAG_LIST}
            onPatch={patchActive}
            onRemove={() => setRemoving([active.id])}
            onClose={close}
          />
        )}
      </div>
      <TagOptions tags={tags} />
      <LibraryActions
        total={total}
        library={library.papers && { papers: library.papers, topics: library.topics }}
        onWiped={(message) => {
          sel.clear();
          setActiveId(null);
          setStatus(message);
        }}
      />
      <ConfirmRemove titles={removing && titles(removing)} onConfirm={confirmRemove} onClose={() => setRemoving(null)} />
    </section>
  );
}
