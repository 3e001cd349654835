import { didYouMean } from '../../lib/search/did-you-mean';
import type { PagefindResult } from '../../lib/search/pagefind-api';
import { nounFor } from '../../lib/plural';
import { toPagefindQuery } from '../../lib/search/pagefind-options';
import {
  emptySearchState,
  hasActiveFilters,
  isSearchable,
  parseSearchParams,
  sameSearch,
  toSearchParams,
  type SearchState,
} from '../../lib/search/query-state';
import { countFacets } from './facet-counts';
import { installSearchKeys } from './keyboard';
import { SearchUnavailableError, loadAllFilters, loadPagefind } from './pagefind-loader';
import { readFacets, renderFacets } from './render-facets';
import { renderResult } from './render-results';

const pageSize = 10;

function required<T extends Element>(selector: string, type: new () => T): T {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`search page is missing ${selector}`);
  return found;
}

const form = required('[data-search-form]', HTMLFormElement);
const input = required('[data-search-input]', HTMLInputElement);
const sortSelect = required('[data-search-sort]', HTMLSelectElement);
const controls = required('[data-search-controls]', HTMLElement);
const filterPanel = required('[data-search-filters]', HTMLDetailsElement);
const layout = required('[data-search-layout]', HTMLElement);
const facets = required('[data-search-facets]', HTMLElement);
const status = required('[data-search-status]', HTMLElement);
const results = required('[data-search-results]', HTMLOListElement);
const more = required('[data-search-more]', HTMLButtonElement);
const suggestions = required('[data-search-suggestions]', HTMLElement);
const unavailable = required('[data-search-unavailable]', HTMLElement);
const spelling = required('[data-search-didyoumean]', HTMLElement);

let current = parseSearchParams(new URLSearchParams(window.location.search));
let latestRun = 0;
let pending: PagefindResult[] = [];
// Set once the reader reaches for the filters; until then a search skips the filter chunks.
let wantsFilters = false;
// The first keystroke of a new query adds a history entry; the rest of the word replaces it.
let typingHasEntry = false;

function describe(count: number, state: SearchState): string {
  const noun = nounFor(count, 'letter', 'letters');
  const words = state.query ? ` for “${state.query}”` : '';
  const filtered = hasActiveFilters(state) ? ' with the chosen filters' : '';
  return count === 0 ? `No letters found${words}${filtered}.` : `${String(count)} ${noun} found${words}${filtered}.`;
}

// Fetches the next batch before touching the list, so a new search never flashes an empty list.
async function showMore(run: number, replace = false): Promise<void> {
  const batch = pending.slice(0, pageSize);
  pending = pending.slice(pageSize);
  const items = (await Promise.all(batch.map((result) => result.data()))).map(renderResult);
  if (run !== latestRun) return;
  if (replace) results.replaceChildren(...items);
  else results.append(...items);
  more.hidden = pending.length === 0;
}

let vocabulary: Promise<string[]> | undefined;

/** Offers "Did you mean …" when a word of the query is not one the site uses but is a slip away from one. */
async function offerSpelling(run: number, query: string): Promise<void> {
  spelling.hidden = true;
  if (!/\p{L}{3}/u.test(query)) return;
  vocabulary ??= fetch('/search-vocabulary.json')
    .then((r) => (r.ok ? (r.json() as Promise<string[]>) : []))
    .catch(() => []);
  const better = didYouMean(query, await vocabulary);
  if (run !== latestRun || better === undefined) return;
  const link = document.createElement('a');
  link.href = `?${toSearchParams({ ...current, query: better }).toString()}`;
  link.textContent = better;
  spelling.replaceChildren('Did you mean ', link, '?');
  spelling.hidden = false;
}

/** Loads every filter chunk, then draws the checkboxes with this search's counts. */
async function showFacetCounts(run: number, state: SearchState): Promise<void> {
  const pagefind = await loadPagefind();
  await loadAllFilters(pagefind);
  // Counts are taken when a search runs, so the search runs again now that every chunk is in;
  // its index chunks and fragments are already loaded, so this costs no transfer.
  const { query, options } = toPagefindQuery(state);
  const search = await pagefind.search(query, options);
  if (run !== latestRun || !search) return;
  const counts = await countFacets(pagefind, state, search);
  if (run !== latestRun) return;
  const hadFocus = facets.contains(document.activeElement);
  renderFacets(facets, counts, state);
  if (hadFocus) facets.querySelector('input')?.focus();
}

function offerFilters(): void {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'search-facets__load';
  button.textContent = 'Filter by topic, brand or year';
  button.dataset.searchLoadFilters = '';
  facets.replaceChildren(button);
}

/** The reader reached for the filters: from now on every search brings its facet counts. */
function wantFilters(): void {
  if (wantsFilters) return;
  wantsFilters = true;
  if (!isSearchable(current) || controls.hidden) return;
  showFacetCounts(latestRun, current).catch(() => {
    wantsFilters = false;
  });
}

function showIdle(): void {
  spelling.hidden = true;
  results.replaceChildren();
  facets.replaceChildren();
  status.textContent = '';
  more.hidden = true;
  suggestions.hidden = false;
}

function revealControls(): void {
  if (!controls.hidden) return;
  // On a narrow screen the filters start folded so the first results stay in view.
  if (window.matchMedia('(max-width: 59.99rem)').matches) filterPanel.open = false;
  controls.hidden = false;
  layout.classList.add('with-controls');
}

async function runSearch(state: SearchState): Promise<void> {
  const run = ++latestRun;
  if (!isSearchable(state)) {
    showIdle();
    results.removeAttribute('aria-busy');
    return;
  }
  status.textContent = 'Searching…';
  results.setAttribute('aria-busy', 'true');
  try {
    const pagefind = await loadPagefind();
    const { query, options } = toPagefindQuery(state);
    const search = await pagefind.search(query, options);
    if (run !== latestRun || !search) return;
    revealControls();
    pending = search.results;
    await showMore(run, true);
    if (run !== latestRun) return;
    // A reader who chose a filter keeps the filters in view after clearing it.
    if (hasActiveFilters(state)) wantsFilters = true;
    if (wantsFilters) await showFacetCounts(run, state);
    else offerFilters();
    if (run !== latestRun) return;
    status.textContent = describe(search.results.length, state);
    suggestions.hidden = search.results.length > 0;
    // One word that found letters is a word the site uses (Pagefind matched it), so the vocabulary,
    // the largest file a search would fetch after the index, is only fetched when it can help.
    const oneWord = !/\s/.test(state.query.trim());
    if (search.results.length === 0 || !oneWord) void offerSpelling(run, state.query);
    else spelling.hidden = true;
  } catch (error) {
    if (run !== latestRun) return;
    showIdle();
    if (error instanceof SearchUnavailableError) unavailable.hidden = false;
    else status.textContent = 'Sorry, the search failed. Please try again.';
  } finally {
    if (run === latestRun) results.removeAttribute('aria-busy');
  }
}

function fillForm(state: SearchState): void {
  input.value = state.query;
  sortSelect.value = state.sort;
}

function readForm(): SearchState {
  const params = toSearchParams({ ...emptySearchState(), filters: readFacets(facets) });
  params.set('q', input.value);
  params.set('sort', sortSelect.value);
  return parseSearchParams(params);
}

function go(next: SearchState, mode: 'push' | 'replace'): void {
  if (!sameSearch(next, current)) {
    const query = toSearchParams(next).toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ''}`;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }
  current = next;
  void runSearch(next);
}

// Searching on every keystroke fetched result fragments for each prefix typed ("l", "le", "lea"…),
// most of a query's transfer; a search starts once typing pauses.
const TYPING_PAUSE_MS = 200;
let typingTimer: ReturnType<typeof setTimeout> | undefined;

input.addEventListener('input', () => {
  clearTimeout(typingTimer);
  typingTimer = setTimeout(() => {
    const next = readForm();
    if (next.query === current.query) return;
    go(next, typingHasEntry ? 'replace' : 'push');
    typingHasEntry = true;
  }, TYPING_PAUSE_MS);
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  clearTimeout(typingTimer);
  typingHasEntry = false;
  go(readForm(), 'push');
});

facets.addEventListener('change', () => {
  typingHasEntry = false;
  go(readForm(), 'push');
});

sortSelect.addEventListener('change', () => {
  typingHasEntry = false;
  go(readForm(), 'push');
});

// Pointing at the panel starts the chunks' transfer before the click lands; the checkboxes replace
// the button only on that click, so the click never falls on a checkbox that took its place.
controls.addEventListener('pointerenter', () => {
  if (!controls.hidden)
    void loadPagefind()
      .then(loadAllFilters)
      .catch(() => undefined);
});
facets.addEventListener('click', (event) => {
  if (event.target instanceof HTMLElement && event.target.closest('[data-search-load-filters]')) wantFilters();
});
filterPanel.addEventListener('toggle', () => {
  // Chromium also reports the panel's initial open state as a toggle, before any search shows it.
  if (filterPanel.open && !controls.hidden) wantFilters();
});

more.addEventListener('click', () => {
  const shown = results.children.length;
  // The button may disappear with the last batch, so focus moves to the first new result.
  void showMore(latestRun).then(() => {
    results.children[shown]?.querySelector<HTMLAnchorElement>('a[data-search-result]')?.focus();
  });
});

window.addEventListener('popstate', () => {
  typingHasEntry = false;
  current = parseSearchParams(new URLSearchParams(window.location.search));
  fillForm(current);
  void runSearch(current);
});

installSearchKeys(input, results, () => {
  typingHasEntry = false;
  go(readForm(), 'push');
});

fillForm(current);
if (isSearchable(current)) void runSearch(current);

// `astro dev` builds no index: say so as the page opens instead of after the first search.
if (import.meta.env.DEV) {
  loadPagefind().catch(() => {
    unavailable.hidden = false;
  });
}
