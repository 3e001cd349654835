import { isPagefindApi, type PagefindApi } from '../../lib/search/pagefind-api';
import { searchExcerptLength, searchRanking } from '../../lib/search/ranking';

/** The index could not be loaded: not built yet (astro dev) or not reachable. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}

let loading: Promise<PagefindApi> | undefined;

async function importPagefind(bundleUrl: string): Promise<PagefindApi> {
  let loaded: unknown;
  try {
    loaded = await import(/* @vite-ignore */ bundleUrl);
  } catch (error) {
    throw new SearchUnavailableError(`the search index at ${bundleUrl} could not be loaded`, { cause: error });
  }
  if (!isPagefindApi(loaded)) throw new SearchUnavailableError(`${bundleUrl} is not a Pagefind bundle`);
  await loaded.options({ ranking: searchRanking, excerptLength: searchExcerptLength });
  await loaded.init();
  return loaded;
}

/** Loads Pagefind once, on the first search; later calls share the same promise. */
export function loadPagefind(bundleUrl = '/pagefind/pagefind.js'): Promise<PagefindApi> {
  loading ??= importPagefind(bundleUrl).catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

let allFilters: Promise<unknown> | undefined;

/**
 * Facet counts are only complete once every filter chunk is loaded, not just those a search touched.
 * Those chunks are a fifth of a first search's transfer, so they load only once the reader reaches
 * for the filters (or arrives with some chosen); later calls share the same promise.
 */
export function loadAllFilters(pagefind: PagefindApi): Promise<unknown> {
  allFilters ??= pagefind.filters().catch((error: unknown) => {
    allFilters = undefined;
    throw error;
  });
  return allFilters;
}
