import type { FilterCounts } from '../../lib/search/pagefind-api';
import { searchFacets, type SearchFacet, type SearchState } from '../../lib/search/query-state';

const facetLegends: Record<SearchFacet, string> = {
  topic: 'Topic',
  brand: 'Brand',
  year: 'Year',
  columnist: 'Columnist',
};

function orderedValues(facet: SearchFacet, counts: Record<string, number>, selected: string[]): string[] {
  const values = new Set([...Object.keys(counts).filter((value) => (counts[value] ?? 0) > 0), ...selected]);
  const list = [...values];
  return facet === 'year' ? list.sort().reverse() : list.sort((a, b) => a.localeCompare(b, 'en'));
}

function facetFieldset(facet: SearchFacet, counts: Record<string, number>, selected: string[]): HTMLFieldSetElement {
  const fieldset = document.createElement('fieldset');
  fieldset.className = 'search-facet';
  const legend = document.createElement('legend');
  legend.textContent = facetLegends[facet];
  fieldset.append(legend);
  orderedValues(facet, counts, selected).forEach((value, position) => {
    const id = `facet-${facet}-${String(position)}`;
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.name = facet;
    box.value = value;
    box.checked = selected.includes(value);
    const label = document.createElement('label');
    label.htmlFor = id;
    const count = document.createElement('span');
    count.className = 'search-facet__count';
    count.textContent = `(${String(counts[value] ?? 0)})`;
    label.append(`${value} `, count);
    const row = document.createElement('div');
    row.className = 'search-facet__option';
    row.append(box, label);
    fieldset.append(row);
  });
  return fieldset;
}

/** Rebuilds the facet checkboxes with the counts of the current search; empty facets are left out. */
export function renderFacets(container: HTMLElement, counts: FilterCounts, state: SearchState): void {
  const fieldsets = searchFacets
    .map((facet) => facetFieldset(facet, counts[facet] ?? {}, state.filters[facet]))
    .filter((fieldset) => fieldset.querySelector('input') !== null);
  container.replaceChildren(...fieldsets);
}

/** Reads the checked facet values back from the form. */
export function readFacets(container: HTMLElement): SearchState['filters'] {
  const filters: SearchState['filters'] = { topic: [], brand: [], year: [], columnist: [] };
  for (const box of container.querySelectorAll<HTMLInputElement>('input[type="checkbox"]:checked')) {
    const facet = searchFacets.find((name) => name === box.name);
    if (facet) filters[facet].push(box.value);
  }
  return filters;
}
