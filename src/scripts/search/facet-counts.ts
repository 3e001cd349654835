import type { FilterCounts, PagefindApi, PagefindSearch } from '../../lib/search/pagefind-api';
import { toPagefindQuery } from '../../lib/search/pagefind-options';
import { searchFacets, type SearchState } from '../../lib/search/query-state';

/**
 * Counts for the facet checkboxes. Values within a facet are alternatives (any of them), so a
 * facet's own selection must not shrink its counts: each facet with a selection is counted
 * again with every filter except its own. Facets without a selection use the main search.
 */
export async function countFacets(
  pagefind: PagefindApi,
  state: SearchState,
  main: PagefindSearch,
): Promise<FilterCounts> {
  const counts: FilterCounts = { ...main.filters };
  const selected = searchFacets.filter((facet) => state.filters[facet].length > 0);
  await Promise.all(
    selected.map(async (facet) => {
      const { query, options } = toPagefindQuery({ ...state, filters: { ...state.filters, [facet]: [] } });
      const without = await pagefind.search(query, options);
      if (without) counts[facet] = without.filters[facet] ?? {};
    }),
  );
  return counts;
}
