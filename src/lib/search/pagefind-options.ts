import type { PagefindSearchOptions } from './pagefind-api';
import { searchFacets, type SearchState } from './query-state';

/** Turns the page's search state into Pagefind's query and options (any value within a facet, all facets). */
export function toPagefindQuery(state: SearchState): { query: string | null; options: PagefindSearchOptions } {
  const filters: NonNullable<PagefindSearchOptions['filters']> = {};
  for (const facet of searchFacets) {
    if (state.filters[facet].length > 0) filters[facet] = { any: state.filters[facet] };
  }
  const options: PagefindSearchOptions = { filters };
  if (state.sort === 'newest') options.sort = { date: 'desc' };
  if (state.sort === 'oldest') options.sort = { date: 'asc' };
  // Pagefind lists every page matching the filters when the query is null.
  return { query: state.query === '' ? null : state.query, options };
}
