/** Search box, filters (tag, topic, read, date saved) and sort order of the papers list. */
import { memo } from '@/components/memo';
import { SAVED_WITHIN, SORTS, type Filters, type ReadFilter, type SavedWithin, type SortKey } from '@/utils/library/filter';

interface Props {
  query: string;
  onQuery: (q: string) => void;
  filters: Filters;
  onFilters: (f: Filters) => void;
  sort: SortKey;
  onSort: (s: SortKey) => void;
  tags: Array<{ tag: string; count: number }>;
  topics: Array<{ name: string; count: number }>;
}

export function Toolbar({ query, onQuery, filters, onFilters, sort, onSort, tags, topics }: Props) {
  return (
    <div class="ps-toolbar">
      <div class="ps-search" role="search">
        <label for="ps-search" class="visually-hidden">
          Search
        </label>
        <input
          id="ps-search"
          type="search"
          value={query}
          placeholder="Search titles, authors, abstracts, tags, notes"
          autocomplete="off"
          spellcheck={false}
          onInput={(e) => onQuery(e.currentTarget.value)}
        />
      </div>
      <FilterSelects filters={filters} onFilters={onFilters} sort={sort} onSort={onSort} tags={tags} topics={topics} />
    </div>
  );
}

type SelectProps = Omit<Props, 'query' | 'onQuery'>;

/** Memoised: typing in the search box does not re-render hundreds of tag options. */
const FilterSelects = memo(function FilterSelects({ filters, onFilters, sort, onSort, tags, topics }: SelectProps) {
  const set = (patch: Partial<Filters>) => onFilters({ ...filters, ...patch });
  return (
    <div class="ps-filters">
      <div class="ps-filter">
        <label for="ps-f-tag">Tag</label>
        <select id="ps-f-tag" value={filters.tag} onChange={(e) => set({ tag: e.currentTarget.value })}>
          <option value="">All tags</option>
          {tags.map(({ tag, count }) => (
            <option key={tag} value={tag}>
              {tag} ({count})
            </option>
          ))}
        </select>
      </div>
      {topics.length > 0 && (
        <div class="ps-filter">
          <label for="ps-f-topic">Topic</label>
          <select id="ps-f-topic" value={filters.topic} onChange={(e) => set({ topic: e.currentTarget.value })}>
            <option value="">All topics</option>
            {topics.map(({ name, count }) => (
              <option key={name} value={name}>
                {name} ({count})
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="ps-filter">
        <label for="ps-f-read">Status</label>
        <select id="ps-f-read" value={filters.read} onChange={(e) => set({ read: e.currentTarget.value as ReadFilter })}>
          <option value="all">Read and unread</option>
          <option value="unread">Unread</option>
          <option value="read">Read</option>
        </select>
      </div>
      <div class="ps-filter">
        <label for="ps-f-saved">Saved</label>
        <select id="ps-f-saved" value={filters.saved} onChange={(e) => set({ saved: e.currentTarget.value as SavedWithin })}>
          {SAVED_WITHIN.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <div class="ps-filter">
        <label for="ps-f-sort">Sort by</label>
        <select id="ps-f-sort" value={sort} onChange={(e) => onSort(e.currentTarget.value as SortKey)}>
          {SORTS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
});
