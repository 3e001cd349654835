/** The subset of Pagefind's browser API (pagefind.js) the search page uses. */

export type FilterCounts = Record<string, Record<string, number>>;

export interface PagefindSubResult {
  title: string;
  url: string;
  excerpt: string;
}

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: PagefindSubResult[];
}

export interface PagefindResult {
  id: string;
  data: () => Promise<PagefindResultData>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  unfilteredResultCount: number;
  filters: FilterCounts;
  totalFilters: FilterCounts;
}

export interface PagefindSearchOptions {
  filters?: Record<string, { any: string[] }>;
  sort?: Record<string, 'asc' | 'desc'>;
}

export interface PagefindApi {
  options: (options: Record<string, unknown>) => Promise<void>;
  init: () => Promise<void>;
  search: (query: string | null, options?: PagefindSearchOptions) => Promise<PagefindSearch | null>;
  filters: () => Promise<FilterCounts>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks that a dynamically imported module really is Pagefind's API before the page relies on it. */
export function isPagefindApi(value: unknown): value is PagefindApi {
  return (
    isObject(value) &&
    typeof value.options === 'function' &&
    typeof value.init === 'function' &&
    typeof value.search === 'function' &&
    typeof value.filters === 'function'
  );
}
