/** The facets a reader can filter search results by; names match the letter page's data-pagefind-filter keys. */
export const searchFacets = ['topic', 'brand', 'year', 'columnist'] as const;
export type SearchFacet = (typeof searchFacets)[number];

export const searchSorts = ['relevance', 'newest', 'oldest'] as const;
export type SearchSort = (typeof searchSorts)[number];

/** Everything that decides which results /search shows; it round-trips through the URL. */
export interface SearchState {
  query: string;
  filters: Record<SearchFacet, string[]>;
  sort: SearchSort;
}

// Long enough for any sensible question, short enough that a pasted essay cannot stall the page.
export const maxQueryLength = 200;
const maxFilterValueLength = 100;
const maxValuesPerFacet = 20;

export function emptySearchState(): SearchState {
  return { query: '', filters: { topic: [], brand: [], year: [], columnist: [] }, sort: 'relevance' };
}

function isSort(value: string): value is SearchSort {
  return (searchSorts as readonly string[]).includes(value);
}

/** Reads a search from URL parameters, dropping anything malformed instead of failing. */
export function parseSearchParams(params: URLSearchParams): SearchState {
  const state = emptySearchState();
  state.query = (params.get('q') ?? '').replace(/\s+/g, ' ').trim().slice(0, maxQueryLength);
  for (const facet of searchFacets) {
    const values = params
      .getAll(facet)
      .map((value) => value.trim())
      .filter((value) => value.length > 0 && value.length <= maxFilterValueLength);
    state.filters[facet] = [...new Set(values)].slice(0, maxValuesPerFacet);
  }
  const sort = params.get('sort') ?? '';
  state.sort = isSort(sort) ? sort : 'relevance';
  return state;
}

/** Writes a search as URL parameters; defaults are left out so shared links stay short. */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const facet of searchFacets) {
    for (const value of state.filters[facet]) params.append(facet, value);
  }
  if (state.sort !== 'relevance') params.set('sort', state.sort);
  return params;
}

export function hasActiveFilters(state: SearchState): boolean {
  return searchFacets.some((facet) => state.filters[facet].length > 0);
}

/** True when there is something to search for: words, or at least one filter. */
export function isSearchable(state: SearchState): boolean {
  return state.query.length > 0 || hasActiveFilters(state);
}

export function sameSearch(a: SearchState, b: SearchState): boolean {
  return toSearchParams(a).toString() === toSearchParams(b).toString();
}
